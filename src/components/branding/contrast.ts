/**
 * Colours and contrast for the branding previews: CSS colour parsing, WCAG 2 relative luminance and
 * contrast ratio, and the colour of a logo measured from its opaque pixels. Pure: the canvas that
 * reads the pixels is in ./measure.
 */

export type TRgb = { r: number; g: number; b: number };
export type TRgba = TRgb & { a: number };

/** Below this ratio a logo can be hard to make out on its header (WCAG's minimum for graphics, 1.4.11). */
export const LOGO_CONTRAST_MIN = 3;

/** Pixels at least this opaque (0–255) count as the logo; the rest is its transparent surround. */
export const OPAQUE_ALPHA = 128;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function parseHex(hex: string): TRgba | null {
  const digits = hex.length <= 4 ? [...hex].map((digit) => digit + digit).join("") : hex;
  if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(digits)) return null;
  const channel = (index: number) => Number.parseInt(digits.slice(index, index + 2), 16);
  return { r: channel(0), g: channel(2), b: channel(4), a: digits.length === 8 ? channel(6) / 255 : 1 };
}

/** "50%" of 255, or a plain number. */
function parseChannel(part: string, scale: number): number | null {
  const value = Number.parseFloat(part);
  if (!Number.isFinite(value)) return null;
  return part.endsWith("%") ? (value / 100) * scale : value;
}

function parseAlpha(part: string | undefined): number | null {
  if (part === undefined) return 1;
  const value = parseChannel(part, 1);
  return value === null ? null : clamp(value, 0, 1);
}

function parseHue(part: string): number | null {
  const value = Number.parseFloat(part);
  if (!Number.isFinite(value)) return null;
  if (part.endsWith("turn")) return value * 360;
  if (part.endsWith("grad")) return value * 0.9;
  if (part.endsWith("rad") && !part.endsWith("grad")) return (value * 180) / Math.PI;
  return value;
}

function hslToRgb(hue: number, saturation: number, lightness: number): TRgb {
  const h = (((hue % 360) + 360) % 360) / 360;
  const s = clamp(saturation, 0, 1);
  const l = clamp(lightness, 0, 1);
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (offset: number) => {
    let t = h + offset;
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    const value = t < 1 / 6 ? p + (q - p) * 6 * t : t < 1 / 2 ? q : t < 2 / 3 ? p + (q - p) * (2 / 3 - t) * 6 : p;
    return Math.round(value * 255);
  };
  return { r: channel(1 / 3), g: channel(0), b: channel(-1 / 3) };
}

/**
 * A CSS colour in hex, rgb()/rgba() or hsl()/hsla() notation (commas or spaces, with "/ alpha"),
 * or "transparent"; null for anything else, including colour names (./measure asks the browser).
 */
export function parseColour(value: string): TRgba | null {
  const text = value.trim().toLowerCase();
  if (text === "transparent") return { r: 0, g: 0, b: 0, a: 0 };
  if (text.startsWith("#")) return parseHex(text.slice(1));
  const call = /^(rgba?|hsla?)\(\s*([^)]*)\)$/.exec(text);
  if (!call) return null;
  const [, fn = "", body = ""] = call;
  const [channels = "", alphaPart, extra] = body.split("/").map((part) => part.trim());
  if (extra !== undefined) return null;
  const parts = channels.split(/\s*,\s*|\s+/).filter(Boolean);
  // Legacy syntax puts the alpha fourth, after a comma.
  const alphaText = alphaPart ?? (parts.length === 4 ? parts.pop() : undefined);
  if (parts.length !== 3) return null;
  const a = parseAlpha(alphaText);
  if (a === null) return null;
  if (fn.startsWith("rgb")) {
    const [r, g, b] = parts.map((part) => parseChannel(part, 255));
    if (r == null || g == null || b == null) return null;
    return { r: Math.round(clamp(r, 0, 255)), g: Math.round(clamp(g, 0, 255)), b: Math.round(clamp(b, 0, 255)), a };
  }
  const hue = parseHue(parts[0] ?? "");
  const saturation = parseChannel(parts[1] ?? "", 1);
  const lightness = parseChannel(parts[2] ?? "", 1);
  if (hue === null || saturation === null || lightness === null) return null;
  // hsl() takes percentages; a bare number (CSS Color 4) means the same percentage.
  const fraction = (part: string, parsed: number) => (part.endsWith("%") ? parsed : parsed / 100);
  return {
    ...hslToRgb(hue, fraction(parts[1] ?? "", saturation), fraction(parts[2] ?? "", lightness)),
    a,
  };
}

/** "#1f2937": the form `<input type="color">` takes. */
export function toHex({ r, g, b }: TRgb): string {
  return `#${[r, g, b]
    .map((channel) =>
      Math.round(clamp(channel, 0, 255))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** A colour laid over an opaque background (a translucent header colour as it shows). */
export function composite(colour: TRgba, background: TRgb): TRgb {
  const mix = (front: number, back: number) => Math.round(front * colour.a + back * (1 - colour.a));
  return { r: mix(colour.r, background.r), g: mix(colour.g, background.g), b: mix(colour.b, background.b) };
}

const linear = (channel: number) => {
  const value = channel / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: TRgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of two luminances, 1 to 21, whichever is lighter. */
export function contrastRatio(luminanceA: number, luminanceB: number): number {
  const [light, dark] = luminanceA >= luminanceB ? [luminanceA, luminanceB] : [luminanceB, luminanceA];
  return (light + 0.05) / (dark + 0.05);
}

/** "4.5:1", rounded down so a ratio just under a threshold never reads as meeting it. */
export function formatRatio(ratio: number): string {
  return `${Math.floor(ratio * 10) / 10}:1`;
}

export type TMeasuredImage = {
  /** The average colour of the opaque pixels (for showing). */
  colour: TRgb;
  /** Their average relative luminance (for the contrast: averaging colours first would mute a two-tone logo). */
  luminance: number;
  /** The share of the image's pixels that are opaque: 1 when it brings its own background. */
  opaqueShare: number;
};

/**
 * The colour of an image's opaque pixels, from RGBA bytes as a canvas gives them (each pixel counted
 * by its alpha); null when no pixel is opaque enough.
 */
export function measurePixels(data: ArrayLike<number>): TMeasuredImage | null {
  let weight = 0;
  let opaque = 0;
  let r = 0;
  let g = 0;
  let b = 0;
  let luminance = 0;
  const pixels = Math.floor(data.length / 4);
  for (let index = 0; index < pixels * 4; index += 4) {
    const alpha = data[index + 3] ?? 0;
    if (alpha < OPAQUE_ALPHA) continue;
    const pixel = { r: data[index] ?? 0, g: data[index + 1] ?? 0, b: data[index + 2] ?? 0 };
    const w = alpha / 255;
    weight += w;
    opaque++;
    r += pixel.r * w;
    g += pixel.g * w;
    b += pixel.b * w;
    luminance += relativeLuminance(pixel) * w;
  }
  if (weight === 0) return null;
  return {
    colour: { r: Math.round(r / weight), g: Math.round(g / weight), b: Math.round(b / weight) },
    luminance: luminance / weight,
    opaqueShare: opaque / pixels,
  };
}

export type TLogoContrast = { ratio: number; ok: boolean };

/** How well a measured logo stands out on a header background. */
export function logoContrast(image: Pick<TMeasuredImage, "luminance">, background: TRgb): TLogoContrast {
  const ratio = contrastRatio(image.luminance, relativeLuminance(background));
  return { ratio, ok: ratio >= LOGO_CONTRAST_MIN };
}
