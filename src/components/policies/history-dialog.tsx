"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Alert, Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog, DialogActions } from "@/components/ui/dialog";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { diffPolicies, isEmptyDiff, SCOPE_LABELS } from "@/server/policies/policy-rules";
import type { TPolicyRevision, TScopePolicy } from "@/server/policies/policy-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { type TSavedPolicy, useRefreshPolicies } from "./changes";
import { PolicyDiffView } from "./diff";
import { CHANGE_KIND_LABELS } from "./shared";

const grouped = new Intl.NumberFormat("en-US");

/**
 * Every recorded change of one scope, newest first, a page at a time (Load more brings older ones). Editors can restore the policy as it stood at
 * any version: the change that restoring makes is shown first, and restoring what is already there
 * is not offered.
 */
export function PolicyHistoryDialog({
  instanceId,
  policy,
  canEdit,
  onClose,
  onRestored,
}: {
  instanceId: string;
  /** The scope's live policy: restoring starts from its version. */
  policy: TScopePolicy;
  canEdit: boolean;
  onClose: () => void;
  onRestored: (restored: TSavedPolicy, from: TPolicyRevision) => void;
}) {
  const trpc = useTRPC();
  const refreshPolicies = useRefreshPolicies();
  const label = SCOPE_LABELS[policy.scope];
  const history = useInfiniteQuery(
    trpc.policy.history.infiniteQueryOptions(
      { instanceId, scope: policy.scope },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const revisions = history.data?.pages.flatMap((page) => page.items) ?? [];
  /** After Load more, focus goes to the first older change (the button may be gone: that was the last page). */
  const firstOlder = useRef<HTMLLIElement>(null);
  const [firstOlderId, setFirstOlderId] = useState<string | null>(null);

  async function loadMore() {
    const shown = revisions.length;
    const result = await history.fetchNextPage();
    const next = result.data?.pages.flatMap((page) => page.items)[shown];
    if (!next || result.isError) return;
    setFirstOlderId(next.id);
  }
  // Once the older changes are on screen (the ref is set as the first of them renders).
  useEffect(() => {
    if (firstOlderId) firstOlder.current?.focus();
  }, [firstOlderId]);
  const [restoring, setRestoring] = useState<TPolicyRevision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const restore = useMutation(trpc.policy.restore.mutationOptions({ onSuccess: refreshPolicies }));

  async function confirmRestore(revision: TPolicyRevision) {
    setError(null);
    try {
      const restored = await restore.mutateAsync({ revisionId: revision.id, expectedVersion: policy.version });
      setRestoring(null);
      onRestored(restored, revision);
    } catch (caught) {
      setError(errorMessage(caught));
      void refreshPolicies();
    }
  }

  const restoreDiff = restoring ? diffPolicies(policy, restoring.after) : null;

  return (
    <Dialog
      title={`${label} history`}
      description={
        // With no changes yet, the body says so.
        policy.version === 0
          ? undefined
          : `Current version: ${policy.version}.${canEdit ? " Restoring a version brings back the policy as it stood then, as a new change." : ""}`
      }
      onClose={onClose}
      busy={restore.isPending}
    >
      {history.isPending ? (
        <LoadingRows label="Loading history" rows={2} />
      ) : history.isError && revisions.length === 0 ? (
        <ErrorState message={errorMessage(history.error)} onRetry={() => void history.refetch()} />
      ) : revisions.length === 0 ? (
        <p className="py-6 text-center text-sm text-fg-muted">
          No changes yet: this scope still has Amazon Connect's default.
        </p>
      ) : (
        <div className="space-y-3">
          <ol aria-label={`${label} changes`} className="space-y-3">
            {revisions.map((revision) => {
              const current = revision.version === policy.version;
              return (
                <li
                  key={revision.id}
                  ref={revision.id === firstOlderId ? firstOlder : undefined}
                  tabIndex={revision.id === firstOlderId ? -1 : undefined}
                  className="rounded-lg border border-line p-3 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-focus"
                >
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="flex flex-wrap items-center gap-2 text-sm">
                        <span className="font-semibold">Version {revision.version}</span>
                        <Badge>{CHANGE_KIND_LABELS[revision.kind]}</Badge>
                        {current ? <Badge tone="accent">Current</Badge> : null}
                      </p>
                      <p className="mt-0.5 text-xs text-fg-subtle [overflow-wrap:anywhere]">
                        {revision.actorLabel}
                        {revision.actorKind === "API_KEY" ? " (API key)" : ""}, <Time date={revision.createdAt} />
                      </p>
                    </div>
                    {canEdit && !current ? (
                      <Button
                        size="sm"
                        onClick={() => {
                          setError(null);
                          setRestoring(revision);
                        }}
                        aria-label={`Restore version ${revision.version}`}
                      >
                        Restore
                      </Button>
                    ) : null}
                  </div>
                  {revision.reason ? (
                    <p className="mt-2 text-sm break-words text-fg-muted">“{revision.reason}”</p>
                  ) : null}
                  <div className="mt-2">
                    <PolicyDiffView diff={diffPolicies(revision.before, revision.after)} />
                  </div>
                </li>
              );
            })}
          </ol>
          <p role="status" className="text-sm text-fg-subtle">
            {history.isFetchingNextPage
              ? "Loading older changes…"
              : `Showing ${grouped.format(revisions.length)} ${revisions.length === 1 ? "change" : "changes"}${history.hasNextPage ? "; older ones follow" : revisions.length > 1 ? ", back to the first" : ""}.`}
          </p>
          {history.isError ? (
            <ErrorState
              message={errorMessage(history.error)}
              onRetry={() => void (history.isFetchNextPageError ? loadMore() : history.refetch())}
            />
          ) : null}
          {history.hasNextPage && !history.isError ? (
            <div className="flex justify-center">
              <Button onClick={() => void loadMore()} pending={history.isFetchingNextPage} pendingLabel="Loading more…">
                Load more
              </Button>
            </div>
          ) : null}
        </div>
      )}

      {restoring && restoreDiff ? (
        isEmptyDiff(restoreDiff) ? (
          <Dialog
            title={`Nothing to restore`}
            role="alertdialog"
            size="sm"
            hideCloseButton
            onClose={() => setRestoring(null)}
          >
            <p className="text-sm text-fg-muted">
              The {label} policy already has the size limit and extensions it had at version {restoring.version}.
              Nothing was changed.
            </p>
            <DialogActions>
              <Button onClick={() => setRestoring(null)}>Back to the history</Button>
            </DialogActions>
          </Dialog>
        ) : (
          <ConfirmDialog
            title={`Restore version ${restoring.version}?`}
            confirmLabel={`Restore version ${restoring.version}`}
            tone="primary"
            pending={restore.isPending}
            onConfirm={() => void confirmRestore(restoring)}
            onCancel={() => setRestoring(null)}
          >
            <p>
              The {label} policy goes back to how it stood at version {restoring.version}. This changes, from the
              current version {policy.version}:
            </p>
            <div className="rounded-lg border border-line p-3 text-fg">
              <PolicyDiffView diff={restoreDiff} label="Change to restore" />
            </div>
            {error ? <Alert tone="danger">{error}</Alert> : null}
          </ConfirmDialog>
        )
      ) : null}
    </Dialog>
  );
}
