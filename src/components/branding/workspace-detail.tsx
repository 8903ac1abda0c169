"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useConsoleUser } from "@/components/shell/console-context";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { PageHeader, Panel } from "@/components/ui/page-header";
import { Segmented } from "@/components/ui/segmented";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { notify } from "@/components/ui/toast";
import { lazyComponent } from "@/lib/lazy";
import { preloadWhenIdle } from "@/lib/preload";
import { routes } from "@/lib/routes";
import { hasRole } from "@/server/team/role-rules";
import { MEDIA_TYPE_LABELS, mediaSlot, type TWorkspaceMediaType } from "@/server/workspaces/workspace-rules";
import type { TWorkspaceMedia } from "@/server/workspaces/workspace-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { resolveCssColour } from "./measure";
import { WorkspaceLoading, workspaceCrumbs } from "./page-loading";
import { PreviewPanel } from "./preview-panel";
import { SlotCard } from "./slot-card";
import type { TMediaSource } from "./source";
import { MODE_LABELS, MODES, resolvePalette, sameTheme, type TMode } from "./theme";
import type { TThemeDraft } from "./theme-editor";
import { ThemeSummary } from "./theme-summary";
import { VisibilityBadge } from "./visibility-badge";

// Not in the first load: the dialogs, and the theme editor (zod comes with its checks); editors only.
const MediaImportDialog = lazyComponent(() => import("./import-dialog").then((dialog) => dialog.MediaImportDialog));
const WorkspaceDetailsDialog = lazyComponent(() =>
  import("./details-dialog").then((dialog) => dialog.WorkspaceDetailsDialog),
);
const DeleteWorkspaceDialog = lazyComponent(() =>
  import("./delete-dialog").then((dialog) => dialog.DeleteWorkspaceDialog),
);
const ThemeEditor = lazyComponent(
  () => import("./theme-editor").then((editor) => editor.ThemeEditor),
  <LoadingRows label="Loading the theme editor" rows={4} />,
);

const usableColour = (colour: string) => resolveCssColour(colour) !== null;

/** The logos first (light, dark), then the favicons: each row a kind, each column a mode. */
const SLOT_ORDER: readonly TWorkspaceMediaType[] = [
  "IMAGE_LOGO_LIGHT_HORIZONTAL",
  "IMAGE_LOGO_DARK_HORIZONTAL",
  "IMAGE_LOGO_LIGHT_FAVICON",
  "IMAGE_LOGO_DARK_FAVICON",
];

type TOpen =
  | { kind: "import"; type: TWorkspaceMediaType; source: TMediaSource }
  | { kind: "delete-media"; type: TWorkspaceMediaType }
  | { kind: "details" }
  | { kind: "delete" };

/** After an import: a toast, with Undo when it replaced an image (the slot keeps the previous one). */
function useAnnounceImport(instanceId: string, workspaceId: string) {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  return (media: TWorkspaceMedia, replaced: TWorkspaceMedia | undefined) => {
    const label = MEDIA_TYPE_LABELS[media.type];
    const previous = media.previousContentHash;
    if (!replaced || !previous || replaced.contentHash === media.contentHash) {
      notify.success(`${label} imported.`);
      return;
    }
    notify.success(`${label} replaced.`, {
      undo: async () => {
        try {
          await trpcClient.workspace.restoreMedia.mutate({
            instanceId,
            workspaceId,
            type: media.type,
            contentHash: previous,
          });
          await queryClient.invalidateQueries(trpc.workspace.pathFilter());
          notify.success(`Undone: the previous ${label.toLowerCase()} is back.`);
        } catch (caught) {
          void queryClient.invalidateQueries(trpc.workspace.pathFilter());
          notify.error(`Could not undo: ${errorMessage(caught)}`);
        }
      },
    });
  };
}

/**
 * A workspace's branding: its four image slots, the live preview in light and dark, and its theme.
 * Editors change them; viewers see the same page without any of the actions. Loaded by the page
 * (app/(console)/branding/[instanceId]/[workspaceId]) together with the workspace.
 */
export function WorkspaceDetail({ instanceId, workspaceId }: { instanceId: string; workspaceId: string }) {
  const user = useConsoleUser();
  const canEdit = hasRole(user.role, "editor");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.workspace.get.queryOptions({ instanceId, workspaceId }));
  const [mode, setMode] = useState<TMode>("light");
  const [open, setOpen] = useState<TOpen | null>(null);
  const [draft, setDraft] = useState<TThemeDraft | null>(null);
  const announceImport = useAnnounceImport(instanceId, workspaceId);
  const deleteMedia = useMutation(trpc.workspace.deleteMedia.mutationOptions());
  useEffect(() => {
    if (canEdit) {
      return preloadWhenIdle(
        MediaImportDialog.preload,
        ThemeEditor.preload,
        WorkspaceDetailsDialog.preload,
        DeleteWorkspaceDialog.preload,
      );
    }
  }, [canEdit]);

  const savedTheme = query.data?.workspace.theme;
  const theme = draft?.theme ?? savedTheme ?? {};
  const palettes = useMemo(
    () => ({ light: resolvePalette(theme, "light", usableColour), dark: resolvePalette(theme, "dark", usableColour) }),
    [theme],
  );

  if (query.isPending) return <WorkspaceLoading />;
  if (query.isError) {
    const missing = ["NOT_FOUND", "BAD_REQUEST"].includes(errorCode(query.error) ?? "");
    return (
      <div className="space-y-6">
        <PageHeader title={missing ? "Workspace not found" : "Workspace"} breadcrumbs={workspaceCrumbs()} />
        {missing ? (
          <EmptyState title="There is no such workspace">
            {errorMessage(query.error)}{" "}
            <Link href={routes.branding} className="text-link underline">
              Choose an instance and a workspace.
            </Link>
          </EmptyState>
        ) : (
          <ErrorState message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
        )}
      </div>
    );
  }

  const { instance, workspace, media } = query.data;
  const bySlot = new Map(media.map((item) => [item.type, item]));
  const unsaved = draft !== null && !sameTheme(draft.theme, workspace.theme);
  const close = () => setOpen(null);
  const title = workspace.title || workspace.name;

  async function removeMedia(type: TWorkspaceMediaType) {
    try {
      await deleteMedia.mutateAsync({ instanceId, workspaceId: workspace.id, type });
      await queryClient.invalidateQueries(trpc.workspace.pathFilter());
      close();
      notify.success(`${MEDIA_TYPE_LABELS[type]} deleted.`);
    } catch {
      // Shown in the dialog, from the mutation's state.
    }
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title={workspace.name}
        breadcrumbs={workspaceCrumbs(instance, workspace.name)}
        description={
          <div className="space-y-1 text-sm">
            {workspace.title ? <p className="break-words">Title: {workspace.title}</p> : null}
            {workspace.description ? <p className="break-words whitespace-pre-line">{workspace.description}</p> : null}
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-fg-subtle">
              <VisibilityBadge visibility={workspace.visibility} />
              <span>
                Version {workspace.version} · updated <Time date={workspace.updatedAt} />
              </span>
            </p>
          </div>
        }
        actions={
          canEdit ? (
            <>
              <Button onClick={() => setOpen({ kind: "details" })}>Edit details</Button>
              <Button variant="danger" onClick={() => setOpen({ kind: "delete" })}>
                Delete workspace
              </Button>
            </>
          ) : null
        }
      />

      {canEdit ? null : (
        <p className="rounded-lg bg-surface-muted px-4 py-2 text-sm text-fg-muted">
          You can view this workspace&apos;s branding. Changing it needs the editor role.
        </p>
      )}

      {/* The preview comes first (on a phone, above the slots); wide screens keep it beside them. */}
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="min-w-0 xl:sticky xl:top-20 xl:col-start-2 xl:row-start-1">
          <PreviewPanel
            mode={mode}
            onMode={setMode}
            theme={theme}
            palette={palettes[mode]}
            media={media}
            title={title}
            unsaved={unsaved}
          />
        </div>
        <div className="min-w-0 space-y-6 xl:col-start-1 xl:row-start-1">
          <section aria-labelledby="slots-heading" className="@container space-y-3">
            <h2 id="slots-heading" className="text-lg font-semibold">
              Logos and favicons
            </h2>
            <div className="grid gap-4 @4xl:grid-cols-2">
              {SLOT_ORDER.map((type) => (
                <SlotCard
                  key={type}
                  type={type}
                  media={bySlot.get(type)}
                  palette={palettes[mediaSlot(type).mode]}
                  canEdit={canEdit}
                  onSource={(source) => setOpen({ kind: "import", type, source })}
                  onDelete={() => setOpen({ kind: "delete-media", type })}
                />
              ))}
            </div>
          </section>

          <Panel title="Theme">
            {canEdit ? (
              <div className="space-y-4">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <p className="max-w-prose text-sm text-fg-muted">
                    Colours left empty keep the agent workspace&apos;s defaults. The preview shows each change as you
                    make it.
                  </p>
                  <Segmented
                    legend="Mode to edit"
                    options={MODES.map((value) => ({ value, label: MODE_LABELS[value] }))}
                    value={mode}
                    onChange={setMode}
                  />
                </div>
                <ThemeEditor
                  instanceId={instanceId}
                  workspace={workspace}
                  mode={mode}
                  draft={draft}
                  onDraft={setDraft}
                />
              </div>
            ) : (
              <ThemeSummary theme={workspace.theme} />
            )}
          </Panel>
        </div>
      </div>

      {open?.kind === "import" && canEdit ? (
        <MediaImportDialog
          instanceId={instanceId}
          workspace={workspace}
          type={open.type}
          current={bySlot.get(open.type)}
          theme={theme}
          initialSource={open.source}
          onClose={close}
          onImported={(imported, replaced) => {
            close();
            announceImport(imported, replaced);
          }}
        />
      ) : null}
      {open?.kind === "delete-media" && canEdit ? (
        <ConfirmDialog
          title={`Delete the ${MEDIA_TYPE_LABELS[open.type].toLowerCase()}?`}
          confirmLabel="Delete image"
          pending={deleteMedia.isPending}
          onConfirm={() => void removeMedia(open.type)}
          onCancel={() => {
            deleteMedia.reset();
            close();
          }}
        >
          <p>
            Agents using {workspace.name} in {mediaSlot(open.type).mode} mode{" "}
            {mediaSlot(open.type).kind === "favicon"
              ? "see the browser's default icon in the tab"
              : "see the workspace's title in the header instead"}
            . To bring it back, import it again.
          </p>
          {deleteMedia.isError ? <Alert tone="danger">{errorMessage(deleteMedia.error)}</Alert> : null}
        </ConfirmDialog>
      ) : null}
      {open?.kind === "details" && canEdit ? (
        <WorkspaceDetailsDialog instanceId={instanceId} workspace={workspace} onClose={close} />
      ) : null}
      {open?.kind === "delete" && canEdit ? (
        <DeleteWorkspaceDialog
          instanceId={instanceId}
          workspace={workspace}
          onClose={close}
          onDeleted={() => router.replace(routes.brandingInstance(instanceId))}
        />
      ) : null}
    </div>
  );
}
