"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useState } from "react";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog, DialogActions, DialogCancel } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import {
  MEDIA_TYPE_LABELS,
  mediaSlot,
  slotChecks,
  type TWorkspaceMediaType,
} from "@/server/workspaces/workspace-rules";
import type {
  TMediaCheckResult,
  TWorkspace,
  TWorkspaceMedia,
  TWorkspaceTheme,
} from "@/server/workspaces/workspace-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { CheckList, type TCheckLine, useLogoContrastCheck } from "./checks";
import { resolveCssColour } from "./measure";
import { HeaderMock, TabMock } from "./mocks";
import { slotRules } from "./slot-rules";
import { sourceName, sourceValue, type TMediaSource } from "./source";
import { SourcePicker } from "./source-picker";
import { MODE_LABELS, MODES, resolveFontStack, resolvePalette } from "./theme";

type TCheckState =
  | { status: "checking" }
  | { status: "done"; result: TMediaCheckResult }
  | { status: "failed"; message: string };

const usableColour = (colour: string) => resolveCssColour(colour) !== null;

/** Reads and checks a chosen image on the server (nothing is stored), for one source at a time. */
function useMediaCheck(
  instanceId: string,
  workspaceId: string,
  type: TWorkspaceMediaType,
  source: TMediaSource,
  attempt: number,
) {
  const trpcClient = useTRPCClient();
  const [state, setState] = useState<{ source: TMediaSource; attempt: number; check: TCheckState } | null>(null);
  useEffect(() => {
    let current = true;
    const value = sourceValue(source);
    if (value === null) {
      // Over the limit: not read, not sent; the size rule says why.
      const size = slotChecks(type, { width: 1, height: 1, bytes: source.kind === "file" ? source.bytes : 0 }).filter(
        (check) => check.rule === "size",
      );
      setState({
        source,
        attempt,
        check: {
          status: "done",
          result: { format: null, width: null, height: null, bytes: null, checks: size, previewDataUrl: null },
        },
      });
      return;
    }
    trpcClient.workspace.checkMedia.mutate({ instanceId, workspaceId, type, source: value }).then(
      (result) => {
        if (current) setState({ source, attempt, check: { status: "done", result } });
      },
      (caught: unknown) => {
        if (current) setState({ source, attempt, check: { status: "failed", message: errorMessage(caught) } });
      },
    );
    return () => {
      current = false;
    };
  }, [instanceId, workspaceId, type, source, attempt, trpcClient]);
  return state?.source === source && state.attempt === attempt ? state.check : ({ status: "checking" } as const);
}

/**
 * The preview before an import: the chosen image where it will show (the header in light and in dark
 * for a logo, browser tabs at 16 and 32 px for a favicon), in the workspace's colours, with the checks
 * it passes or fails. Import stays disabled until every rule passes; a replace asks first.
 */
export function MediaImportDialog({
  instanceId,
  workspace,
  type,
  current,
  theme,
  initialSource,
  onClose,
  onImported,
}: {
  instanceId: string;
  workspace: TWorkspace;
  type: TWorkspaceMediaType;
  current: TWorkspaceMedia | undefined;
  /** The theme as the page shows it (with unsaved edits), so the preview matches. */
  theme: TWorkspaceTheme;
  initialSource: TMediaSource;
  onClose: () => void;
  onImported: (media: TWorkspaceMedia, replaced: TWorkspaceMedia | undefined) => void;
}) {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [source, setSource] = useState(initialSource);
  const [confirming, setConfirming] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const check = useMediaCheck(instanceId, workspace.id, type, source, attempt);
  const slot = mediaSlot(type);
  const label = MEDIA_TYPE_LABELS[type];
  const title = workspace.title || workspace.name;
  const palettes = useMemo(
    () => ({ light: resolvePalette(theme, "light", usableColour), dark: resolvePalette(theme, "dark", usableColour) }),
    [theme],
  );

  const result = check.status === "done" ? check.result : null;
  const preview = result?.previewDataUrl ?? null;
  const contrast = useLogoContrastCheck({
    src: slot.kind === "horizontal" ? preview : null,
    mode: slot.mode,
    background: palettes[slot.mode].Header.Background,
  });
  const lines: TCheckLine[] = result
    ? [
        ...result.checks.map((line) => ({
          key: line.rule,
          status: line.ok ? ("ok" as const) : ("failed" as const),
          message: line.message,
        })),
        ...(contrast ? [contrast] : []),
      ]
    : [];
  const passes = Boolean(result && preview && result.checks.length > 0 && result.checks.every((line) => line.ok));

  async function importImage() {
    const value = sourceValue(source);
    if (!passes || value === null) return;
    setConfirming(false);
    setImporting(true);
    setImportError(null);
    try {
      const media = await trpcClient.workspace.importMedia.mutate({
        instanceId,
        workspaceId: workspace.id,
        type,
        source: value,
      });
      await queryClient.invalidateQueries(trpc.workspace.pathFilter());
      onImported(media, current);
    } catch (caught) {
      setImportError(errorMessage(caught));
      setImporting(false);
    }
  }

  const candidate = (where: string) =>
    preview ? { src: preview, alt: `New ${label.toLowerCase()} ${where}`, isNew: true } : null;

  return (
    <Dialog
      title={`${current ? "Replace" : "Import"} ${label.toLowerCase()}`}
      description={`${slotRules(type)} Check the preview, then ${current ? "replace the current image" : "import it"}.`}
      onClose={onClose}
      busy={importing}
      size="lg"
    >
      <div className="space-y-5">
        <section aria-labelledby={headingId} className="space-y-3">
          <h3 id={headingId} tabIndex={-1} data-autofocus className="font-semibold break-words focus:outline-none">
            {sourceName(source)}
          </h3>
          {check.status === "checking" ? (
            <p role="status" className="flex items-center gap-2 text-sm text-fg-muted">
              <Spinner /> Checking the image…
            </p>
          ) : check.status === "failed" ? (
            <Alert tone="danger" title="This image could not be checked.">
              <p>{check.message}</p>
              <Button size="sm" className="mt-2" onClick={() => setAttempt((count) => count + 1)}>
                Check again
              </Button>
            </Alert>
          ) : result ? (
            <>
              {result.format && result.width && result.height ? (
                <p className="text-sm text-fg-muted">
                  {result.format.toUpperCase()} · {result.width}×{result.height} px
                </p>
              ) : null}
              <CheckList checks={lines} />
            </>
          ) : null}
        </section>

        {preview ? (
          <section aria-label="Preview" className="space-y-2">
            <h3 className="text-sm font-semibold">Preview</h3>
            {slot.kind === "horizontal" ? (
              <div className="grid gap-3 md:grid-cols-2">
                {MODES.map((mode) => (
                  <figure key={mode} className="min-w-0 space-y-1">
                    <figcaption className="text-xs text-fg-subtle">
                      {MODE_LABELS[mode]} header{mode === slot.mode ? " (where this logo shows)" : " (for comparison)"}
                    </figcaption>
                    <HeaderMock
                      className="rounded-md border border-line"
                      palette={palettes[mode]}
                      font={resolveFontStack(theme, mode)}
                      logo={candidate(`on the ${mode} header`)}
                      title={title}
                    />
                  </figure>
                ))}
              </div>
            ) : (
              <div className="grid gap-3 md:grid-cols-2">
                {([16, 32] as const).map((size) => (
                  <figure key={size} className="min-w-0 space-y-1">
                    <figcaption className="text-xs text-fg-subtle">Browser tab at {size} px</figcaption>
                    <div className="overflow-hidden rounded-md border border-line">
                      {MODES.map((mode) => (
                        <TabMock
                          key={mode}
                          mode={mode}
                          size={size}
                          title={title}
                          favicon={candidate(`in a ${mode} tab at ${size} px`)}
                        />
                      ))}
                    </div>
                  </figure>
                ))}
              </div>
            )}
          </section>
        ) : null}

        {importError ? (
          <Alert tone="danger" title="The image was not imported.">
            <p>{importError}</p>
            <p className="mt-1">The image you chose is still here: try again.</p>
          </Alert>
        ) : null}

        <section aria-label="Choose another image" className="space-y-2 border-t border-line pt-4">
          <h3 className="text-sm font-semibold">Choose another image</h3>
          <SourcePicker
            dropLabel="Drop another image here or choose a file"
            onSource={(next) => {
              setImportError(null);
              setSource(next);
            }}
          />
        </section>

        <DialogActions
          note={
            result && !passes ? (
              <p className="text-red-700 dark:text-red-300">Fix what failed, or choose another image.</p>
            ) : null
          }
        >
          <DialogCancel disabled={importing} />
          <Button
            variant="primary"
            disabled={!passes}
            pending={importing}
            pendingLabel={current ? "Replacing…" : "Importing…"}
            onClick={() => (current ? setConfirming(true) : void importImage())}
          >
            {current ? "Replace" : "Import"}
          </Button>
        </DialogActions>
      </div>
      {confirming && current ? (
        <ConfirmDialog
          title={`Replace the ${label.toLowerCase()}?`}
          confirmLabel="Replace"
          tone="primary"
          onConfirm={() => void importImage()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            The current image ({current.width}×{current.height} px) is replaced for everyone using {workspace.name}. You
            can undo this right after.
          </p>
        </ConfirmDialog>
      ) : null}
    </Dialog>
  );
}
