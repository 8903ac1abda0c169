"use client";

import { formatBytes, isEmptyDiff, type TPolicyDiff } from "@/server/policies/policy-rules";
import { ExtensionChip } from "./policy-ui";
import { formatExactBytes } from "./size";

const defaultLabel = (isDefault: boolean) => (isDefault ? "Amazon Connect's default" : "own configuration");

/** A policy change in words: size before → after, extensions added and removed. */
export function PolicyDiffView({ diff, label }: { diff: TPolicyDiff; label?: string }) {
  const body = <DiffBody diff={diff} />;
  return label ? (
    <section aria-label={label} className="text-sm">
      {body}
    </section>
  ) : (
    <div className="text-sm">{body}</div>
  );
}

function DiffBody({ diff }: { diff: TPolicyDiff }) {
  return (
    <>
      {isEmptyDiff(diff) ? (
        <p className="text-slate-500">No changes.</p>
      ) : (
        <dl className="space-y-2">
          {diff.size ? (
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Size limit</dt>
              <dd>
                {formatBytes(diff.size.before)} → <strong>{formatBytes(diff.size.after)}</strong>{" "}
                <span className="text-slate-500">
                  ({formatExactBytes(diff.size.before)} → {formatExactBytes(diff.size.after)})
                </span>
              </dd>
            </div>
          ) : null}
          {diff.added.length ? (
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Added</dt>
              <dd>
                <ul aria-label="Added extensions" className="mt-1 flex flex-wrap gap-1">
                  {diff.added.map((extension) => (
                    <ExtensionChip key={extension} extension={extension} tone="added" />
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          {diff.removed.length ? (
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Removed</dt>
              <dd>
                <ul aria-label="Removed extensions" className="mt-1 flex flex-wrap gap-1">
                  {diff.removed.map((extension) => (
                    <ExtensionChip key={extension} extension={extension} tone="removed" />
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          {diff.defaultChanged ? (
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Configuration</dt>
              <dd>
                {defaultLabel(diff.defaultChanged.before)} → {defaultLabel(diff.defaultChanged.after)}
              </dd>
            </div>
          ) : null}
        </dl>
      )}
    </>
  );
}
