"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { InstancesSection } from "@/components/dashboard/instances-section";
import { useConsoleUser } from "@/components/shell/console-context";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { lazyComponent } from "@/lib/lazy";
import { ROLE_LABELS } from "@/server/team/role-rules";
import { useTRPC } from "@/trpc/react";

/** Shown once the overview is there: its code loads with it. */
const DashboardOverview = lazyComponent(
  () => import("@/components/dashboard/overview").then((overview) => overview.DashboardOverview),
  <InstancesSection>
    <LoadingRows label="Loading instances" rows={2} />
  </InstancesSection>,
);

export function DashboardView() {
  const user = useConsoleUser();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(trpc.instance.overview.queryOptions());
  }, [queryClient, trpc]);

  return (
    <div className="space-y-8">
      <PageHeader
        title={`Welcome, ${user.name ?? user.email}`}
        description={`You are ${/^[aeiou]/i.test(user.role) ? "an" : "a"} ${ROLE_LABELS[user.role].toLowerCase()} on this team.`}
      />
      <DashboardOverview />
    </div>
  );
}
