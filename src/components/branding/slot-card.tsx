"use client";

import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { cx } from "@/lib/cx";
import { formatBytes } from "@/lib/format";
import { MEDIA_TYPE_LABELS, mediaSlot, type TWorkspaceMediaType } from "@/server/workspaces/workspace-rules";
import type { TWorkspaceMedia } from "@/server/workspaces/workspace-schemas";
import { CheckList, useLogoContrastCheck } from "./checks";
import { slotRules } from "./slot-rules";
import type { TMediaSource } from "./source";
import { SourcePicker } from "./source-picker";
import { MODE_LABELS, type TResolvedPalette } from "./theme";

/**
 * One of the four image slots: what it holds (on its mode's header colour, with its contrast for a
 * logo) and, for editors, where a new image is dropped, chosen, pasted or addressed, and Delete.
 */
export function SlotCard({
  type,
  media,
  palette,
  canEdit,
  onSource,
  onDelete,
}: {
  type: TWorkspaceMediaType;
  media: TWorkspaceMedia | undefined;
  /** The colours of the slot's mode, as the page shows them. */
  palette: TResolvedPalette;
  canEdit: boolean;
  onSource: (source: TMediaSource) => void;
  onDelete: () => void;
}) {
  const slot = mediaSlot(type);
  const label = MEDIA_TYPE_LABELS[type];
  const headingId = `slot-${type}`;
  const contrast = useLogoContrastCheck({
    src: slot.kind === "horizontal" && media ? media.path : null,
    mode: slot.mode,
    background: palette.Header.Background,
  });

  return (
    <section
      aria-labelledby={headingId}
      data-slot={type}
      className="@container flex min-w-0 flex-col gap-3 rounded-xl border border-line bg-surface p-4 shadow-sm"
    >
      <div>
        <h3 id={headingId} className="font-semibold">
          {label}
        </h3>
        <p className="text-xs text-fg-subtle">
          {MODE_LABELS[slot.mode]} mode · {slotRules(type)}
        </p>
      </div>

      {/* Side by side where the card is wide enough: what the slot holds, and where a new image goes. */}
      <div className={cx("grid gap-3", canEdit && "@lg:grid-cols-2 @lg:gap-5")}>
        <div className="min-w-0 space-y-2">
          <div
            className={cx(
              "flex h-20 items-center rounded-lg px-3 ring-1 ring-line ring-inset",
              slot.kind === "favicon" ? "justify-center" : "justify-start",
            )}
            style={{ backgroundColor: palette.Header.Background }}
          >
            {media ? (
              // biome-ignore lint/performance/noImgElement: a stored image at its exact size, not a page asset for next/image
              <img
                src={media.path}
                alt={label}
                className={slot.kind === "favicon" ? "h-8 w-8 object-contain" : "h-10 w-auto max-w-full object-contain"}
              />
            ) : (
              <span className="rounded bg-surface px-2 py-1 text-sm text-fg-muted">No image yet</span>
            )}
          </div>
          {media ? (
            <p className="text-xs text-fg-subtle">
              {media.format.toUpperCase()} · {media.width}×{media.height} px · {formatBytes(media.bytes)} · updated{" "}
              <Time date={media.updatedAt} />
            </p>
          ) : (
            <p className="text-xs text-fg-subtle">
              {slot.kind === "favicon"
                ? "Browsers show their default icon in the tab."
                : "The header shows the workspace's title instead."}
            </p>
          )}
          {contrast ? <CheckList checks={[contrast]} label={`${label} contrast`} /> : null}
          {canEdit && media ? (
            <Button variant="danger-link" onClick={onDelete} aria-label={`Delete ${label.toLowerCase()}`}>
              Delete
            </Button>
          ) : null}
        </div>
        {canEdit ? (
          <div className="min-w-0 border-t border-line pt-3 @lg:border-t-0 @lg:pt-0">
            <SourcePicker
              dropLabel={media ? "Drop a new image here or choose a file" : "Drop an image here or choose a file"}
              onSource={onSource}
            />
          </div>
        ) : null}
      </div>
    </section>
  );
}
