"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { lazyComponent } from "@/lib/lazy";
import { useTRPC } from "@/trpc/react";

/** Shown once the instances are there: its code loads with them. */
const PolicyInstanceList = lazyComponent(
  () => import("@/components/policies/instance-list").then((list) => list.PolicyInstanceList),
  <LoadingRows label="Loading instances" />,
);

export function AttachmentsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(trpc.instance.list.queryOptions());
  }, [queryClient, trpc]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Attachments"
        description="Each instance has an attachment policy per scope (email, chat, cases, tasks): which file types are allowed and how large a file may be. Choose an instance."
      />
      <PolicyInstanceList />
    </div>
  );
}
