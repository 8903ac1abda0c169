"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { DialogActions, PolicyDialog } from "@/components/ui/dialog";
import { diffPolicies, isEmptyDiff } from "@/server/policies/policy-rules";
import { SCOPE_LABELS, type TEffectivePolicy, type TScopePolicy } from "@/server/policies/policy-schemas";
import { useTRPC } from "@/trpc/react";
import { chipExtensions, PolicyChipsEditor, toChips } from "./chips-editor";
import { PolicyConflictView } from "./conflict-view";
import { PolicyDiffView } from "./diff";
import { rebasePolicy } from "./merge";
import { errorCode, errorMessage, InlineError, primaryButton, ReasonField, secondaryButton } from "./policy-ui";
import { parseSizeLimit, sizeValueOf } from "./size";
import { PolicySizeInput } from "./size-input";

type TStep = "edit" | "review" | "conflict";

/**
 * Edits one scope's policy: edit → review the diff → save with the version the edit started from.
 * A CONFLICT (someone saved first) opens the conflict view instead of overwriting their change.
 */
export function PolicyEditorDialog({
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
  const headingId = useId();
  const label = SCOPE_LABELS[policy.scope];
  const [base, setBase] = useState(policy);
  const [rebased, setRebased] = useState(false);
  const [size, setSize] = useState(() => sizeValueOf(policy.maximumSizeLimitInBytes));
  const [chips, setChips] = useState(() => toChips(policy.allowedExtensions));
  const [reason, setReason] = useState("");
  const [step, setStep] = useState<TStep>("edit");
  const [theirs, setTheirs] = useState<TScopePolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = useMutation(trpc.policy.update.mutationOptions());

  const parsedSize = parseSizeLimit(size);
  const hasInvalidChips = chips.some((chip) => chip.error);
  const mine: TEffectivePolicy | null = parsedSize.ok
    ? { maximumSizeLimitInBytes: parsedSize.bytes, allowedExtensions: chipExtensions(chips), isDefault: false }
    : null;
  const blocked = !mine ? "Fix the size first." : hasInvalidChips ? "Fix or remove the marked extensions first." : null;

  async function save() {
    if (!mine) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await update.mutateAsync({
        instanceId,
        scope: base.scope,
        maximumSizeLimitInBytes: mine.maximumSizeLimitInBytes,
        allowedExtensions: mine.allowedExtensions,
        expectedVersion: base.version,
        reason,
      });
      await queryClient.invalidateQueries(trpc.policy.pathFilter());
      onDone(`${label} policy saved (version ${saved.version}).`);
    } catch (caught) {
      if (errorCode(caught) !== "CONFLICT") {
        setError(errorMessage(caught));
        return;
      }
      try {
        const latest = await queryClient.fetchQuery({
          ...trpc.policy.forInstance.queryOptions({ instanceId }),
          staleTime: 0,
        });
        void queryClient.invalidateQueries(trpc.policy.history.pathFilter());
        const current = latest.policies.find((candidate) => candidate.scope === base.scope);
        if (!current) throw new Error(`The ${label} policy could not be loaded.`);
        setTheirs(current);
        setStep("conflict");
      } catch (reload) {
        setError(`${errorMessage(caught)} Loading their change failed too: ${errorMessage(reload)}`);
      }
    } finally {
      setBusy(false);
    }
  }

  function applyMineOnTopOfTheirs() {
    if (!mine || !theirs) return;
    const merged = rebasePolicy(base, mine, theirs);
    setBase(theirs);
    setSize(sizeValueOf(merged.maximumSizeLimitInBytes));
    setChips(toChips(merged.allowedExtensions));
    setTheirs(null);
    setRebased(true);
    setStep("review");
  }

  const diff = mine ? diffPolicies(base, mine) : null;

  return (
    <PolicyDialog
      title={`Edit ${label} policy`}
      description={`Editing version ${base.version}${rebased ? " (their latest save, with your change on top)" : ""}.`}
      onClose={onClose}
      busy={busy}
      size={step === "conflict" ? "lg" : "md"}
    >
      {step === "edit" ? (
        <form
          noValidate
          className="space-y-5"
          onSubmit={(event) => {
            event.preventDefault();
            if (!blocked) setStep("review");
          }}
        >
          <PolicySizeInput label="Maximum file size" value={size} parsed={parsedSize} onChange={setSize} />
          <PolicyChipsEditor chips={chips} onChange={setChips} />
          <ReasonField value={reason} onChange={setReason} placeholder="e.g. Agents need to receive invoices" />
          <DialogActions>
            {blocked ? <p className="mr-auto self-center text-sm text-red-700">{blocked}</p> : null}
            <button type="button" onClick={onClose} className={secondaryButton}>
              Cancel
            </button>
            <button type="submit" disabled={Boolean(blocked)} className={primaryButton}>
              Save
            </button>
          </DialogActions>
        </form>
      ) : step === "review" && mine && diff ? (
        <div className="space-y-4">
          <section aria-labelledby={`${headingId}-review`}>
            <h3 id={`${headingId}-review`} className="mb-2 font-semibold">
              {rebased ? "Your change on top of theirs" : "Review your change"}
            </h3>
            <div className="rounded-lg border border-slate-200 p-3">
              <PolicyDiffView diff={diff} label="Change to save" />
            </div>
            {reason.trim() ? <p className="mt-2 text-sm text-slate-600">Reason: {reason.trim()}</p> : null}
            <p className="mt-2 text-sm text-slate-600">
              {isEmptyDiff(diff)
                ? "This is the policy as it is now, so there is nothing to save."
                : `Saving makes this version ${base.version + 1}.`}
            </p>
          </section>
          <InlineError message={error} />
          <DialogActions>
            <button type="button" onClick={() => setStep("edit")} disabled={busy} className={secondaryButton}>
              Back to editing
            </button>
            <button
              type="button"
              onClick={() => void save()}
              disabled={busy || isEmptyDiff(diff)}
              className={primaryButton}
            >
              {busy ? "Saving…" : "Confirm and save"}
            </button>
          </DialogActions>
        </div>
      ) : step === "conflict" && mine && theirs ? (
        <PolicyConflictView
          base={base}
          theirs={theirs}
          mine={mine}
          onDiscard={() =>
            onDone(`Kept their version ${theirs.version} of the ${label} policy; your edit was discarded.`)
          }
          onApplyMine={applyMineOnTopOfTheirs}
        />
      ) : null}
    </PolicyDialog>
  );
}
