"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { DialogActions, PolicyDialog } from "@/components/ui/dialog";
import { PolicyFileDrop } from "@/components/ui/file-drop";
import { SCOPE_LABELS, type TPolicyExport, type TScopePolicy } from "@/server/policies/policy-schemas";
import { useTRPC } from "@/trpc/react";
import { PolicyDiffView } from "./diff";
import { previewImport, readPolicyExport, type TImportPreviewRow } from "./import";
import { errorCode, errorMessage, InlineError, primaryButton, ReasonField, secondaryButton } from "./policy-ui";

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
  onDone,
}: {
  instanceId: string;
  alias: string;
  policies: TScopePolicy[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [loaded, setLoaded] = useState<TLoaded | null>(null);
  const [problems, setProblems] = useState<{ name: string; errors: string[] } | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const importPolicies = useMutation(trpc.policy.import.mutationOptions());

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
      await importPolicies.mutateAsync({
        instanceId,
        file: loaded.file,
        expectedVersions: Object.fromEntries(
          loaded.rows.filter((row) => row.inFile).map((row) => [row.scope, row.current.version]),
        ),
        reason,
      });
      await queryClient.invalidateQueries(trpc.policy.pathFilter());
      onDone(`Imported ${loaded.name}: ${changed.map((row) => SCOPE_LABELS[row.scope]).join(", ")} updated.`);
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
        setLoaded({ ...loaded, rows: previewImport(loaded.file, latest.policies) });
        setError(
          `${errorMessage(caught)} The preview now compares with the latest policies; check it and apply again.`,
        );
      } catch {
        setError(errorMessage(caught));
      }
    }
  }

  const source = loaded?.file.instance;
  return (
    <PolicyDialog
      title="Import policies"
      description="Nothing changes until you apply the preview."
      onClose={onClose}
      busy={importPolicies.isPending}
      size="lg"
    >
      <div className="space-y-4">
        <PolicyFileDrop
          label="Policy file (JSON)"
          hint="Drop an Attache policy export here, or choose one. It is checked here before anything is sent."
          accept="application/json,.json"
          onFile={(file) => void read(file)}
        />

        {problems ? (
          <div
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset"
          >
            <p className="font-medium">{problems.name} cannot be imported:</p>
            <ul className="mt-1 list-disc pl-5">
              {problems.errors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        ) : null}

        {loaded ? (
          <section aria-labelledby={`${headingId}-preview`} className="space-y-3">
            <div>
              <h3 id={`${headingId}-preview`} className="font-semibold">
                Preview of {loaded.name}
              </h3>
              <p className="text-sm text-slate-600">
                {source ? `Exported from ${source.alias}` : "Exported"}
                {loaded.file.exportedAt ? ` on ${new Date(loaded.file.exportedAt).toLocaleString()}` : ""}.
                {source && source.id !== instanceId ? ` You are importing it into ${alias}.` : ""}
              </p>
            </div>
            <ul className="grid items-start gap-3 md:grid-cols-2">
              {loaded.rows.map((row) => (
                <li
                  key={row.scope}
                  aria-label={`${SCOPE_LABELS[row.scope]} preview`}
                  className="rounded-lg border border-slate-200 p-3"
                >
                  <div className="mb-2 flex items-center justify-between gap-2">
                    <h4 className="font-medium">{SCOPE_LABELS[row.scope]}</h4>
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-medium ${
                        !row.inFile || row.unchanged ? "bg-slate-100 text-slate-600" : "bg-indigo-50 text-indigo-800"
                      }`}
                    >
                      {!row.inFile ? "Not in the file" : row.unchanged ? "Unchanged" : "Changes"}
                    </span>
                  </div>
                  {!row.inFile ? (
                    <p className="text-sm text-slate-500">Stays as it is.</p>
                  ) : row.unchanged ? (
                    <p className="text-sm text-slate-500">Already the same as the file.</p>
                  ) : (
                    <PolicyDiffView diff={row.diff} />
                  )}
                </li>
              ))}
            </ul>
            <ReasonField value={reason} onChange={setReason} />
          </section>
        ) : null}

        <InlineError message={error} />
        <DialogActions>
          {loaded && changed.length === 0 ? (
            <p className="mr-auto self-center text-sm text-slate-600">The file matches the current policies.</p>
          ) : null}
          <button type="button" onClick={onClose} disabled={importPolicies.isPending} className={secondaryButton}>
            Cancel
          </button>
          <button
            type="button"
            onClick={() => void apply()}
            disabled={!loaded || changed.length === 0 || importPolicies.isPending}
            className={primaryButton}
          >
            {importPolicies.isPending ? "Applying…" : "Apply"}
          </button>
        </DialogActions>
      </div>
    </PolicyDialog>
  );
}
