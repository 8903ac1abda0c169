"use client";

import { formatBytesPair, formatExactBytes } from "@/lib/format";
import { isEmptyDiff, type TPolicyDiff } from "@/server/policies/policy-rules";
import { ExtensionList } from "./shared";

const defaultLabel = (isDefault: boolean) => (isDefault ? "Amazon Connect's default" : "own configuration");

const Term = ({ children }: { children: React.ReactNode }) => (
  <dt className="text-xs font-semibold tracking-wide text-fg-subtle uppercase">{children}</dt>
);

/** A policy change in words: size before → after, extensions added and removed. */
export function PolicyDiffView({ diff, label }: { diff: TPolicyDiff; label?: string }) {
  const body = isEmptyDiff(diff) ? (
    <p className="text-fg-subtle">No changes.</p>
  ) : (
    <dl className="space-y-2">
      {diff.size ? (
        <div>
          <Term>Size limit</Term>
          <dd>
            <SizeChange before={diff.size.before} after={diff.size.after} />
          </dd>
        </div>
      ) : null}
      {diff.added.length ? (
        <div>
          <Term>Added</Term>
          <dd className="mt-1">
            <ExtensionList extensions={diff.added} label="Added extensions" tone="success" />
          </dd>
        </div>
      ) : null}
      {diff.removed.length ? (
        <div>
          <Term>Removed</Term>
          <dd className="mt-1">
            <ExtensionList extensions={diff.removed} label="Removed extensions" tone="danger" strike />
          </dd>
        </div>
      ) : null}
      {diff.defaultChanged ? (
        <div>
          <Term>Configuration</Term>
          <dd>
            {defaultLabel(diff.defaultChanged.before)} → {defaultLabel(diff.defaultChanged.after)}
          </dd>
        </div>
      ) : null}
    </dl>
  );
  return label ? (
    <section aria-label={label} className="text-sm">
      {body}
    </section>
  ) : (
    <div className="text-sm">{body}</div>
  );
}

/** "20 MB → 5 MB", or the exact bytes when both round to the same figure. */
export function SizeChange({ before, after }: { before: number; after: number }) {
  const [from, to] = formatBytesPair(before, after);
  const exact = from === formatExactBytes(before);
  return (
    <>
      {from} → <strong>{to}</strong>
      {exact ? null : (
        <span className="text-fg-subtle">
          {" "}
          ({formatExactBytes(before)} → {formatExactBytes(after)})
        </span>
      )}
    </>
  );
}
