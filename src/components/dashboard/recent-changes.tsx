"use client";

import Link from "next/link";
import { CHANGE_KIND_LABELS } from "@/components/policies/shared";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { routes } from "@/lib/routes";
import type { TInstancesOverview } from "@/server/instances/instance-schemas";
import { SCOPE_LABELS } from "@/server/policies/policy-rules";

type TRecentChange = TInstancesOverview["recentChanges"][number];

/** The latest policy changes across the team's instances, newest first. */
export function RecentChanges({ changes }: { changes: TRecentChange[] }) {
  return (
    <section aria-labelledby="recent-heading" className="space-y-3">
      <h2 id="recent-heading" className="text-lg font-semibold">
        Latest changes
      </h2>
      {changes.length === 0 ? (
        <p className="text-sm text-fg-muted">No policy has been changed yet.</p>
      ) : (
        <ol className="divide-y divide-line rounded-xl border border-line bg-surface shadow-sm">
          {changes.map((change) => (
            <li key={change.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-sm">
              <Link
                href={routes.instancePolicies(change.instanceId)}
                className="font-medium break-words text-link hover:underline"
              >
                {change.instanceAlias}
              </Link>
              <span>{SCOPE_LABELS[change.scope]}</span>
              <Badge>{CHANGE_KIND_LABELS[change.kind]}</Badge>
              <span className="text-fg-muted">version {change.version}</span>
              <span className="min-w-0 text-fg-subtle [overflow-wrap:anywhere]">
                {change.actorLabel}
                {change.actorKind === "API_KEY" ? " (API key)" : ""}
              </span>
              <span className="ml-auto text-fg-subtle">
                <Time date={change.createdAt} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
