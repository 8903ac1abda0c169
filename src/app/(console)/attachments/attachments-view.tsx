"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { useTRPC } from "@/trpc/react";

export function InstancePicker() {
  const trpc = useTRPC();
  const instances = useQuery(trpc.instance.list.queryOptions());

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Attachments</h1>
        <p className="mt-1 text-slate-600">
          Each instance has an attachment policy per scope (email, chat, cases, tasks): which file types are allowed and
          how large a file may be. Choose an instance.
        </p>
      </div>

      {instances.isPending ? (
        <LoadingRows label="Loading instances" />
      ) : instances.isError ? (
        <ErrorState message={instances.error.message} onRetry={() => void instances.refetch()} />
      ) : instances.data.length === 0 ? (
        <EmptyState title="No instances yet">
          <Link href="/instances" className="text-indigo-700 hover:underline">
            Create an instance
          </Link>{" "}
          first; its attachment policies start with Amazon Connect's defaults.
        </EmptyState>
      ) : (
        <ul aria-label="Instances" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {instances.data.map((instance) => (
            <li key={instance.id}>
              <Link
                href={`/attachments/${instance.id}`}
                className="block rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300 hover:shadow focus-visible:outline-2 focus-visible:outline-indigo-500"
              >
                <span className="font-medium text-slate-900">{instance.alias}</span>
                <span className="mt-1 block truncate font-mono text-xs text-slate-500" title={instance.id}>
                  {instance.id}
                </span>
                <span className="mt-3 block text-sm font-medium text-indigo-700">Attachment policies →</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
