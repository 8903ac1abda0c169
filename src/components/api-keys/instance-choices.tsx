"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "@/components/ui/states";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** The team's instances as checkboxes, for the instances a new API key may reach. */
export function InstanceChoices({
  loading,
  chosen,
  onChange,
}: {
  /** What shows while the instances load (the create form shows it while this loads, too). */
  loading: React.ReactNode;
  chosen: string[];
  onChange: (instanceIds: string[]) => void;
}) {
  const trpc = useTRPC();
  const instances = useQuery(trpc.instance.list.queryOptions());

  if (instances.isPending) return loading;
  if (instances.isError) {
    return <ErrorState message={errorMessage(instances.error)} onRetry={() => void instances.refetch()} />;
  }
  if (instances.data.length === 0) {
    return (
      <p className="text-sm text-fg-muted">
        There are no instances yet. Choose all instances, or create an instance first.
      </p>
    );
  }
  return (
    <ul
      aria-label="Instances"
      className="grid max-h-48 gap-1 overflow-y-auto rounded-lg border border-line bg-surface-muted/60 p-2 sm:grid-cols-2 lg:grid-cols-3"
    >
      {instances.data.map((instance) => (
        <li key={instance.id}>
          <label className="flex min-h-8 items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-surface">
            <input
              type="checkbox"
              checked={chosen.includes(instance.id)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...chosen, instance.id]
                    : chosen.filter((instanceId) => instanceId !== instance.id),
                )
              }
              className="h-4 w-4 accent-indigo-600"
            />
            <span className="truncate">{instance.alias}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}
