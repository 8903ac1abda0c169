"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { reasonLabel, scopeLabel } from "./labels";

/** Refused uploads by scope and reason, over the last 7 and 30 days. */
export function RejectionSummary({ instanceId }: { instanceId: string }) {
  const trpc = useTRPC();
  const headingId = useId();
  const summary = useQuery(trpc.file.summary.queryOptions({ instanceId }));
  const total = (summary.data ?? []).reduce((sum, row) => sum + row.last30Days, 0);

  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-line bg-surface p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="font-semibold">
          Refusals
        </h2>
        {summary.data?.length ? (
          <p className="text-sm text-fg-muted">
            {total} {total === 1 ? "upload" : "uploads"} refused in the last 30 days
          </p>
        ) : null}
      </div>
      <div className="mt-3">
        {summary.isPending ? (
          <LoadingRows label="Loading refusals" rows={2} />
        ) : summary.isError ? (
          <ErrorState message={errorMessage(summary.error)} onRetry={() => void summary.refetch()} />
        ) : summary.data.length === 0 ? (
          <p className="text-sm text-fg-muted">No upload was refused in the last 30 days.</p>
        ) : (
          <Table caption="Refused uploads by scope and reason" className="shadow-none">
            <TableHead>
              <TableRow>
                <TableHeader>Scope</TableHeader>
                <TableHeader>Reason</TableHeader>
                <TableHeader className="lg:text-right">Last 7 days</TableHeader>
                <TableHeader className="lg:text-right">Last 30 days</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {summary.data.map((row) => (
                <TableRow key={`${row.scope}-${row.reasonCode}`}>
                  <TableCell label="Scope" className="font-medium">
                    {scopeLabel(row.scope)}
                  </TableCell>
                  <TableCell label="Reason">
                    {reasonLabel(row.reasonCode)}
                    <span className="block font-mono text-xs break-all text-fg-subtle">{row.reasonCode}</span>
                  </TableCell>
                  <TableCell label="Last 7 days" className="tabular-nums lg:text-right">
                    {row.last7Days}
                  </TableCell>
                  <TableCell label="Last 30 days" className="tabular-nums lg:text-right">
                    {row.last30Days}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </section>
  );
}
