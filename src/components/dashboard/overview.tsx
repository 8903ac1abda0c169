"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { InstanceOverviewCard } from "./instance-card";
import { InstancesSection } from "./instances-section";
import { RecentChanges } from "./recent-changes";

/** The team's instances and latest changes; loaded by the dashboard together with its overview. */
export function DashboardOverview() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.instance.overview.queryOptions());

  return (
    <>
      <InstancesSection>
        {overview.isPending ? (
          <LoadingRows label="Loading instances" rows={2} />
        ) : overview.isError ? (
          <ErrorState message={errorMessage(overview.error)} onRetry={() => void overview.refetch()} />
        ) : overview.data.instances.length === 0 ? (
          <EmptyState title="No instances yet">
            <Link href={routes.instances} className="text-link underline">
              Create your first instance
            </Link>{" "}
            to start managing attachment policies.
          </EmptyState>
        ) : (
          <>
            <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
              {overview.data.instances.map((instance) => (
                <li key={instance.id} className="flex">
                  <InstanceOverviewCard instance={instance} />
                </li>
              ))}
            </ul>
            {overview.data.totalInstances > overview.data.instances.length ? (
              <p className="text-sm text-fg-muted">
                Showing the first {overview.data.instances.length} of {overview.data.totalInstances} instances.{" "}
                <Link href={routes.instances} className="text-link underline">
                  See them all
                </Link>
                .
              </p>
            ) : null}
          </>
        )}
      </InstancesSection>

      {overview.data?.instances.length ? <RecentChanges changes={overview.data.recentChanges} /> : null}
    </>
  );
}
