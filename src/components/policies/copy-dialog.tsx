"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DialogActions, PolicyDialog } from "@/components/ui/dialog";
import { diffPolicies, formatBytes, isEmptyDiff, type TPolicyDiff } from "@/server/policies/policy-rules";
import { SCOPE_LABELS, type TAttachmentScope, type TScopePolicy } from "@/server/policies/policy-schemas";
import { useTRPC } from "@/trpc/react";
import { errorCode, errorMessage, InlineError, primaryButton, ReasonField, secondaryButton } from "./policy-ui";

function summary(diff: TPolicyDiff): string {
  if (isEmptyDiff(diff)) return "already the same";
  const parts = [];
  if (diff.added.length) parts.push(`+${diff.added.length}`);
  if (diff.removed.length) parts.push(`−${diff.removed.length}`);
  if (diff.size) parts.push(`${formatBytes(diff.size.before)} → ${formatBytes(diff.size.after)}`);
  if (diff.defaultChanged && !parts.length) parts.push("becomes its own configuration");
  return parts.join(", ");
}

/** Copies one scope's policy onto the chosen others, all or none, with the versions shown here. */
export function PolicyCopyDialog({
  instanceId,
  from,
  policies,
  onClose,
  onDone,
}: {
  instanceId: string;
  from: TAttachmentScope;
  policies: TScopePolicy[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(policies);
  const [targets, setTargets] = useState<TAttachmentScope[]>([]);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const copy = useMutation(trpc.policy.copy.mutationOptions());
  const source = shown.find((policy) => policy.scope === from);
  if (!source) return null;
  const others = shown.filter((policy) => policy.scope !== from);

  async function submit() {
    setError(null);
    try {
      await copy.mutateAsync({
        instanceId,
        from,
        to: targets,
        expectedVersions: Object.fromEntries(
          shown
            .filter((policy) => policy.scope === from || targets.includes(policy.scope))
            .map((p) => [p.scope, p.version]),
        ),
        reason,
      });
      await queryClient.invalidateQueries(trpc.policy.pathFilter());
      onDone(`Copied ${SCOPE_LABELS[from]} to ${targets.map((scope) => SCOPE_LABELS[scope]).join(", ")}.`);
    } catch (caught) {
      if (errorCode(caught) !== "CONFLICT") return setError(errorMessage(caught));
      const latest = await queryClient
        .fetchQuery({ ...trpc.policy.forInstance.queryOptions({ instanceId }), staleTime: 0 })
        .catch(() => null);
      if (latest) setShown(latest.policies);
      const hint = latest ? " The list now shows the latest policies; check it and copy again." : "";
      setError(`${errorMessage(caught)}${hint}`);
    }
  }

  return (
    <PolicyDialog
      title={`Copy ${SCOPE_LABELS[from]} to other scopes`}
      description={`The chosen scopes get ${SCOPE_LABELS[from]}'s size limit and extensions (version ${source.version}).`}
      onClose={onClose}
      busy={copy.isPending}
    >
      <div className="space-y-4">
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Copy to</legend>
          <div className="mt-2 space-y-2">
            {others.map((policy) => (
              <label
                key={policy.scope}
                className="flex items-center gap-3 rounded-lg border border-slate-200 px-3 py-2 text-sm has-checked:border-indigo-300 has-checked:bg-indigo-50/50"
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
                <span className="ml-auto text-xs text-slate-500">{summary(diffPolicies(policy, source))}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <ReasonField value={reason} onChange={setReason} />
        <InlineError message={error} />
        <DialogActions>
          <button type="button" onClick={onClose} disabled={copy.isPending} className={secondaryButton}>
            Cancel
          </button>
          <button
            type="button"
            onClick={() => void submit()}
            disabled={copy.isPending || targets.length === 0}
            className={primaryButton}
          >
            {copy.isPending
              ? "Copying…"
              : `Copy to ${targets.length || "the chosen"} ${targets.length === 1 ? "scope" : "scopes"}`}
          </button>
        </DialogActions>
      </div>
    </PolicyDialog>
  );
}
