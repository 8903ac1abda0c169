"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DialogActions, PolicyDialog } from "@/components/ui/dialog";
import { diffPolicies } from "@/server/policies/policy-rules";
import { DEFAULT_POLICY, SCOPE_LABELS, type TScopePolicy } from "@/server/policies/policy-schemas";
import { useTRPC } from "@/trpc/react";
import { PolicyDiffView } from "./diff";
import { dangerButton, errorCode, errorMessage, InlineError, ReasonField, secondaryButton } from "./policy-ui";

/** Puts a configured scope back on Amazon Connect's default, after showing what that changes. */
export function PolicyResetDialog({
  instanceId,
  policy,
  onClose,
  onDone,
}: {
  instanceId: string;
  policy: TScopePolicy;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const label = SCOPE_LABELS[policy.scope];
  const [shown, setShown] = useState(policy);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reset = useMutation(trpc.policy.reset.mutationOptions());

  async function submit() {
    setError(null);
    try {
      const saved = await reset.mutateAsync({
        instanceId,
        scope: shown.scope,
        expectedVersion: shown.version,
        reason,
      });
      await queryClient.invalidateQueries(trpc.policy.pathFilter());
      onDone(`${label} is back on Amazon Connect's default (version ${saved.version}).`);
    } catch (caught) {
      if (errorCode(caught) !== "CONFLICT") return setError(errorMessage(caught));
      const latest = await queryClient
        .fetchQuery({ ...trpc.policy.forInstance.queryOptions({ instanceId }), staleTime: 0 })
        .catch(() => null);
      const current = latest?.policies.find((candidate) => candidate.scope === shown.scope);
      if (current) setShown(current);
      const hint = current ? " The change above now starts from their version; reset again if you still want to." : "";
      setError(`${errorMessage(caught)}${hint}`);
    }
  }

  return (
    <PolicyDialog
      title={`Reset ${label} to default`}
      description="The scope goes back to Amazon Connect's default policy. The history keeps the old one."
      onClose={onClose}
      busy={reset.isPending}
    >
      <div className="space-y-4">
        <div className="rounded-lg border border-slate-200 p-3">
          <PolicyDiffView diff={diffPolicies(shown, { ...DEFAULT_POLICY, isDefault: true })} label="Change to save" />
        </div>
        <ReasonField value={reason} onChange={setReason} />
        <InlineError message={error} />
        <DialogActions>
          <button type="button" onClick={onClose} disabled={reset.isPending} className={secondaryButton}>
            Cancel
          </button>
          <button type="button" onClick={() => void submit()} disabled={reset.isPending} className={dangerButton}>
            {reset.isPending ? "Resetting…" : "Reset to default"}
          </button>
        </DialogActions>
      </div>
    </PolicyDialog>
  );
}
