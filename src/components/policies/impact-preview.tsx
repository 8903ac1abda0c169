"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatBytes } from "@/lib/format";
import { SCOPE_LABELS, type TAttachmentScope } from "@/server/policies/policy-rules";
import type { TPolicy } from "@/server/policies/policy-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { impactReasons, impactSentence, refusesMore } from "./impact";

/**
 * How the last 30 days' uploads to the scope would have fared under the policy being reviewed. Only
 * information: saving never waits for it, and a failure to work it out does not stop the save.
 */
export function PolicyImpactPreview({
  instanceId,
  scope,
  policy,
}: {
  instanceId: string;
  scope: TAttachmentScope;
  policy: TPolicy;
}) {
  const trpc = useTRPC();
  const headingId = useId();
  const label = SCOPE_LABELS[scope];
  const impact = useQuery(
    trpc.file.policyImpact.queryOptions({
      instanceId,
      scope,
      policy: { maximumSizeLimitInBytes: policy.maximumSizeLimitInBytes, allowedExtensions: policy.allowedExtensions },
    }),
  );

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-line p-3 text-sm">
      <h4 id={headingId} className="font-semibold">
        Impact on recent uploads
      </h4>
      {impact.isPending ? (
        <p role="status" className="mt-1 flex items-center gap-2 text-fg-muted">
          <Spinner />
          Checking the last 30 days’ uploads to {label}…
        </p>
      ) : impact.isError ? (
        <Alert tone="warning" live="status" className="mt-2">
          <p>The impact could not be worked out: {errorMessage(impact.error)} You can still save.</p>
          <Button size="sm" className="mt-2" onClick={() => void impact.refetch()} pending={impact.isFetching}>
            Try again
          </Button>
        </Alert>
      ) : (
        <div className="mt-1 space-y-2">
          <p
            role="status"
            className={refusesMore(impact.data) ? "font-medium text-amber-900 dark:text-amber-200" : "text-fg-muted"}
          >
            {impactSentence(impact.data, label)}
          </p>
          {impact.data.refused > 0 ? (
            <ul aria-label="Refusals by reason" className="flex flex-wrap gap-x-4 gap-y-1 text-fg-muted">
              {impactReasons(impact.data).map((reason) => (
                <li key={reason.code}>
                  {reason.label}: <strong className="text-fg">{reason.count}</strong>
                </li>
              ))}
            </ul>
          ) : null}
          {impact.data.examples.length ? (
            <div>
              <p className="text-xs font-semibold tracking-wide text-fg-subtle uppercase">
                Accepted today, refused by this policy
              </p>
              <ul aria-label="Examples accepted today" className="mt-1 space-y-1">
                {impact.data.examples.map((example, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two uploads may share a name and size
                  <li key={index} className="break-words">
                    <span className="font-medium text-fg">{example.fileName}</span>{" "}
                    <span className="text-fg-subtle">({formatBytes(example.sizeInBytes)})</span>:{" "}
                    <span className="text-fg-muted">{example.message}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="text-xs text-fg-subtle">
            Names, types and sizes are replayed; content checks need the files themselves.
          </p>
        </div>
      )}
    </section>
  );
}
