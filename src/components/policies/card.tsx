"use client";

import { formatBytes } from "@/server/policies/policy-rules";
import { SCOPE_LABELS, type TScopePolicy } from "@/server/policies/policy-schemas";
import { DefaultBadge, ExtensionChip, linkButton, When } from "./policy-ui";
import { formatExactBytes } from "./size";

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
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="font-semibold">
            {label}
          </h2>
          <p className="font-mono text-[11px] tracking-wide text-slate-500">{policy.scope}</p>
        </div>
        {policy.isDefault ? <DefaultBadge /> : null}
      </div>

      <p className="mt-3 text-2xl font-semibold tracking-tight">{formatBytes(policy.maximumSizeLimitInBytes)}</p>
      <p className="text-xs text-slate-500">max per file · {formatExactBytes(policy.maximumSizeLimitInBytes)}</p>

      <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {policy.allowedExtensions.length} allowed {policy.allowedExtensions.length === 1 ? "extension" : "extensions"}
      </h3>
      {policy.allowedExtensions.length ? (
        <ul aria-label={`${label} allowed extensions`} className="mt-1.5 flex flex-wrap gap-1">
          {policy.allowedExtensions.map((extension) => (
            <ExtensionChip key={extension} extension={extension} />
          ))}
        </ul>
      ) : (
        <p className="mt-1.5 text-sm text-amber-800">None: every upload is refused.</p>
      )}

      <p className="mt-4 mb-3 text-xs text-slate-500">
        {policy.version === 0 || !policy.updatedAt ? (
          "Never changed: Amazon Connect's default applies."
        ) : (
          <>
            Version {policy.version} · {policy.updatedBy ?? "someone"}, <When date={policy.updatedAt} />
          </>
        )}
      </p>

      <div className="mt-auto flex flex-wrap gap-x-3 gap-y-1 border-t border-slate-100 pt-3">
        {canEdit ? (
          <button type="button" onClick={() => onAction("edit")} aria-label={`Edit ${label}`} className={linkButton}>
            Edit
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => onAction("history")}
          aria-label={`${label} history`}
          className={linkButton}
        >
          History
        </button>
        {canEdit ? (
          <button
            type="button"
            onClick={() => onAction("copy")}
            aria-label={`Copy ${label} to other scopes`}
            className={linkButton}
          >
            Copy to…
          </button>
        ) : null}
        {canEdit && !policy.isDefault ? (
          <button
            type="button"
            onClick={() => onAction("reset")}
            aria-label={`Reset ${label} to default`}
            className="text-sm font-medium text-red-700 hover:underline"
          >
            Reset
          </button>
        ) : null}
      </div>
    </section>
  );
}
