"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

export function AttachmentsView() {
  const trpc = useTRPC();
  const instances = useQuery(trpc.instance.list.queryOptions());

  return (
    <div className="space-y-6">
      <PageHeader
        title="Attachments"
        description="Each instance has an attachment policy per scope (email, chat, cases, tasks): which file types are allowed and how large a file may be. Choose an instance."
      />

      {instances.isPending ? (
        <LoadingRows label="Loading instances" />
      ) : instances.isError ? (
        <ErrorState message={errorMessage(instances.error)} onRetry={() => void instances.refetch()} />
      ) : instances.data.length === 0 ? (
        <EmptyState title="No instances yet">
          <Link href={routes.instances} className="text-link underline">
            Create an instance
          </Link>{" "}
          first; its attachment policies start with Amazon Connect&apos;s defaults.
        </EmptyState>
      ) : (
        <ul aria-label="Instances" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {instances.data.map((instance) => (
            <li key={instance.id}>
              <Link
                href={routes.instancePolicies(instance.id)}
                className="block rounded-xl border border-line bg-surface p-4 shadow-sm hover:border-indigo-400 hover:shadow"
              >
                <span className="font-medium break-words text-fg">{instance.alias}</span>
                <span className="mt-1 block truncate font-mono text-xs text-fg-subtle" title={instance.id}>
                  {instance.id}
                </span>
                <span className="mt-3 block text-sm font-medium text-link">Attachment policies →</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
