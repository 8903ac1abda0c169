"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogCancel } from "@/components/ui/dialog";
import { formatBytesPair } from "@/lib/format";
import {
  diffPolicies,
  isEmptyDiff,
  SCOPE_LABELS,
  type TAttachmentScope,
  type TPolicyDiff,
} from "@/server/policies/policy-rules";
import type { TScopePolicy } from "@/server/policies/policy-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { type TPolicyChange, useLoadLatestPolicies, useRefreshPolicies } from "./changes";
import { confirmDiscardingReason, ReasonField } from "./shared";

function summary(diff: TPolicyDiff): string {
  if (isEmptyDiff(diff)) return "already the same";
  const parts = [];
  if (diff.added.length) parts.push(`+${diff.added.length}`);
  if (diff.removed.length) parts.push(`−${diff.removed.length}`);
  if (diff.size) parts.push(formatBytesPair(diff.size.before, diff.size.after).join(" → "));
  if (diff.defaultChanged && !parts.length) parts.push("becomes its own configuration");
  return parts.join(", ");
}

/** Copies one scope's policy onto the chosen others, all or none, with the versions shown here. */
export function PolicyCopyDialog({
  instanceId,
  from,
  policies,
  onClose,
  onChanged,
}: {
  instanceId: string;
  from: TAttachmentScope;
  policies: TScopePolicy[];
  onClose: () => void;
  onChanged: (change: TPolicyChange) => void;
}) {
  const trpc = useTRPC();
  const refreshPolicies = useRefreshPolicies();
  const [shown, setShown] = useState(policies);
  const [targets, setTargets] = useState<TAttachmentScope[]>([]);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const copy = useMutation(trpc.policy.copy.mutationOptions({ onSuccess: refreshPolicies }));
  const loadLatest = useLoadLatestPolicies(instanceId);
  const source = shown.find((policy) => policy.scope === from);
  if (!source) return null;
  const others = shown.filter((policy) => policy.scope !== from);

  async function submit() {
    setError(null);
    try {
      const written = await copy.mutateAsync({
        instanceId,
        from,
        to: targets,
        expectedVersions: Object.fromEntries(
          shown
            .filter((policy) => policy.scope === from || targets.includes(policy.scope))
            .map((policy) => [policy.scope, policy.version]),
        ),
        reason,
      });
      onChanged({
        message: `Copied ${SCOPE_LABELS[from]} to ${targets.map((scope) => SCOPE_LABELS[scope]).join(", ")}.`,
        written,
      });
    } catch (caught) {
      if (errorCode(caught) !== "CONFLICT") return setError(errorMessage(caught));
      const latest = await loadLatest();
      if (latest) setShown(latest);
      const hint = latest ? " The list now shows the latest policies; check it and copy again." : "";
      setError(`${errorMessage(caught)}${hint}`);
    }
  }

  return (
    <Dialog
      title={`Copy ${SCOPE_LABELS[from]} to other scopes`}
      description={`The chosen scopes get ${SCOPE_LABELS[from]}'s size limit and extensions (version ${source.version}).`}
      onClose={onClose}
      busy={copy.isPending}
      confirmClose={confirmDiscardingReason(reason)}
    >
      <div className="space-y-4">
        <fieldset>
          <legend className="text-sm font-medium text-fg">Copy to</legend>
          <div className="mt-2 space-y-2">
            {others.map((policy) => (
              <label
                key={policy.scope}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-line px-3 py-2 text-sm has-checked:border-indigo-400 has-checked:bg-accent-soft"
              >
                <input
                  type="checkbox"
                  checked={targets.includes(policy.scope)}
                  onChange={(event) =>
                    setTargets((current) =>
                      event.target.checked
                        ? [...current, policy.scope]
                        : current.filter((scope) => scope !== policy.scope),
                    )
                  }
                  className="h-4 w-4 accent-indigo-600"
                />
                <span className="font-medium">{SCOPE_LABELS[policy.scope]}</span>
                <span className="ml-auto text-xs text-fg-subtle">{summary(diffPolicies(policy, source))}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <ReasonField value={reason} onChange={setReason} />
        {error ? <Alert tone="danger">{error}</Alert> : null}
        <DialogActions>
          <DialogCancel disabled={copy.isPending} />
          <Button
            variant="primary"
            onClick={() => void submit()}
            disabled={targets.length === 0}
            pending={copy.isPending}
            pendingLabel="Copying…"
          >
            {`Copy to ${targets.length || "the chosen"} ${targets.length === 1 ? "scope" : "scopes"}`}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
