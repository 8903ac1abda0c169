import { describe, expect, it } from "vitest";
import type { TWorkspaceTheme } from "@/server/workspaces/workspace-schemas";
import {
  DEFAULT_FONT_STACK,
  DEFAULT_PALETTES,
  FONT_STACKS,
  normalizeTheme,
  resolveFontStack,
  resolvePalette,
  sameTheme,
  setThemeColour,
  setThemeFlag,
  setThemeFont,
  themeColours,
} from "./theme";

const THEME: TWorkspaceTheme = {
  Light: {
    Palette: { Header: { Background: "#1f2937", Text: "#ffffff" }, Primary: { Default: "navy" } },
    Images: { Logo: { Default: "https://example.test/logo.png" } },
  },
  Dark: { Typography: { FontFamily: { Default: "Georgia" } } },
};

describe("resolvePalette", () => {
  it("lays the theme's colours over the agent workspace's defaults", () => {
    const light = resolvePalette(THEME, "light");
    expect(light.Header).toEqual({ ...DEFAULT_PALETTES.light.Header, Background: "#1f2937", Text: "#ffffff" });
    expect(light.Primary.Default).toBe("navy");
    expect(light.Navigation).toEqual(DEFAULT_PALETTES.light.Navigation);
    expect(resolvePalette(THEME, "dark")).toEqual(DEFAULT_PALETTES.dark);
  });

  it("skips the colours the caller cannot use (a half-typed one)", () => {
    const theme = setThemeColour({}, "light", "Header", "Background", "#12");
    expect(resolvePalette(theme, "light", (colour) => colour.length > 3).Header.Background).toBe(
      DEFAULT_PALETTES.light.Header.Background,
    );
  });

  it("leaves the defaults themselves alone", () => {
    resolvePalette(THEME, "light").Header.Background = "red";
    expect(DEFAULT_PALETTES.light.Header.Background).toBe("#ffffff");
  });
});

describe("edits", () => {
  it("sets a colour without touching the rest, and removes it (and what it leaves empty) when cleared", () => {
    const set = setThemeColour(THEME, "dark", "Navigation", "Background", "#000000");
    expect(set.Dark).toEqual({
      Typography: { FontFamily: { Default: "Georgia" } },
      Palette: { Navigation: { Background: "#000000" } },
    });
    expect(set.Light).toBe(THEME.Light);
    const cleared = setThemeColour(set, "dark", "Navigation", "Background", "  ");
    expect(cleared.Dark).toEqual({ Typography: { FontFamily: { Default: "Georgia" } } });
    expect(setThemeFont(cleared, "dark", undefined)).toEqual({ Light: THEME.Light });
  });

  it("turns InvertActionsColors on, and off by removing it", () => {
    const on = setThemeFlag({}, "light", "Header", true);
    expect(on).toEqual({ Light: { Palette: { Header: { InvertActionsColors: true } } } });
    expect(resolvePalette(on, "light").Header.InvertActionsColors).toBe(true);
    expect(setThemeFlag(on, "light", "Header", false)).toEqual({});
  });

  it("sets a font family and picks its CSS stack", () => {
    const theme = setThemeFont({}, "light", "Verdana");
    expect(theme).toEqual({ Light: { Typography: { FontFamily: { Default: "Verdana" } } } });
    expect(resolveFontStack(theme, "light")).toBe(FONT_STACKS.Verdana);
    expect(resolveFontStack(theme, "dark")).toBe(DEFAULT_FONT_STACK);
  });
});

describe("saving", () => {
  it("lists every colour with where it is", () => {
    expect(themeColours(THEME)).toEqual([
      { mode: "light", group: "Header", key: "Background", label: "Header background", value: "#1f2937" },
      { mode: "light", group: "Header", key: "Text", label: "Header text", value: "#ffffff" },
      { mode: "light", group: "Primary", key: "Default", label: "Primary colour", value: "navy" },
    ]);
  });

  it("trims colours, drops empty members and keeps the images the console does not edit", () => {
    const typed = setThemeColour(THEME, "light", "Header", "Text", "  #fafafa ");
    const saved = normalizeTheme({ ...typed, Dark: { Palette: { Canvas: {} } } });
    expect(saved).toEqual({
      Light: {
        Images: { Logo: { Default: "https://example.test/logo.png" } },
        Palette: { Header: { Background: "#1f2937", Text: "#fafafa" }, Primary: { Default: "navy" } },
      },
    });
  });

  it("compares themes as they would be saved", () => {
    expect(sameTheme(THEME, structuredClone(THEME))).toBe(true);
    expect(sameTheme(setThemeColour(THEME, "light", "Header", "Text", " #ffffff "), THEME)).toBe(true);
    expect(sameTheme(setThemeColour(THEME, "light", "Header", "Text", "#000000"), THEME)).toBe(false);
    expect(sameTheme({}, { Light: {} })).toBe(true);
  });
});
