"use client";

import { useId } from "react";
import { Segmented } from "@/components/ui/segmented";
import { MEDIA_TYPE_LABELS, type TWorkspaceMediaType } from "@/server/workspaces/workspace-rules";
import type { TWorkspaceMedia, TWorkspaceTheme } from "@/server/workspaces/workspace-schemas";
import { CheckList, useLogoContrastCheck } from "./checks";
import { WorkspaceMock } from "./mocks";
import { MODE_LABELS, MODES, resolveFontStack, type TMode, type TResolvedPalette } from "./theme";

const SLOTS: Record<TMode, { logo: TWorkspaceMediaType; favicon: TWorkspaceMediaType }> = {
  light: { logo: "IMAGE_LOGO_LIGHT_HORIZONTAL", favicon: "IMAGE_LOGO_LIGHT_FAVICON" },
  dark: { logo: "IMAGE_LOGO_DARK_HORIZONTAL", favicon: "IMAGE_LOGO_DARK_FAVICON" },
};

/**
 * The workspace as agents will see it, in light or dark: its images and its theme, including the
 * theme edits not saved yet.
 */
export function PreviewPanel({
  mode,
  onMode,
  theme,
  palette,
  media,
  title,
  unsaved,
}: {
  mode: TMode;
  onMode: (mode: TMode) => void;
  theme: TWorkspaceTheme;
  /** The mode's colours, as the page resolved them. */
  palette: TResolvedPalette;
  media: readonly TWorkspaceMedia[];
  title: string;
  unsaved: boolean;
}) {
  const headingId = useId();
  const slots = SLOTS[mode];
  const logo = media.find((item) => item.type === slots.logo);
  const favicon = media.find((item) => item.type === slots.favicon);
  const contrast = useLogoContrastCheck({
    src: logo?.path ?? null,
    mode,
    background: palette.Header.Background,
  });
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-xl border border-line bg-surface p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="font-semibold">
          Preview
        </h2>
        <Segmented
          legend="Preview mode"
          options={MODES.map((value) => ({ value, label: MODE_LABELS[value] }))}
          value={mode}
          onChange={onMode}
        />
      </div>
      <WorkspaceMock
        mode={mode}
        palette={palette}
        font={resolveFontStack(theme, mode)}
        title={title}
        logo={logo ? { src: logo.path, alt: `${MEDIA_TYPE_LABELS[logo.type]} in the header` } : null}
        favicon={favicon ? { src: favicon.path, alt: `${MEDIA_TYPE_LABELS[favicon.type]} in the browser tab` } : null}
      />
      {contrast ? <CheckList checks={[contrast]} label={`${MODE_LABELS[mode]} logo contrast`} /> : null}
      <p className="text-xs text-fg-subtle">
        {unsaved
          ? "Shows your theme changes, which are not saved yet."
          : `The agent workspace in ${MODE_LABELS[mode].toLowerCase()} mode, with this workspace's images and colours.`}
      </p>
    </section>
  );
}
