"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { WorkspacesLoading } from "@/components/branding/page-loading";
import { lazyComponent } from "@/lib/lazy";
import { useTRPC } from "@/trpc/react";

/** The page's first paint is its loading state; what lists the workspaces loads with them. */
const WorkspaceList = lazyComponent(
  () => import("@/components/branding/workspace-list").then((list) => list.WorkspaceList),
  <WorkspacesLoading />,
);

export function WorkspacesView({ instanceId }: { instanceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(trpc.workspace.list.queryOptions({ instanceId }));
  }, [queryClient, trpc, instanceId]);
  return <WorkspaceList instanceId={instanceId} />;
}
