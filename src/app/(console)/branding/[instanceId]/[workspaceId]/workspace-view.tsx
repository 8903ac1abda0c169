"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { WorkspaceLoading } from "@/components/branding/page-loading";
import { lazyComponent } from "@/lib/lazy";
import { useTRPC } from "@/trpc/react";

/** The page's first paint is its loading state; what shows the workspace loads with it. */
const WorkspaceDetail = lazyComponent(
  () => import("@/components/branding/workspace-detail").then((detail) => detail.WorkspaceDetail),
  <WorkspaceLoading />,
);

export function WorkspaceView({ instanceId, workspaceId }: { instanceId: string; workspaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(trpc.workspace.get.queryOptions({ instanceId, workspaceId }));
  }, [queryClient, trpc, instanceId, workspaceId]);
  return <WorkspaceDetail instanceId={instanceId} workspaceId={workspaceId} />;
}
