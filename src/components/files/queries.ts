import type { TFileListFilter } from "@/server/files/file-schemas";
import type { useTRPC } from "@/trpc/react";

/** The files list as the page prefetches it and the list reads it: one cache entry for both. */
export const fileListOptions = (
  trpc: ReturnType<typeof useTRPC>,
  { instanceId, filter }: { instanceId: string; filter: TFileListFilter },
) =>
  trpc.file.list.infiniteQueryOptions(
    { instanceId, filter },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
