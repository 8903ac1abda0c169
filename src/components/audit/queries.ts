import type { TAuditFilter } from "@/server/audit-log-schemas";
import type { useTRPC } from "@/trpc/react";

/** The audit log as the page prefetches it and the list reads it: one cache entry for both. */
export const auditListOptions = (trpc: ReturnType<typeof useTRPC>, filter: TAuditFilter) =>
  trpc.audit.list.infiniteQueryOptions({ filter }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
