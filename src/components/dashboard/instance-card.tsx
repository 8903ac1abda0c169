"use client";

import Link from "next/link";
import { CHANGE_KIND_LABELS } from "@/components/policies/shared";
import { Time } from "@/components/ui/time";
import { formatBytes } from "@/lib/format";
import { routes } from "@/lib/routes";
import type { TInstancesOverview } from "@/server/instances/instance-schemas";
import { SCOPE_LABELS } from "@/server/policies/policy-rules";

export type TInstanceOverview = TInstancesOverview["instances"][number];

/**
 * One instance on the dashboard: its name links to its policies; which scopes differ from Amazon
 * Connect's default, and its latest change. The whole card is the link's target area.
 */
export function InstanceOverviewCard({ instance }: { instance: TInstanceOverview }) {
  const { customizedScopes, lastChange } = instance;
  return (
    <article className="relative flex w-full flex-col rounded-xl border border-line bg-surface p-4 shadow-sm focus-within:ring-2 focus-within:ring-focus hover:border-indigo-400">
      <h3 className="font-medium break-words">
        <Link href={routes.instancePolicies(instance.id)} className="after:absolute after:inset-0 focus:outline-none">
          {instance.alias}
        </Link>
      </h3>
      <p className="mt-0.5 truncate font-mono text-xs text-fg-subtle" title={instance.id}>
        {instance.id}
      </p>
      <div className="mt-3 text-sm">
        {customizedScopes.length === 0 ? (
          <p className="text-fg-muted">All four scopes use Amazon Connect&apos;s default.</p>
        ) : (
          <>
            <p className="text-fg-muted">Differ from Amazon Connect&apos;s default:</p>
            <ul className="mt-1 space-y-0.5">
              {customizedScopes.map((scope) => (
                <li key={scope.scope}>
                  <span className="font-medium">{SCOPE_LABELS[scope.scope]}</span>{" "}
                  <span className="text-fg-muted">
                    {formatBytes(scope.maximumSizeLimitInBytes)}, {scope.allowedExtensionCount}{" "}
                    {scope.allowedExtensionCount === 1 ? "extension" : "extensions"}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <p className="mt-3 border-t border-line pt-2 text-xs text-fg-subtle">
        {lastChange ? (
          <>
            Last change: {SCOPE_LABELS[lastChange.scope]} {CHANGE_KIND_LABELS[lastChange.kind].toLowerCase()} (version{" "}
            {lastChange.version}), <Time date={lastChange.createdAt} />
          </>
        ) : (
          "No changes yet."
        )}
      </p>
    </article>
  );
}
