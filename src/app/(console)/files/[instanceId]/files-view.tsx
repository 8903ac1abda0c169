"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { FilesLoading } from "@/components/files/page-loading";
import { fileListOptions } from "@/components/files/queries";
import { lazyComponent } from "@/lib/lazy";
import { useTRPC } from "@/trpc/react";

/** The page's first paint is its loading state; what lists the files loads with them. */
const FileList = lazyComponent(
  () => import("@/components/files/file-list").then((list) => list.FileList),
  <FilesLoading />,
);

export function FilesView({ instanceId }: { instanceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchInfiniteQuery(fileListOptions(trpc, { instanceId, filter: {} }));
    void queryClient.prefetchQuery(trpc.file.summary.queryOptions({ instanceId }));
  }, [queryClient, trpc, instanceId]);
  return <FileList instanceId={instanceId} />;
}
