"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogCancel } from "@/components/ui/dialog";
import { DEFAULT_POLICY, diffPolicies, SCOPE_LABELS } from "@/server/policies/policy-rules";
import type { TScopePolicy } from "@/server/policies/policy-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { type TPolicyChange, useLoadLatestPolicies, useRefreshPolicies } from "./changes";
import { PolicyDiffView } from "./diff";
import { confirmDiscardingReason, ReasonField } from "./shared";

/** Puts a configured scope back on Amazon Connect's default, after showing what that changes. */
export function PolicyResetDialog({
  instanceId,
  policy,
  onClose,
  onChanged,
  returnFocus,
}: {
  instanceId: string;
  policy: TScopePolicy;
  onClose: () => void;
  onChanged: (change: TPolicyChange) => void;
  returnFocus?: () => HTMLElement | null;
}) {
  const trpc = useTRPC();
  const refreshPolicies = useRefreshPolicies();
  const label = SCOPE_LABELS[policy.scope];
  const [shown, setShown] = useState(policy);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reset = useMutation(trpc.policy.reset.mutationOptions({ onSuccess: refreshPolicies }));
  const loadLatest = useLoadLatestPolicies(instanceId);

  async function submit() {
    setError(null);
    try {
      const saved = await reset.mutateAsync({
        instanceId,
        scope: shown.scope,
        expectedVersion: shown.version,
        reason,
      });
      onChanged({
        message: `${label} is back on Amazon Connect's default (version ${saved.version}).`,
        written: [saved],
      });
    } catch (caught) {
      if (errorCode(caught) !== "CONFLICT") return setError(errorMessage(caught));
      const current = (await loadLatest())?.find((candidate) => candidate.scope === shown.scope);
      if (current) setShown(current);
      const hint = current ? " The change above now starts from their version; reset again if you still want to." : "";
      setError(`${errorMessage(caught)}${hint}`);
    }
  }

  return (
    <Dialog
      title={`Reset ${label} to default`}
      description="The scope goes back to Amazon Connect's default policy. The history keeps the old one."
      onClose={onClose}
      busy={reset.isPending}
      confirmClose={confirmDiscardingReason(reason)}
      returnFocus={returnFocus}
    >
      <div className="space-y-4">
        <div className="rounded-lg border border-line p-3">
          <PolicyDiffView diff={diffPolicies(shown, { ...DEFAULT_POLICY, isDefault: true })} label="Change to save" />
        </div>
        <ReasonField value={reason} onChange={setReason} />
        {error ? <Alert tone="danger">{error}</Alert> : null}
        <DialogActions>
          <DialogCancel disabled={reset.isPending} />
          <Button variant="danger" onClick={() => void submit()} pending={reset.isPending} pendingLabel="Resetting…">
            Reset to default
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
