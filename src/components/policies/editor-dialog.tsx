"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useNavigationGuard } from "@/components/shell/navigation-guard";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogCancel } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toast";
import {
  diffPolicies,
  isEmptyDiff,
  MAX_ALLOWED_EXTENSIONS,
  SCOPE_LABELS,
  samePolicy,
} from "@/server/policies/policy-rules";
import type { TEffectivePolicy, TScopePolicy } from "@/server/policies/policy-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { type TSavedPolicy, useLoadLatestPolicies, useRefreshPolicies } from "./changes";
import { chipExtensions, PolicyChipsEditor, toChips } from "./chips-editor";
import { PolicyConflictView } from "./conflict-view";
import { PolicyDiffView } from "./diff";
import { PolicyImpactPreview } from "./impact-preview";
import { rebasePolicy } from "./merge";
import { ReasonField } from "./shared";
import { sizeValueOf } from "./size";
import { SizeInput } from "./size-input";
import { parseSizeLimit } from "./size-limit";

type TStep = "edit" | "review" | "conflict";

const LIMIT_UNITS = ["bytes", "KB", "MB"] as const;

/**
 * Edits one scope's policy: edit → review the diff → save with the version the edit started from.
 * A CONFLICT (someone saved first) opens the conflict view instead of overwriting their change.
 * Closing or leaving with unsaved changes asks first; a failed save keeps everything entered.
 */
export function PolicyEditorDialog({
  instanceId,
  policy,
  onClose,
  onSaved,
}: {
  instanceId: string;
  policy: TScopePolicy;
  onClose: () => void;
  onSaved: (saved: TSavedPolicy) => void;
}) {
  const trpc = useTRPC();
  const refreshPolicies = useRefreshPolicies();
  const headingId = useId();
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const editForm = useRef<HTMLFormElement>(null);
  const conflictView = useRef<HTMLDivElement>(null);
  const label = SCOPE_LABELS[policy.scope];
  const [base, setBase] = useState(policy);
  const [rebased, setRebased] = useState(false);
  const [size, setSize] = useState(() => sizeValueOf(policy.maximumSizeLimitInBytes));
  const [chips, setChips] = useState(() => toChips(policy.allowedExtensions));
  const [reason, setReason] = useState("");
  const [step, setStep] = useState<TStep>("edit");
  const [theirs, setTheirs] = useState<TScopePolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const update = useMutation(trpc.policy.update.mutationOptions({ onSuccess: refreshPolicies }));
  const loadLatest = useLoadLatestPolicies(instanceId);
  const busy = update.isPending;

  const parsedSize = parseSizeLimit(size);
  const hasInvalidChips = chips.some((chip) => chip.error);
  const overLimit = chips.length - MAX_ALLOWED_EXTENSIONS;
  const mine: TEffectivePolicy | null = parsedSize.ok
    ? { maximumSizeLimitInBytes: parsedSize.bytes, allowedExtensions: chipExtensions(chips), isDefault: false }
    : null;
  const blocked = !mine
    ? "Fix the size first."
    : hasInvalidChips
      ? "Fix or remove the marked extensions first."
      : overLimit > 0
        ? `Remove ${overLimit} ${overLimit === 1 ? "extension" : "extensions"} first.`
        : null;
  const dirty =
    reason.trim() !== "" ||
    hasInvalidChips ||
    !mine ||
    !samePolicy(mine, { ...policy, isDefault: false }) ||
    mine.allowedExtensions.join() !== policy.allowedExtensions.join();

  useNavigationGuard(dirty ? `Your changes to the ${label} policy are not saved yet.` : null);

  // Each step starts where the eye should: the review's heading, or the first field when going back.
  useEffect(() => {
    if (step === "review") reviewHeading.current?.focus();
    else if (step === "edit") editForm.current?.querySelector<HTMLElement>("input")?.focus();
    else conflictView.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [step]);

  async function save() {
    if (!mine) return;
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
      onSaved(saved);
    } catch (caught) {
      if (errorCode(caught) !== "CONFLICT") {
        setError(errorMessage(caught));
        return;
      }
      const current = (await loadLatest())?.find((candidate) => candidate.scope === base.scope);
      if (!current) {
        setError(`${errorMessage(caught)} Loading their change failed too; try again in a moment.`);
        return;
      }
      // An earlier try that timed out may have gone through after all: that "other" save is ours.
      if (current.version === base.version + 1 && samePolicy(current, mine)) {
        onSaved({ ...current, revisionId: null });
        return;
      }
      setTheirs(current);
      setStep("conflict");
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
    <Dialog
      title={`Edit ${label} policy`}
      description={`Editing version ${base.version}${rebased ? " (their latest save, with your change on top)" : ""}.`}
      onClose={onClose}
      busy={busy}
      size={step === "conflict" ? "lg" : "md"}
      confirmClose={
        dirty
          ? {
              title: "Discard your changes?",
              message: `Your changes to the ${label} policy are not saved. If you close the editor, they are lost.`,
              confirmLabel: "Discard changes",
              cancelLabel: "Keep editing",
            }
          : null
      }
    >
      {step === "edit" ? (
        <form
          ref={editForm}
          noValidate
          className="space-y-5"
          onSubmit={(event) => {
            event.preventDefault();
            if (!blocked) setStep("review");
          }}
        >
          <SizeInput
            label="Maximum file size"
            value={size}
            parsed={parsedSize}
            onChange={setSize}
            units={LIMIT_UNITS}
          />
          <PolicyChipsEditor chips={chips} onChange={setChips} />
          <ReasonField value={reason} onChange={setReason} placeholder="e.g. Agents need to receive invoices" />
          <DialogActions note={blocked ? <p className="text-red-700 dark:text-red-300">{blocked}</p> : null}>
            <DialogCancel />
            <Button type="submit" variant="primary" disabled={Boolean(blocked)}>
              Review changes
            </Button>
          </DialogActions>
        </form>
      ) : step === "review" && mine && diff ? (
        <div className="space-y-4">
          <section aria-labelledby={`${headingId}-review`}>
            <h3
              id={`${headingId}-review`}
              ref={reviewHeading}
              tabIndex={-1}
              className="mb-2 font-semibold focus:outline-none"
            >
              {rebased ? "Your change on top of theirs" : "Review your change"}
            </h3>
            <div className="rounded-lg border border-line p-3">
              <PolicyDiffView diff={diff} label="Change to save" />
            </div>
            {reason.trim() ? <p className="mt-2 text-sm text-fg-muted">Reason: {reason.trim()}</p> : null}
            <p className="mt-2 text-sm text-fg-muted">
              {isEmptyDiff(diff)
                ? "This is the policy as it is now, so there is nothing to save."
                : `Saving makes this version ${base.version + 1}.`}
            </p>
          </section>
          {isEmptyDiff(diff) ? null : <PolicyImpactPreview instanceId={instanceId} scope={base.scope} policy={mine} />}
          {error ? (
            <Alert tone="danger" title="Your change was not saved.">
              <p>{error}</p>
              <p className="mt-1">Everything you entered is still here: try again, or go back to editing.</p>
            </Alert>
          ) : null}
          <DialogActions>
            <Button
              onClick={() => {
                setError(null);
                setStep("edit");
              }}
              disabled={busy}
            >
              Back to editing
            </Button>
            <Button
              variant="primary"
              onClick={() => void save()}
              disabled={isEmptyDiff(diff)}
              pending={busy}
              pendingLabel="Saving…"
            >
              {error ? "Try again" : "Confirm and save"}
            </Button>
          </DialogActions>
        </div>
      ) : step === "conflict" && mine && theirs ? (
        <div ref={conflictView}>
          <PolicyConflictView
            base={base}
            theirs={theirs}
            mine={mine}
            onDiscard={() => {
              onClose();
              notify.success(`Kept their version ${theirs.version} of the ${label} policy; your edit was discarded.`);
            }}
            onApplyMine={applyMineOnTopOfTheirs}
          />
        </div>
      ) : null}
    </Dialog>
  );
}
