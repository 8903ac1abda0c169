"use client";

import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { formatBytes, formatExactBytes } from "@/lib/format";
import { SCOPE_LABELS } from "@/server/policies/policy-rules";
import type { TScopePolicy } from "@/server/policies/policy-schemas";
import { DefaultBadge, ExtensionList } from "./shared";

export type TPolicyAction = "edit" | "history" | "copy" | "reset";

/** One scope's policy as it applies now, with the actions the person's role allows. */
export function PolicyCard({
  policy,
  canEdit,
  onAction,
}: {
  policy: TScopePolicy;
  canEdit: boolean;
  onAction: (action: TPolicyAction) => void;
}) {
  const label = SCOPE_LABELS[policy.scope];
  const headingId = `policy-${policy.scope}`;
  const count = policy.allowedExtensions.length;
  return (
    <section
      aria-labelledby={headingId}
      data-scope={policy.scope}
      className="flex min-w-0 flex-col rounded-xl border border-line bg-surface p-4 shadow-sm"
    >
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="font-semibold">
            {label}
          </h2>
          <p className="font-mono text-[11px] tracking-wide text-fg-subtle">{policy.scope}</p>
        </div>
        {policy.isDefault ? <DefaultBadge /> : null}
      </div>

      <p className="mt-3 text-2xl font-semibold tracking-tight">{formatBytes(policy.maximumSizeLimitInBytes)}</p>
      <p className="text-xs text-fg-subtle">max per file · {formatExactBytes(policy.maximumSizeLimitInBytes)}</p>

      <h3 className="mt-4 mb-1.5 text-xs font-semibold tracking-wide text-fg-subtle uppercase">
        {count} allowed {count === 1 ? "extension" : "extensions"}
      </h3>
      {count ? (
        <ExtensionList extensions={policy.allowedExtensions} label={`${label} allowed extensions`} />
      ) : (
        <p className="text-sm text-amber-800 dark:text-amber-200">None: every upload is refused.</p>
      )}

      <p className="mt-4 mb-3 text-xs text-fg-subtle">
        {policy.version === 0 || !policy.updatedAt ? (
          "Never changed: Amazon Connect's default applies."
        ) : (
          <>
            Version {policy.version} · <span className="[overflow-wrap:anywhere]">{policy.updatedBy ?? "someone"}</span>
            , <Time date={policy.updatedAt} />
          </>
        )}
      </p>

      <div className="mt-auto flex flex-wrap gap-x-4 gap-y-1 border-t border-line pt-3">
        {canEdit ? (
          <Button variant="link" onClick={() => onAction("edit")} aria-label={`Edit ${label}`} data-action="edit">
            Edit
          </Button>
        ) : null}
        <Button
          variant="link"
          onClick={() => onAction("history")}
          aria-label={`${label} history`}
          data-action="history"
        >
          History
        </Button>
        {canEdit ? (
          <Button variant="link" onClick={() => onAction("copy")} aria-label={`Copy to other scopes from ${label}`}>
            Copy to…
          </Button>
        ) : null}
        {canEdit && !policy.isDefault ? (
          <Button variant="danger-link" onClick={() => onAction("reset")} aria-label={`Reset ${label} to default`}>
            Reset
          </Button>
        ) : null}
      </div>
    </section>
  );
}
