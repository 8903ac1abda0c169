import { describe, expect, it } from "vitest";
import {
  composite,
  contrastRatio,
  formatRatio,
  LOGO_CONTRAST_MIN,
  logoContrast,
  measurePixels,
  parseColour,
  relativeLuminance,
  toHex,
} from "./contrast";

const WHITE = { r: 255, g: 255, b: 255 };
const BLACK = { r: 0, g: 0, b: 0 };

/** RGBA bytes for a list of pixels. */
const pixels = (...list: Array<[number, number, number, number]>) => Uint8ClampedArray.from(list.flat());

describe("parseColour", () => {
  it("reads hex in its four lengths", () => {
    expect(parseColour("#fff")).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColour("#1F2937")).toEqual({ r: 31, g: 41, b: 55, a: 1 });
    expect(parseColour("#0008")).toEqual({ r: 0, g: 0, b: 0, a: 0x88 / 255 });
    expect(parseColour("#11223380")).toEqual({ r: 17, g: 34, b: 51, a: 0x80 / 255 });
  });

  it("reads rgb() and rgba() with commas or spaces, numbers or percentages", () => {
    expect(parseColour("rgb(31, 41, 55)")).toEqual({ r: 31, g: 41, b: 55, a: 1 });
    expect(parseColour("rgb(31 41 55 / 50%)")).toEqual({ r: 31, g: 41, b: 55, a: 0.5 });
    expect(parseColour("rgba(100%, 0%, 50%, 0.25)")).toEqual({ r: 255, g: 0, b: 128, a: 0.25 });
    expect(parseColour(" RGB(300, -4, 0) ")).toEqual({ r: 255, g: 0, b: 0, a: 1 });
  });

  it("reads hsl() and hsla()", () => {
    expect(parseColour("hsl(0, 100%, 50%)")).toEqual({ r: 255, g: 0, b: 0, a: 1 });
    expect(parseColour("hsl(120deg 100% 25%)")).toEqual({ r: 0, g: 128, b: 0, a: 1 });
    expect(parseColour("hsla(0.5turn, 100%, 50%, 0.5)")).toEqual({ r: 0, g: 255, b: 255, a: 0.5 });
    expect(parseColour("hsl(0 0% 100%)")).toEqual({ r: 255, g: 255, b: 255, a: 1 });
  });

  it("refuses what it cannot read, and leaves colour names to the browser", () => {
    for (const value of ["", "#12", "#12345", "#ggg", "rgb(1, 2)", "rgb(a, b, c)", "rgb(1 2 3 / 4 / 5)", "navy"]) {
      expect(parseColour(value), value).toBeNull();
    }
    expect(parseColour("transparent")).toEqual({ r: 0, g: 0, b: 0, a: 0 });
  });
});

describe("toHex and composite", () => {
  it("writes the form a colour input takes", () => {
    expect(toHex({ r: 31, g: 41, b: 55 })).toBe("#1f2937");
    expect(toHex({ r: 0, g: 0, b: 0 })).toBe("#000000");
  });

  it("lays a translucent colour over its background", () => {
    expect(composite({ r: 0, g: 0, b: 0, a: 0.5 }, WHITE)).toEqual({ r: 128, g: 128, b: 128 });
    expect(composite({ r: 10, g: 20, b: 30, a: 1 }, WHITE)).toEqual({ r: 10, g: 20, b: 30 });
  });
});

describe("WCAG luminance and contrast", () => {
  it("gives the reference values", () => {
    expect(relativeLuminance(WHITE)).toBeCloseTo(1, 10);
    expect(relativeLuminance(BLACK)).toBe(0);
    expect(contrastRatio(relativeLuminance(WHITE), relativeLuminance(BLACK))).toBeCloseTo(21, 10);
    // #767676 on white is the classic 4.54:1.
    expect(contrastRatio(relativeLuminance({ r: 118, g: 118, b: 118 }), 1)).toBeCloseTo(4.54, 2);
  });

  it("does not care which colour is the lighter", () => {
    const a = relativeLuminance({ r: 0, g: 108, b: 224 });
    expect(contrastRatio(a, 1)).toBe(contrastRatio(1, a));
  });

  it("rounds down for display", () => {
    expect(formatRatio(2.999)).toBe("2.9:1");
    expect(formatRatio(21)).toBe("21:1");
    expect(formatRatio(4.54)).toBe("4.5:1");
  });
});

describe("measurePixels", () => {
  it("averages only the opaque pixels, each by its alpha", () => {
    const measured = measurePixels(pixels([0, 0, 0, 255], [255, 255, 255, 0], [255, 255, 255, 100], [0, 0, 0, 255]));
    expect(measured?.colour).toEqual(BLACK);
    expect(measured?.luminance).toBe(0);
    expect(measured?.opaqueShare).toBe(0.5);
  });

  it("averages luminance rather than colour, so a two-tone logo keeps its light half", () => {
    const measured = measurePixels(pixels([255, 255, 255, 255], [0, 0, 0, 255]));
    expect(measured?.colour).toEqual({ r: 128, g: 128, b: 128 });
    expect(measured?.luminance).toBeCloseTo(0.5, 10);
  });

  it("says so when nothing is opaque", () => {
    expect(measurePixels(pixels([0, 0, 0, 0], [255, 255, 255, 10]))).toBeNull();
    expect(measurePixels([])).toBeNull();
  });
});

describe("logoContrast", () => {
  it("warns about a dark logo on a dark header, and not on a light one", () => {
    const darkLogo = measurePixels(pixels([20, 24, 30, 255], [20, 24, 30, 255], [0, 0, 0, 0]));
    if (!darkLogo) throw new Error("measured nothing");
    const onDark = logoContrast(darkLogo, { r: 15, g: 20, b: 26 });
    expect(onDark.ok).toBe(false);
    expect(onDark.ratio).toBeLessThan(LOGO_CONTRAST_MIN);
    const onLight = logoContrast(darkLogo, WHITE);
    expect(onLight.ok).toBe(true);
    expect(onLight.ratio).toBeGreaterThan(15);
  });

  it("passes at exactly 3:1", () => {
    // The luminance whose contrast with white is exactly 3.
    expect(logoContrast({ luminance: 1.05 / 3 - 0.05 }, WHITE)).toEqual({ ratio: 3, ok: true });
  });
});
