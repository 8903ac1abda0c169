"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { lazyComponent } from "@/lib/lazy";
import { useTRPC } from "@/trpc/react";

/** Shown once the instances are there: its code loads with them. */
const BrandingInstanceList = lazyComponent(
  () => import("@/components/branding/instance-list").then((list) => list.BrandingInstanceList),
  <LoadingRows label="Loading instances" />,
);

export function BrandingView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(trpc.instance.list.queryOptions());
  }, [queryClient, trpc]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Branding"
        description="Each instance has workspaces: the agent workspace's logos, favicons and colours, in light and dark. Choose an instance."
      />
      <BrandingInstanceList />
    </div>
  );
}
