"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useNavigationGuard } from "@/components/shell/navigation-guard";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ColourField } from "@/components/ui/colour-field";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { notify } from "@/components/ui/toast";
import { FONT_FAMILIES, type TFontFamily } from "@/server/workspaces/workspace-rules";
import { isCssColour, type TWorkspace, type TWorkspaceTheme } from "@/server/workspaces/workspace-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { composite, toHex } from "./contrast";
import { resolveCssColour } from "./measure";
import {
  DEFAULT_PALETTES,
  MODE_LABELS,
  normalizeTheme,
  PALETTE_FIELDS,
  sameTheme,
  setThemeColour,
  setThemeFlag,
  setThemeFont,
  type TMode,
  themeColour,
  themeColours,
  themeFlag,
  themeFont,
} from "./theme";

/** Why a typed colour cannot be saved, or undefined when it can. */
function colourError(label: string, value: string): string | undefined {
  if (!isCssColour(value)) return `${label} must be a CSS colour such as #1f2937, rgb(31 41 55) or navy.`;
  if (!resolveCssColour(value))
    return `“${value.trim()}” is not a colour the browser knows. Try a hex value such as #1f2937.`;
  return undefined;
}

const fieldKey = (mode: TMode, group: string, key: string) => `${mode}.${group}.${key}`;

export type TThemeDraft = { theme: TWorkspaceTheme; base: TWorkspaceTheme };

/**
 * The workspace theme's colours and font, one mode at a time, shown live in the page's preview.
 * Saved whole through updateTheme (UpdateWorkspaceTheme's domain function) against the version it was
 * read at; if someone saved another theme meanwhile, it asks which one to keep. Nothing typed is lost:
 * a colour that is not one stays in its field with its message, and leaving asks first.
 */
export function ThemeEditor({
  instanceId,
  workspace,
  mode,
  draft,
  onDraft,
}: {
  instanceId: string;
  workspace: TWorkspace;
  mode: TMode;
  /** The unsaved edit and the saved theme it started from; null when there is none. */
  draft: TThemeDraft | null;
  onDraft: (draft: TThemeDraft | null) => void;
}) {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  const fields = useRef<HTMLDivElement>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const theme = draft?.theme ?? workspace.theme;
  const dirty = draft !== null && !sameTheme(draft.theme, workspace.theme);
  const label = MODE_LABELS[mode];

  useNavigationGuard(dirty ? "Your theme changes are not saved yet." : null);

  const errors = new Map(
    themeColours(theme).flatMap(({ mode: at, group, key, label: colourLabel, value }) => {
      const message = colourError(colourLabel, value);
      return message ? [[fieldKey(at, group, key), message] as const] : [];
    }),
  );
  const otherModeErrors = [...errors.keys()].filter((key) => !key.startsWith(`${mode}.`)).length;

  const change = (next: TWorkspaceTheme) => {
    setError(null);
    onDraft({ theme: next, base: draft?.base ?? workspace.theme });
  };

  async function save() {
    if (errors.size) {
      setError(
        otherModeErrors
          ? `Fix the marked colours first (${otherModeErrors} in ${mode === "light" ? "Dark" : "Light"} mode).`
          : "Fix the marked colours first.",
      );
      fields.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    if (!draft) return;
    // Someone saved another theme since this edit began (the page has reloaded it): ask, never overwrite.
    if (!sameTheme(draft.base, workspace.theme)) {
      setConflict(true);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await trpcClient.workspace.updateTheme.mutate({
        instanceId,
        workspaceId: workspace.id,
        theme: normalizeTheme(draft.theme),
        expectedVersion: workspace.version,
      });
      queryClient.setQueryData(trpc.workspace.get.queryKey({ instanceId, workspaceId: workspace.id }), (detail) =>
        detail ? { ...detail, workspace: saved } : detail,
      );
      void queryClient.invalidateQueries(trpc.workspace.list.pathFilter());
      onDraft(null);
      notify.success(`Theme of “${saved.name}” saved.`);
    } catch (caught) {
      if (errorCode(caught) === "CONFLICT") {
        // Another change came first (a logo import counts): load it, then see whether the theme moved.
        await queryClient.invalidateQueries(trpc.workspace.get.pathFilter());
        setError(`${errorMessage(caught)} Your theme changes are still here; press Save theme again.`);
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="space-y-5">
      <div ref={fields} className="space-y-5">
        {PALETTE_FIELDS.map(({ group, label: groupLabel, colours, invertable }) => (
          <fieldset key={group} className="min-w-0 space-y-3">
            <legend className="mb-2 text-sm font-semibold text-fg">
              {groupLabel} <span className="font-normal text-fg-subtle">({label} mode)</span>
            </legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {colours.map(({ key, label: colourLabel }) => {
                const value = themeColour(theme, mode, group, key) ?? "";
                const fallback = (DEFAULT_PALETTES[mode][group] as Record<string, string | boolean>)[key];
                const defaultColour = typeof fallback === "string" ? fallback : "#000000";
                const resolved = value ? resolveCssColour(value) : null;
                const swatch = toHex(
                  composite(resolved ?? resolveCssColour(defaultColour) ?? { r: 0, g: 0, b: 0, a: 1 }, {
                    r: 255,
                    g: 255,
                    b: 255,
                  }),
                );
                return (
                  <ColourField
                    key={key}
                    label={colourLabel}
                    value={value}
                    swatch={swatch}
                    defaultLabel={defaultColour}
                    error={errors.get(fieldKey(mode, group, key))}
                    onChange={(next) => change(setThemeColour(theme, mode, group, key, next))}
                  />
                );
              })}
            </div>
            {invertable ? (
              <label className="flex min-h-6 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={themeFlag(theme, mode, group)}
                  onChange={(event) => change(setThemeFlag(theme, mode, group, event.target.checked))}
                  className="h-4 w-4 accent-indigo-600"
                />
                Invert the colours of {groupLabel.toLowerCase()} actions
              </label>
            ) : null}
          </fieldset>
        ))}
        <Field label={`Font family (${label} mode)`} hint="One of the fonts the agent workspace offers.">
          <Select
            value={themeFont(theme, mode) ?? ""}
            onChange={(event) =>
              change(setThemeFont(theme, mode, (event.target.value || undefined) as TFontFamily | undefined))
            }
          >
            <option value="">Default (the agent workspace&apos;s font)</option>
            {FONT_FAMILIES.map((family) => (
              <option key={family} value={family}>
                {family}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      {conflict && draft ? (
        <Alert tone="warning" live="alert" title="Someone else saved this workspace's theme while you were editing it.">
          <p>The preview shows your version. Keep yours to save it over theirs, or discard yours to see theirs.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="primary"
              onClick={() => {
                setConflict(false);
                onDraft({ theme: draft.theme, base: workspace.theme });
              }}
            >
              Keep mine
            </Button>
            <Button
              size="sm"
              onClick={() => {
                setConflict(false);
                onDraft(null);
              }}
            >
              Discard mine
            </Button>
          </div>
        </Alert>
      ) : null}
      {error ? (
        <Alert tone="danger" title="The theme was not saved.">
          <p>{error}</p>
        </Alert>
      ) : null}

      <div className="flex flex-wrap items-center gap-2 border-t border-line pt-4">
        <Button variant="primary" onClick={() => void save()} pending={saving} pendingLabel="Saving…" disabled={!dirty}>
          Save theme
        </Button>
        {dirty ? (
          <Button
            onClick={() => {
              setError(null);
              setConflict(false);
              onDraft(null);
            }}
            disabled={saving}
          >
            Discard changes
          </Button>
        ) : null}
        <p className="text-sm text-fg-subtle" role="status">
          {dirty ? "Unsaved changes, shown in the preview." : "Saved."}
        </p>
      </div>
    </div>
  );
}
