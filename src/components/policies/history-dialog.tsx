"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PolicyDialog } from "@/components/ui/dialog";
import { LoadingRows } from "@/components/ui/states";
import { diffPolicies } from "@/server/policies/policy-rules";
import { SCOPE_LABELS, type TPolicyRevision, type TScopePolicy } from "@/server/policies/policy-schemas";
import { useTRPC } from "@/trpc/react";
import { PolicyDiffView } from "./diff";
import { errorMessage, InlineError, secondaryButton, When } from "./policy-ui";

const KIND_LABELS: Record<TPolicyRevision["kind"], string> = {
  UPDATE: "Edited",
  REVERT: "Reverted",
  COPY: "Copied",
  IMPORT: "Imported",
  RESET: "Reset to default",
};

/** Every recorded change of one scope, newest first, each with a one-click revert for editors. */
export function PolicyHistoryDialog({
  instanceId,
  policy,
  canEdit,
  onClose,
}: {
  instanceId: string;
  /** The scope's live policy: a revert names its current version. */
  policy: TScopePolicy;
  canEdit: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const label = SCOPE_LABELS[policy.scope];
  const history = useQuery(trpc.policy.history.queryOptions({ instanceId, scope: policy.scope }));
  const [revertingId, setRevertingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const revert = useMutation(trpc.policy.revert.mutationOptions());

  async function revertRevision(revision: TPolicyRevision) {
    setRevertingId(revision.id);
    setError(null);
    setNotice(null);
    try {
      const saved = await revert.mutateAsync({ revisionId: revision.id, expectedVersion: policy.version });
      await queryClient.invalidateQueries(trpc.policy.pathFilter());
      setNotice(
        `Reverted the change to version ${revision.version}; the ${label} policy is now at version ${saved.version}.`,
      );
    } catch (caught) {
      setError(errorMessage(caught));
      void queryClient.invalidateQueries(trpc.policy.pathFilter());
    } finally {
      setRevertingId(null);
    }
  }

  return (
    <PolicyDialog
      title={`${label} history`}
      description={`Current version: ${policy.version}. Reverting restores what a change replaced, as a new change.`}
      onClose={onClose}
      busy={revertingId !== null}
    >
      <InlineError message={error} />
      {notice ? (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200 ring-inset"
        >
          {notice}
        </p>
      ) : null}
      {history.isPending ? (
        <LoadingRows label="Loading history" rows={2} />
      ) : history.isError ? (
        <InlineError message={history.error.message} />
      ) : history.data.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-600">
          No changes yet: this scope still has Amazon Connect's default.
        </p>
      ) : (
        <ol aria-label={`${label} changes`} className="mt-2 space-y-3">
          {history.data.map((revision) => (
            <li key={revision.id} className="rounded-lg border border-slate-200 p-3">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <p className="text-sm">
                    <span className="font-semibold">Version {revision.version}</span>{" "}
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
                      {KIND_LABELS[revision.kind]}
                    </span>
                  </p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {revision.actorLabel}
                    {revision.actorKind === "API_KEY" ? " (API key)" : ""}, <When date={revision.createdAt} />
                  </p>
                </div>
                {canEdit ? (
                  <button
                    type="button"
                    onClick={() => void revertRevision(revision)}
                    disabled={revertingId !== null}
                    aria-label={`Revert version ${revision.version}`}
                    className={`${secondaryButton} px-2.5 py-1 text-xs`}
                  >
                    {revertingId === revision.id ? "Reverting…" : "Revert"}
                  </button>
                ) : null}
              </div>
              {revision.reason ? <p className="mt-2 text-sm text-slate-700">“{revision.reason}”</p> : null}
              <div className="mt-2">
                <PolicyDiffView diff={diffPolicies(revision.before, revision.after)} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </PolicyDialog>
  );
}
