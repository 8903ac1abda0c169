"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert, Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogCancel } from "@/components/ui/dialog";
import { FileDrop } from "@/components/ui/file-drop";
import { Time } from "@/components/ui/time";
import { SCOPE_LABELS } from "@/server/policies/policy-rules";
import type { TPolicyExport, TScopePolicy } from "@/server/policies/policy-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { type TPolicyChange, useLoadLatestPolicies, useRefreshPolicies } from "./changes";
import { PolicyDiffView } from "./diff";
import { previewImport, readPolicyExport, type TImportPreviewRow } from "./import";
import { confirmDiscardingReason, ReasonField } from "./shared";

const MAX_FILE_BYTES = 1024 * 1024;

type TLoaded = { name: string; file: TPolicyExport; rows: TImportPreviewRow[] };

/**
 * Import: choose or drop an export → validated here with the export schema → per-scope preview
 * against the policies as they are now → apply, in one transaction, with the versions previewed.
 */
export function PolicyImportDialog({
  instanceId,
  alias,
  policies,
  onClose,
  onChanged,
}: {
  instanceId: string;
  alias: string;
  policies: TScopePolicy[];
  onClose: () => void;
  onChanged: (change: TPolicyChange) => void;
}) {
  const trpc = useTRPC();
  const refreshPolicies = useRefreshPolicies();
  const headingId = useId();
  const [loaded, setLoaded] = useState<TLoaded | null>(null);
  const [problems, setProblems] = useState<{ name: string; errors: string[] } | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const importPolicies = useMutation(trpc.policy.import.mutationOptions({ onSuccess: refreshPolicies }));
  const loadLatest = useLoadLatestPolicies(instanceId);

  async function read(chosen: File) {
    setError(null);
    setLoaded(null);
    setProblems(null);
    if (chosen.size > MAX_FILE_BYTES) {
      setProblems({ name: chosen.name, errors: ["This file is larger than 1 MB; a policy export is a few KB."] });
      return;
    }
    const result = readPolicyExport(await chosen.text());
    if (result.ok) setLoaded({ name: chosen.name, file: result.file, rows: previewImport(result.file, policies) });
    else setProblems({ name: chosen.name, errors: result.errors });
  }

  const changed = loaded?.rows.filter((row) => row.inFile && !row.unchanged) ?? [];

  async function apply() {
    if (!loaded) return;
    setError(null);
    try {
      const written = await importPolicies.mutateAsync({
        instanceId,
        file: loaded.file,
        expectedVersions: Object.fromEntries(
          loaded.rows.filter((row) => row.inFile).map((row) => [row.scope, row.current.version]),
        ),
        reason,
      });
      onChanged({
        message: `Imported ${loaded.name}: ${changed.map((row) => SCOPE_LABELS[row.scope]).join(", ")} updated.`,
        written,
      });
    } catch (caught) {
      if (errorCode(caught) !== "CONFLICT") {
        setError(errorMessage(caught));
        return;
      }
      const latest = await loadLatest();
      if (!latest) return setError(errorMessage(caught));
      setLoaded({ ...loaded, rows: previewImport(loaded.file, latest) });
      setError(`${errorMessage(caught)} The preview now compares with the latest policies; check it and apply again.`);
    }
  }

  const source = loaded?.file.instance;
  const exportedDate = loaded?.file.exportedAt ? new Date(loaded.file.exportedAt) : null;
  const exportedAt = exportedDate && !Number.isNaN(exportedDate.getTime()) ? exportedDate : null;
  return (
    <Dialog
      title="Import policies"
      description="Nothing changes until you apply the preview."
      onClose={onClose}
      busy={importPolicies.isPending}
      confirmClose={confirmDiscardingReason(reason)}
      size="lg"
    >
      <div className="space-y-4">
        <FileDrop
          label="Policy file (JSON)"
          hint="Drop an Attache policy export here, or choose one. It is checked here before anything is sent."
          accept="application/json,.json"
          onFile={(file) => void read(file)}
        />

        {problems ? (
          <Alert tone="danger" title={`${problems.name} cannot be imported:`}>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {problems.errors.map((message) => (
                <li key={message} className="break-words">
                  {message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}

        {loaded ? (
          <section aria-labelledby={`${headingId}-preview`} className="space-y-3">
            <div>
              <h3 id={`${headingId}-preview`} className="font-semibold">
                Preview of {loaded.name}
              </h3>
              <p className="text-sm break-words text-fg-muted">
                {source ? `Exported from ${source.alias}` : "Exported"}
                {exportedAt ? (
                  <>
                    {" "}
                    on <Time date={exportedAt} />
                  </>
                ) : null}
                .{source && source.id !== instanceId ? ` You are importing it into ${alias}.` : ""}
              </p>
            </div>
            <ul className="grid items-start gap-3 md:grid-cols-2">
              {loaded.rows.map((row) => (
                <li
                  key={row.scope}
                  aria-label={`${SCOPE_LABELS[row.scope]} preview`}
                  className="rounded-lg border border-line p-3"
                >
                  <div className="mb-2 flex items-center justify-between gap-2">
                    <h4 className="font-medium">{SCOPE_LABELS[row.scope]}</h4>
                    <Badge tone={!row.inFile || row.unchanged ? "neutral" : "accent"}>
                      {!row.inFile ? "Not in the file" : row.unchanged ? "Unchanged" : "Changes"}
                    </Badge>
                  </div>
                  {!row.inFile ? (
                    <p className="text-sm text-fg-subtle">Stays as it is.</p>
                  ) : row.unchanged ? (
                    <p className="text-sm text-fg-subtle">Already the same as the file.</p>
                  ) : (
                    <PolicyDiffView diff={row.diff} />
                  )}
                </li>
              ))}
            </ul>
            <ReasonField value={reason} onChange={setReason} />
          </section>
        ) : null}

        {error ? <Alert tone="danger">{error}</Alert> : null}
        <DialogActions
          note={
            loaded && changed.length === 0 ? (
              <p className="text-fg-muted">The file matches the current policies.</p>
            ) : null
          }
        >
          <DialogCancel disabled={importPolicies.isPending} />
          <Button
            variant="primary"
            onClick={() => void apply()}
            disabled={!loaded || changed.length === 0}
            pending={importPolicies.isPending}
            pendingLabel="Applying…"
          >
            Apply
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
