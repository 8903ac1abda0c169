"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useConsoleUser } from "@/components/shell/console-context";
import { Button } from "@/components/ui/button";
import { CopyText } from "@/components/ui/copy";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { lazyComponent } from "@/lib/lazy";
import { preloadWhenIdle } from "@/lib/preload";
import { routes } from "@/lib/routes";
import { SCOPE_LABELS, type TAttachmentScope } from "@/server/policies/policy-rules";
import { hasRole } from "@/server/team/role-rules";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { PolicyCard, type TPolicyAction } from "./card";
import { useAnnouncePolicyChange } from "./changes";
import { PolicyExportButton } from "./export-button";
import { PoliciesLoading, policiesCrumbs } from "./page-loading";
import { PolicyTester } from "./tester";

type TOpenDialog = { kind: TPolicyAction; scope: TAttachmentScope } | { kind: "import" };

// Not in the first load: the dialogs (zod comes with the editor's and the import's checks).
const PolicyEditorDialog = lazyComponent(() => import("./editor-dialog").then((dialog) => dialog.PolicyEditorDialog));
const PolicyHistoryDialog = lazyComponent(() =>
  import("./history-dialog").then((dialog) => dialog.PolicyHistoryDialog),
);
const PolicyCopyDialog = lazyComponent(() => import("./copy-dialog").then((dialog) => dialog.PolicyCopyDialog));
const PolicyResetDialog = lazyComponent(() => import("./reset-dialog").then((dialog) => dialog.PolicyResetDialog));
const PolicyImportDialog = lazyComponent(() => import("./import-dialog").then((dialog) => dialog.PolicyImportDialog));
/** The dialogs this person can open: everyone the history, editors the rest. */
const preloadDialogs = (canEdit: boolean) =>
  preloadWhenIdle(
    PolicyHistoryDialog.preload,
    ...(canEdit
      ? [PolicyEditorDialog.preload, PolicyCopyDialog.preload, PolicyResetDialog.preload, PolicyImportDialog.preload]
      : []),
  );

/** Where focus goes when the button that opened a dialog is gone (a reset hides the card's Reset). */
const cardAction = (scope: TAttachmentScope) => () =>
  document.querySelector<HTMLElement>(
    `[data-scope="${scope}"] [data-action="edit"], [data-scope="${scope}"] [data-action="history"]`,
  );

/**
 * An instance's policies: a card per scope, the file tester and the dialogs that change them. Loaded
 * by the page (app/(console)/attachments/[instanceId]) together with the policies themselves.
 */
export function InstancePolicies({ instanceId }: { instanceId: string }) {
  const user = useConsoleUser();
  const canEdit = hasRole(user.role, "editor");
  const trpc = useTRPC();
  const query = useQuery(trpc.policy.forInstance.queryOptions({ instanceId }));
  const [open, setOpen] = useState<TOpenDialog | null>(null);
  const announce = useAnnouncePolicyChange(instanceId);
  useEffect(() => preloadDialogs(canEdit), [canEdit]);

  if (query.isPending) return <PoliciesLoading />;
  if (query.isError) {
    const missing = ["NOT_FOUND", "BAD_REQUEST"].includes(errorCode(query.error) ?? "");
    return (
      <div className="space-y-6">
        <PageHeader title={missing ? "Instance not found" : "Attachment policies"} breadcrumbs={policiesCrumbs()} />
        {missing ? (
          <EmptyState title="There is no such instance">
            No instance of your team has the id <span className="font-mono">{instanceId}</span>.{" "}
            <Link href={routes.attachments} className="text-link underline">
              Choose one from the list.
            </Link>
          </EmptyState>
        ) : (
          <ErrorState message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
        )}
      </div>
    );
  }

  const { instance, policies } = query.data;
  const close = () => setOpen(null);
  const scoped = open && open.kind !== "import" ? policies.find((policy) => policy.scope === open.scope) : undefined;
  const changed = (change: Parameters<typeof announce>[0]) => {
    setOpen(null);
    announce(change);
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title={`Attachment policies for ${instance.alias}`}
        breadcrumbs={policiesCrumbs(instance.alias)}
        description={
          <div className="flex flex-col gap-0.5 text-sm">
            <span className="flex flex-wrap items-center gap-x-2">
              <span className="text-fg-subtle">Instance ID</span>
              <CopyText value={instance.id} label="Copy instance ID" />
            </span>
            <span className="flex flex-wrap items-center gap-x-2">
              <span className="text-fg-subtle">ARN</span>
              <CopyText value={instance.arn} label="Copy instance ARN" />
            </span>
          </div>
        }
        actions={
          <>
            <PolicyExportButton instanceId={instance.id} alias={instance.alias} />
            {canEdit ? <Button onClick={() => setOpen({ kind: "import" })}>Import JSON…</Button> : null}
          </>
        }
      />

      {canEdit ? null : (
        <p className="rounded-lg bg-surface-muted px-4 py-2 text-sm text-fg-muted">
          You can view these policies and test files against them. Changing them needs the editor role.
        </p>
      )}

      <div className="grid gap-4 sm:grid-cols-2 2xl:grid-cols-4">
        {policies.map((policy) => (
          <PolicyCard
            key={policy.scope}
            policy={policy}
            canEdit={canEdit}
            onAction={(kind) => setOpen({ kind, scope: policy.scope })}
          />
        ))}
      </div>

      <PolicyTester policies={policies} />

      {open?.kind === "edit" && scoped && canEdit ? (
        <PolicyEditorDialog
          instanceId={instance.id}
          policy={scoped}
          onClose={close}
          onSaved={(saved) =>
            changed({
              message: `${SCOPE_LABELS[saved.scope]} policy saved (version ${saved.version}).`,
              written: [saved],
            })
          }
        />
      ) : null}
      {open?.kind === "history" && scoped ? (
        <PolicyHistoryDialog
          instanceId={instance.id}
          policy={scoped}
          canEdit={canEdit}
          onClose={close}
          onRestored={(restored, from) =>
            changed({
              message: `${SCOPE_LABELS[restored.scope]} restored to version ${from.version} (now version ${restored.version}).`,
              written: [restored],
            })
          }
        />
      ) : null}
      {open?.kind === "copy" && canEdit ? (
        <PolicyCopyDialog
          instanceId={instance.id}
          from={open.scope}
          policies={policies}
          onClose={close}
          onChanged={changed}
        />
      ) : null}
      {open?.kind === "reset" && scoped && canEdit ? (
        <PolicyResetDialog
          instanceId={instance.id}
          policy={scoped}
          onClose={close}
          onChanged={changed}
          returnFocus={cardAction(scoped.scope)}
        />
      ) : null}
      {open?.kind === "import" && canEdit ? (
        <PolicyImportDialog
          instanceId={instance.id}
          alias={instance.alias}
          policies={policies}
          onClose={close}
          onChanged={changed}
        />
      ) : null}
    </div>
  );
}
