"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { PolicyCard, type TPolicyAction } from "@/components/policies/card";
import { PolicyCopyDialog } from "@/components/policies/copy-dialog";
import { PolicyEditorDialog } from "@/components/policies/editor-dialog";
import { PolicyExportButton } from "@/components/policies/export-button";
import { PolicyHistoryDialog } from "@/components/policies/history-dialog";
import { PolicyImportDialog } from "@/components/policies/import-dialog";
import { errorCode, secondaryButton } from "@/components/policies/policy-ui";
import { PolicyResetDialog } from "@/components/policies/reset-dialog";
import { PolicyTester } from "@/components/policies/tester";
import { useConsoleUser } from "@/components/shell/console-context";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import type { TAttachmentScope } from "@/server/policies/policy-schemas";
import { hasRole } from "@/server/team/role-rules";
import { useTRPC } from "@/trpc/react";

type TOpenDialog = { kind: TPolicyAction; scope: TAttachmentScope } | { kind: "import" };

const backLink = (
  <Link href="/attachments" className="text-sm font-medium text-indigo-700 hover:underline">
    ← All instances
  </Link>
);

export function PoliciesView({ instanceId }: { instanceId: string }) {
  const user = useConsoleUser();
  const canEdit = hasRole(user.role, "editor");
  const trpc = useTRPC();
  const query = useQuery(trpc.policy.forInstance.queryOptions({ instanceId }));
  const [open, setOpen] = useState<TOpenDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (query.isPending) {
    return (
      <div className="space-y-6">
        {backLink}
        <h1 className="text-2xl font-semibold tracking-tight">Attachment policies</h1>
        <LoadingRows label="Loading policies" rows={4} />
      </div>
    );
  }
  if (query.isError) {
    const missing = ["NOT_FOUND", "BAD_REQUEST"].includes(errorCode(query.error) ?? "");
    return (
      <div className="space-y-6">
        {backLink}
        <h1 className="text-2xl font-semibold tracking-tight">
          {missing ? "Instance not found" : "Attachment policies"}
        </h1>
        {missing ? (
          <EmptyState title="There is no such instance">
            No instance of your team has the id <span className="font-mono">{instanceId}</span>.{" "}
            <Link href="/attachments" className="text-indigo-700 hover:underline">
              Choose one from the list.
            </Link>
          </EmptyState>
        ) : (
          <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
        )}
      </div>
    );
  }

  const { instance, policies } = query.data;
  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
  };
  const close = () => setOpen(null);
  const scoped = open && open.kind !== "import" ? policies.find((policy) => policy.scope === open.scope) : undefined;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        {backLink}
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Attachment policies</h1>
            <p className="mt-1 text-slate-600">
              <span className="font-medium text-slate-900">{instance.alias}</span>{" "}
              <span className="font-mono text-xs text-slate-500">{instance.id}</span>
            </p>
          </div>
          <div className="flex items-start gap-2">
            <PolicyExportButton instanceId={instance.id} alias={instance.alias} />
            {canEdit ? (
              <button type="button" onClick={() => setOpen({ kind: "import" })} className={secondaryButton}>
                Import JSON…
              </button>
            ) : null}
          </div>
        </div>
      </div>

      {notice ? (
        <div
          role="status"
          className="flex items-center justify-between gap-4 rounded-lg bg-emerald-50 px-4 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200 ring-inset"
        >
          <p>{notice}</p>
          <button type="button" onClick={() => setNotice(null)} className="font-medium hover:underline">
            Dismiss
          </button>
        </div>
      ) : null}
      {canEdit ? null : (
        <p className="rounded-lg bg-slate-100 px-4 py-2 text-sm text-slate-600">
          You can view these policies and test files against them. Changing them needs the editor role.
        </p>
      )}

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {policies.map((policy) => (
          <PolicyCard
            key={policy.scope}
            policy={policy}
            canEdit={canEdit}
            onAction={(kind) => {
              setNotice(null);
              setOpen({ kind, scope: policy.scope });
            }}
          />
        ))}
      </div>

      <PolicyTester policies={policies} />

      {open?.kind === "edit" && scoped && canEdit ? (
        <PolicyEditorDialog instanceId={instance.id} policy={scoped} onClose={close} onDone={done} />
      ) : null}
      {open?.kind === "history" && scoped ? (
        <PolicyHistoryDialog instanceId={instance.id} policy={scoped} canEdit={canEdit} onClose={close} />
      ) : null}
      {open?.kind === "copy" && canEdit ? (
        <PolicyCopyDialog
          instanceId={instance.id}
          from={open.scope}
          policies={policies}
          onClose={close}
          onDone={done}
        />
      ) : null}
      {open?.kind === "reset" && scoped && canEdit ? (
        <PolicyResetDialog instanceId={instance.id} policy={scoped} onClose={close} onDone={done} />
      ) : null}
      {open?.kind === "import" && canEdit ? (
        <PolicyImportDialog
          instanceId={instance.id}
          alias={instance.alias}
          policies={policies}
          onClose={close}
          onDone={done}
        />
      ) : null}
    </div>
  );
}
