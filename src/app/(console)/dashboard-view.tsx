"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { InstanceOverviewCard } from "@/components/dashboard/instance-card";
import { RecentChanges } from "@/components/dashboard/recent-changes";
import { useConsoleUser } from "@/components/shell/console-context";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import { ROLE_LABELS } from "@/server/team/role-rules";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

export function DashboardView() {
  const user = useConsoleUser();
  const trpc = useTRPC();
  const overview = useQuery(trpc.instance.overview.queryOptions());

  return (
    <div className="space-y-8">
      <PageHeader
        title={`Welcome, ${user.name ?? user.email}`}
        description={`You are ${/^[aeiou]/i.test(user.role) ? "an" : "a"} ${ROLE_LABELS[user.role].toLowerCase()} on this team.`}
      />

      <section aria-labelledby="instances-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="instances-heading" className="text-lg font-semibold">
            Instances
          </h2>
          <Link href={routes.instances} className={buttonClasses({ variant: "link" })}>
            Manage instances →
          </Link>
        </div>
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
      </section>

      {overview.data?.instances.length ? <RecentChanges changes={overview.data.recentChanges} /> : null}
    </div>
  );
}
