"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useConsoleUser } from "@/components/shell/console-context";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { ROLE_LABELS } from "@/server/team/role-rules";
import { useTRPC } from "@/trpc/react";

export function Dashboard() {
  const user = useConsoleUser();
  const trpc = useTRPC();
  const instances = useQuery(trpc.instance.list.queryOptions());

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Welcome, {user.name ?? user.email}</h1>
        <p className="mt-1 text-slate-600">
          You are {/^[aeiou]/i.test(user.role) ? "an" : "a"} {ROLE_LABELS[user.role].toLowerCase()} on this team.
        </p>
      </div>

      <section aria-labelledby="instances-heading" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="instances-heading" className="text-lg font-semibold">
            Instances
          </h2>
          <Link href="/instances" className="text-sm font-medium text-indigo-700 hover:underline">
            Manage instances →
          </Link>
        </div>
        {instances.isPending ? (
          <LoadingRows label="Loading instances" rows={2} />
        ) : instances.isError ? (
          <ErrorState message={instances.error.message} onRetry={() => void instances.refetch()} />
        ) : instances.data.length === 0 ? (
          <EmptyState title="No instances yet">
            <Link href="/instances" className="text-indigo-700 hover:underline">
              Create your first instance
            </Link>{" "}
            to start managing attachment policies.
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {instances.data.map((instance) => (
              <li key={instance.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <p className="font-medium">{instance.alias}</p>
                <p className="mt-1 truncate font-mono text-xs text-slate-500" title={instance.id}>
                  {instance.id}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
