import type { TWorkspaceTheme } from "@/server/workspaces/workspace-schemas";
import { MODE_LABELS, MODES, PALETTE_FIELDS, themeColour, themeFont } from "./theme";

/** The theme's own settings, read-only (for viewers): what it sets in each mode, the rest is the default. */
export function ThemeSummary({ theme }: { theme: TWorkspaceTheme }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {MODES.map((mode) => {
        const set = PALETTE_FIELDS.flatMap(({ group, colours }) =>
          colours.flatMap((colour) => {
            const value = themeColour(theme, mode, group, colour.key);
            return value ? [{ id: `${group}.${colour.key}`, label: colour.label, value }] : [];
          }),
        );
        const font = themeFont(theme, mode);
        return (
          <div key={mode} className="min-w-0">
            <h3 className="mb-2 text-sm font-semibold">{MODE_LABELS[mode]} mode</h3>
            {set.length || font ? (
              <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 text-sm">
                {set.map((entry) => (
                  <div key={entry.id} className="contents">
                    <dt className="text-fg-muted">{entry.label}</dt>
                    <dd className="flex items-center gap-1.5 font-mono text-xs">
                      <span
                        aria-hidden="true"
                        className="h-4 w-4 rounded ring-1 ring-line-strong"
                        style={{ backgroundColor: entry.value }}
                      />
                      {entry.value}
                    </dd>
                  </div>
                ))}
                {font ? (
                  <div className="contents">
                    <dt className="text-fg-muted">Font family</dt>
                    <dd className="text-xs">{font}</dd>
                  </div>
                ) : null}
              </dl>
            ) : (
              <p className="text-sm text-fg-subtle">The agent workspace&apos;s default colours and font.</p>
            )}
          </div>
        );
      })}
    </div>
  );
}
