/**
 * One image, from untrusted bytes to the form Attache stores: the format is detected from content (never
 * from a name or a declared type), the size is read from headers and bounded before anything is
 * decoded, the image is decoded in full (so truncation shows), and what is stored is re-encoded or
 * rebuilt, so trailing payloads, polyglots and metadata such as EXIF/GPS do not survive.
 */
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/server/errors";
import {
  MEDIA_MAX_PIXELS,
  MEDIA_MIME,
  slotChecks,
  type TMediaCheck,
  type TMediaFormat,
  type TWorkspaceMediaType,
} from "../workspace-rules";
import { icoDeclaredSize, normalizeIco } from "./ico";
import { rootElementName, sanitizeSvg, svgDeclaredSize, svgTextOf } from "./svg";

export type TInspectedMedia = {
  /** The form to store. */
  bytes: Buffer;
  format: TMediaFormat;
  mime: string;
  width: number;
  height: number;
  /** sha256 hex of `bytes`. */
  contentHash: string;
};

const FORMAT_LABELS: Record<TMediaFormat, string> = {
  png: "PNG",
  jpeg: "JPEG",
  gif: "GIF",
  webp: "WebP",
  ico: "ICO",
  svg: "SVG",
};

/** file-type's extensions for the formats sharp decodes and re-encodes (APNG is stored as a still PNG). */
const RASTER_EXTENSIONS: Record<string, Exclude<TMediaFormat, "ico" | "svg">> = {
  png: "png",
  apng: "png",
  jpg: "jpeg",
  gif: "gif",
  webp: "webp",
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type TMeasured = { format: TMediaFormat | null; width: number | null; height: number | null };

/** A refusal that still reports what was measured before it, for checkMedia's preview. */
class MediaRefusal extends AppError {
  readonly rule: TMediaCheck["rule"];
  readonly measured: TMeasured;

  constructor(rule: TMediaCheck["rule"], message: string, measured: Partial<TMeasured> = {}) {
    super("UNPROCESSABLE", message);
    this.rule = rule;
    this.measured = { format: null, width: null, height: null, ...measured };
  }
}

const corrupt = (format: TMediaFormat) =>
  new MediaRefusal("format", `This ${FORMAT_LABELS[format]} image could not be decoded: it is truncated or corrupt.`, {
    format,
  });

function tooManyPixels(format: TMediaFormat, width: number, height: number, pages = 1): MediaRefusal {
  const limit = MEDIA_MAX_PIXELS.toLocaleString("en-US");
  const message =
    pages > 1
      ? `An animated image can have at most ${limit} pixels across its frames; this one has ${pages} frames of ${width}×${height} px.`
      : `An image can have at most ${limit} pixels; this one is ${width}×${height} px.`;
  return new MediaRefusal("dimensions", message, { format, width, height });
}

type TDetected = { format: TMediaFormat; svgText?: string } | { unsupported: string };

async function detect(bytes: Uint8Array): Promise<TDetected> {
  const type = await fileTypeFromBuffer(bytes);
  const raster = type ? RASTER_EXTENSIONS[type.ext] : undefined;
  if (raster) return { format: raster };
  if (type?.ext === "ico") return { format: "ico" };
  if (!type || type.ext === "xml") {
    const svgText = svgTextOf(bytes);
    if (svgText !== null) return { format: "svg", svgText };
  }
  // file-type wants a valid IHDR after the signature; a file that only starts like a PNG is a broken PNG.
  if (!type && PNG_SIGNATURE.equals(Buffer.from(bytes.subarray(0, 8)))) return { format: "png" };
  if (type) return { unsupported: `${type.ext.toUpperCase()} (${type.mime})` };
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 4096));
  if (rootElementName(text)?.toLowerCase() === "html") return { unsupported: "an HTML page" };
  return { unsupported: "not an image Attache recognizes" };
}

type TNormalized = { bytes: Buffer; format: TMediaFormat; width: number; height: number };

async function normalizeRaster(input: Uint8Array, format: Exclude<TMediaFormat, "ico" | "svg">): Promise<TNormalized> {
  let metadata: Metadata;
  try {
    // Header only, so no limit yet: the bound below names the size instead of sharp's generic error.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw corrupt(format);
  }
  if (metadata.format !== format) throw corrupt(format);
  // Header values only: nothing has been decoded yet, so a pixel flood costs nothing to refuse.
  const { width, height } = metadata;
  const pages = metadata.pages ?? 1;
  if (width * height > MEDIA_MAX_PIXELS) throw tooManyPixels(format, width, height);
  if (width * height * pages > MEDIA_MAX_PIXELS) throw tooManyPixels(format, width, height, pages);
  const animated = pages > 1 && (format === "gif" || format === "webp");

  let pipeline = sharp(input, { failOn: "error", limitInputPixels: MEDIA_MAX_PIXELS, animated });
  // Orientation lives in EXIF, which is not kept, so it is applied to the pixels instead.
  if (!animated) pipeline = pipeline.autoOrient();
  switch (format) {
    case "png":
      pipeline = pipeline.png({ compressionLevel: 9 });
      break;
    case "jpeg":
      pipeline = pipeline.jpeg({ quality: 90 });
      break;
    case "webp":
      pipeline = pipeline.webp({ quality: 90, alphaQuality: 100 });
      break;
    case "gif":
      pipeline = pipeline.gif();
      break;
  }
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      format,
      width: info.width,
      height: animated ? (info.pageHeight ?? info.height) : info.height,
    };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels(format, width, height, pages);
    throw corrupt(format);
  }
}

async function normalizeIcon(input: Uint8Array): Promise<TNormalized> {
  const declared = icoDeclaredSize(input);
  if (declared.pixels > MEDIA_MAX_PIXELS) throw tooManyPixels("ico", declared.width, declared.height);
  const ico = await normalizeIco(input);
  return { bytes: ico.bytes, format: "ico", width: ico.width, height: ico.height };
}

async function normalizeSvg(text: string): Promise<TNormalized> {
  const sanitized = sanitizeSvg(text);
  const bytes = Buffer.from(sanitized, "utf8");
  const declared = svgDeclaredSize(sanitized);
  if (declared && declared.width * declared.height > MEDIA_MAX_PIXELS) {
    throw tooManyPixels("svg", declared.width, declared.height);
  }
  let rendered: { width: number; height: number };
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (metadata.width * metadata.height > MEDIA_MAX_PIXELS)
      throw tooManyPixels("svg", metadata.width, metadata.height);
    // Drawn once, so a file librsvg cannot render is refused now rather than shown broken later.
    const { info } = await sharp(bytes, { failOn: "error", limitInputPixels: MEDIA_MAX_PIXELS })
      .png()
      .toBuffer({ resolveWithObject: true });
    rendered = { width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof MediaRefusal) throw error;
    throw new MediaRefusal(
      "format",
      "This SVG image could not be drawn: it is damaged or uses features Attache cannot render.",
      {
        format: "svg",
      },
    );
  }
  return { bytes, format: "svg", ...(declared ?? rendered) };
}

async function normalize(input: Uint8Array): Promise<TNormalized> {
  const detected = await detect(input);
  if ("unsupported" in detected) {
    throw new MediaRefusal(
      "format",
      `Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is ${detected.unsupported}.`,
    );
  }
  const { format } = detected;
  try {
    if (format === "ico") return await normalizeIcon(input);
    if (format === "svg") return await normalizeSvg(detected.svgText ?? "");
    return await normalizeRaster(input, format);
  } catch (error) {
    if (error instanceof MediaRefusal) throw error;
    if (error instanceof AppError) throw new MediaRefusal("format", error.message, { format });
    throw error;
  }
}

function toInspected(normalized: TNormalized): TInspectedMedia {
  return {
    ...normalized,
    mime: MEDIA_MIME[normalized.format],
    contentHash: createHash("sha256").update(normalized.bytes).digest("hex"),
  };
}

/** Detects, measures, checks and normalizes one image for a slot; throws AppError("UNPROCESSABLE") naming the broken rule. */
export async function inspectMedia(bytes: Uint8Array, type: TWorkspaceMediaType): Promise<TInspectedMedia> {
  const media = toInspected(await normalize(bytes));
  const failed = slotChecks(type, { width: media.width, height: media.height, bytes: bytes.length }).find(
    (check) => !check.ok,
  );
  if (failed) throw new AppError("UNPROCESSABLE", failed.message);
  return media;
}

/**
 * Same checks without throwing, for the console's preview: every check with ok/message, plus what was
 * measured (nulls when the format could not be read). `media` is the normalized image whenever it
 * could be decoded, even if a slot rule fails, so the preview shows what was sent.
 */
export async function checkMedia(
  bytes: Uint8Array,
  type: TWorkspaceMediaType,
): Promise<{
  format: TMediaFormat | null;
  width: number | null;
  height: number | null;
  bytes: number;
  checks: TMediaCheck[];
  media: TInspectedMedia | null;
}> {
  let media: TInspectedMedia;
  try {
    media = toInspected(await normalize(bytes));
  } catch (error) {
    if (!(error instanceof MediaRefusal)) throw error;
    const sizeCheck = slotChecks(type, { width: 0, height: 0, bytes: bytes.length }).filter(
      (check) => check.rule === "size",
    );
    return {
      ...error.measured,
      bytes: bytes.length,
      checks: [{ rule: error.rule, ok: false, message: error.message }, ...sizeCheck],
      media: null,
    };
  }
  const checks: TMediaCheck[] = [
    { rule: "format", ok: true, message: `${FORMAT_LABELS[media.format]} image.` },
    ...slotChecks(type, { width: media.width, height: media.height, bytes: bytes.length }),
  ];
  return { format: media.format, width: media.width, height: media.height, bytes: bytes.length, checks, media };
}
