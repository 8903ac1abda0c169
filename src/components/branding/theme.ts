import type { TFontFamily } from "@/server/workspaces/workspace-rules";
import type { TWorkspaceTheme, TWorkspaceThemeConfig } from "@/server/workspaces/workspace-schemas";

/**
 * A workspace theme as the console edits and previews it: the agent workspace's default colours, the
 * theme's own colours over them, and immutable edits that leave no empty members behind. Pure, and
 * free of zod: the preview loads without the schemas (only the editor checks with them).
 */

export type TMode = "light" | "dark";
export const MODES: readonly TMode[] = ["light", "dark"];
export const MODE_KEYS = { light: "Light", dark: "Dark" } as const satisfies Record<TMode, keyof TWorkspaceTheme>;
export const MODE_LABELS: Record<TMode, string> = { light: "Light", dark: "Dark" };

type TPalette = NonNullable<TWorkspaceThemeConfig["Palette"]>;
export type TPaletteGroup = keyof TPalette;
type TGroupMembers<G extends TPaletteGroup> = NonNullable<TPalette[G]>;
export type TColourKey<G extends TPaletteGroup = TPaletteGroup> = {
  [K in keyof TGroupMembers<G>]-?: TGroupMembers<G>[K] extends string | undefined ? K : never;
}[keyof TGroupMembers<G>] &
  string;

export type TResolvedPalette = {
  [G in TPaletteGroup]: { [K in TColourKey<G>]: string } & { InvertActionsColors: boolean };
};

/** What each group and colour is called in the editor (labels that stand on their own), in its order. */
export const PALETTE_FIELDS: Array<{
  group: TPaletteGroup;
  label: string;
  colours: Array<{ key: string; label: string }>;
  invertable: boolean;
}> = [
  {
    group: "Header",
    label: "Header",
    colours: [
      { key: "Background", label: "Header background" },
      { key: "Text", label: "Header text" },
      { key: "TextHover", label: "Header text on hover" },
    ],
    invertable: true,
  },
  {
    group: "Navigation",
    label: "Navigation",
    colours: [
      { key: "Background", label: "Navigation background" },
      { key: "Text", label: "Navigation text" },
      { key: "TextHover", label: "Navigation text on hover" },
      { key: "TextBackgroundHover", label: "Navigation background on hover" },
      { key: "TextActive", label: "Active navigation text" },
      { key: "TextBackgroundActive", label: "Active navigation background" },
    ],
    invertable: true,
  },
  {
    group: "Canvas",
    label: "Canvas",
    colours: [
      { key: "PageBackground", label: "Page background" },
      { key: "ContainerBackground", label: "Container background" },
      { key: "ActiveBackground", label: "Active item background" },
    ],
    invertable: false,
  },
  {
    group: "Primary",
    label: "Primary",
    colours: [
      { key: "Default", label: "Primary colour" },
      { key: "Active", label: "Primary colour when pressed" },
      { key: "ContrastText", label: "Text on the primary colour" },
    ],
    invertable: false,
  },
];

/** The agent workspace's own colours where a theme sets none. */
export const DEFAULT_PALETTES: Record<TMode, TResolvedPalette> = {
  light: {
    Header: { Background: "#ffffff", Text: "#0f141a", TextHover: "#006ce0", InvertActionsColors: false },
    Navigation: {
      Background: "#ffffff",
      Text: "#424650",
      TextHover: "#006ce0",
      TextBackgroundHover: "#f6f6f9",
      TextActive: "#006ce0",
      TextBackgroundActive: "#f0fbff",
      InvertActionsColors: false,
    },
    Canvas: {
      PageBackground: "#f9f9fa",
      ContainerBackground: "#ffffff",
      ActiveBackground: "#f0fbff",
      InvertActionsColors: false,
    },
    Primary: { Default: "#006ce0", Active: "#004a9e", ContrastText: "#ffffff", InvertActionsColors: false },
  },
  dark: {
    Header: { Background: "#0f141a", Text: "#ffffff", TextHover: "#42b4ff", InvertActionsColors: false },
    Navigation: {
      Background: "#161d26",
      Text: "#c6c6cd",
      TextHover: "#42b4ff",
      TextBackgroundHover: "#1b232d",
      TextActive: "#42b4ff",
      TextBackgroundActive: "#001129",
      InvertActionsColors: false,
    },
    Canvas: {
      PageBackground: "#0f141a",
      ContainerBackground: "#161d26",
      ActiveBackground: "#001129",
      InvertActionsColors: false,
    },
    Primary: { Default: "#42b4ff", Active: "#75cfff", ContrastText: "#0f141a", InvertActionsColors: false },
  },
};

/** The CSS font stack of each of the model's font families. */
export const FONT_STACKS: Record<TFontFamily, string> = {
  Arial: "Arial, Helvetica, sans-serif",
  "Courier New": '"Courier New", Courier, monospace',
  Georgia: "Georgia, serif",
  "Times New Roman": '"Times New Roman", Times, serif',
  Trebuchet: '"Trebuchet MS", Helvetica, sans-serif',
  Verdana: "Verdana, Geneva, sans-serif",
};
export const DEFAULT_FONT_STACK = '"Open Sans", "Helvetica Neue", Roboto, Arial, sans-serif';

type TLoose = Record<string, Record<string, unknown> | undefined>;

function paletteOf(theme: TWorkspaceTheme, mode: TMode): TLoose {
  return (theme[MODE_KEYS[mode]]?.Palette ?? {}) as TLoose;
}

/** A theme colour as set (trimmed), or undefined. */
export function themeColour(theme: TWorkspaceTheme, mode: TMode, group: TPaletteGroup, key: string) {
  const value = paletteOf(theme, mode)[group]?.[key];
  return typeof value === "string" ? value : undefined;
}

export function themeFlag(theme: TWorkspaceTheme, mode: TMode, group: TPaletteGroup): boolean {
  return paletteOf(theme, mode)[group]?.InvertActionsColors === true;
}

export function themeFont(theme: TWorkspaceTheme, mode: TMode): TFontFamily | undefined {
  return theme[MODE_KEYS[mode]]?.Typography?.FontFamily?.Default;
}

/**
 * The colours a mode shows: the theme's where it sets one that `usable` accepts (the editor's draft
 * may hold one half typed), the defaults elsewhere.
 */
export function resolvePalette(
  theme: TWorkspaceTheme,
  mode: TMode,
  usable: (colour: string) => boolean = () => true,
): TResolvedPalette {
  const palette = paletteOf(theme, mode);
  const defaults = DEFAULT_PALETTES[mode];
  const resolved = structuredClone(defaults) as unknown as Record<string, Record<string, string | boolean>>;
  for (const { group, colours } of PALETTE_FIELDS) {
    const target = resolved[group] ?? {};
    for (const { key } of colours) {
      const value = palette[group]?.[key];
      if (typeof value === "string" && value.trim() && usable(value.trim())) target[key] = value.trim();
    }
    const invert = palette[group]?.InvertActionsColors;
    if (typeof invert === "boolean") target.InvertActionsColors = invert;
  }
  return resolved as unknown as TResolvedPalette;
}

export function resolveFontStack(theme: TWorkspaceTheme, mode: TMode): string {
  const family = themeFont(theme, mode);
  return family ? FONT_STACKS[family] : DEFAULT_FONT_STACK;
}

/** The object with `key` set, or without it when `value` is undefined; undefined when nothing is left. */
function setMember<T extends object>(object: T | undefined, key: string, value: unknown): T | undefined {
  const next: Record<string, unknown> = { ...(object ?? {}) };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return Object.keys(next).length ? (next as T) : undefined;
}

function withConfig(
  theme: TWorkspaceTheme,
  mode: TMode,
  change: (config: TWorkspaceThemeConfig) => TWorkspaceThemeConfig | undefined,
): TWorkspaceTheme {
  const modeKey = MODE_KEYS[mode];
  return setMember(theme, modeKey, change(theme[modeKey] ?? {})) ?? {};
}

function withGroup(theme: TWorkspaceTheme, mode: TMode, group: TPaletteGroup, key: string, value: unknown) {
  return withConfig(theme, mode, (config) => {
    const palette = (config.Palette ?? {}) as TLoose;
    const nextGroup = setMember(palette[group], key, value);
    return setMember(config, "Palette", setMember(palette, group, nextGroup));
  });
}

/** Sets a colour as typed; an empty one is removed (the default applies). */
export function setThemeColour(
  theme: TWorkspaceTheme,
  mode: TMode,
  group: TPaletteGroup,
  key: string,
  value: string,
): TWorkspaceTheme {
  return withGroup(theme, mode, group, key, value.trim() === "" ? undefined : value);
}

/** InvertActionsColors: on, or removed (off is the default). */
export function setThemeFlag(theme: TWorkspaceTheme, mode: TMode, group: TPaletteGroup, on: boolean) {
  return withGroup(theme, mode, group, "InvertActionsColors", on ? true : undefined);
}

export function setThemeFont(theme: TWorkspaceTheme, mode: TMode, family: TFontFamily | undefined) {
  return withConfig(theme, mode, (config) =>
    setMember(
      config,
      "Typography",
      setMember(config.Typography, "FontFamily", setMember(config.Typography?.FontFamily, "Default", family)),
    ),
  );
}

/** Every colour a theme sets, with where it is, for checking them. */
export function themeColours(theme: TWorkspaceTheme) {
  return MODES.flatMap((mode) =>
    PALETTE_FIELDS.flatMap(({ group, colours }) =>
      colours.flatMap(({ key, label }) => {
        const value = themeColour(theme, mode, group, key);
        return value === undefined ? [] : [{ mode, group, key, label, value }];
      }),
    ),
  );
}

/** The theme as it is saved: colours trimmed, empty members gone. */
export function normalizeTheme(theme: TWorkspaceTheme): TWorkspaceTheme {
  let next = theme;
  for (const { mode, group, key, value } of themeColours(theme)) {
    next = setThemeColour(next, mode, group, key, value.trim());
  }
  return prune(next) as TWorkspaceTheme;
}

function prune(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const entries = Object.entries(value)
    .map(([key, member]) => [key, prune(member)] as const)
    .filter(
      ([, member]) =>
        member !== undefined && !(member !== null && typeof member === "object" && Object.keys(member).length === 0),
    );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** Two themes that save the same. */
export function sameTheme(a: TWorkspaceTheme, b: TWorkspaceTheme): boolean {
  return JSON.stringify(normalizeTheme(a)) === JSON.stringify(normalizeTheme(b));
}
