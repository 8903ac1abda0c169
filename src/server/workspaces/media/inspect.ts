/**
 * One image, from untrusted bytes to the form Attache stores: the format is detected from content (never
 * from a name or a declared type), the size is read from headers and bounded before anything is
 * decoded, the image is decoded in full (so truncation shows), and what is stored is re-encoded or
 * rebuilt, so trailing payloads, polyglots and metadata such as EXIF/GPS do not survive.
 */
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import sharp, { type Metadata, type Sharp } from "sharp";
import { AppError } from "@/server/errors";
import {
  FAVICON_MAX_PX,
  MEDIA_MAX_BYTES,
  MEDIA_MAX_PIXELS,
  MEDIA_MIME,
  mediaSlot,
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

/** What the headers say, before anything is decoded, and how to decode it once the checks allow. */
type TProbed = { format: TMediaFormat; width: number; height: number; decode: () => Promise<TNormalized> };

/** sharp's pipeline timeout for every decode or render of untrusted input. */
export const MEDIA_DECODE_TIMEOUT_SECONDS = 2;
/**
 * A favicon whose header says it is larger than this on a side is refused from the header alone, even
 * for checkMedia's preview: it is far beyond FAVICON_MAX_PX, so decoding it would only cost time.
 */
export const FAVICON_PREVIEW_MAX_PX = 2 * FAVICON_MAX_PX;

const tooSlow = (format: TMediaFormat, width: number | null = null, height: number | null = null) =>
  new MediaRefusal("format", "This image took too long to draw; simplify it.", { format, width, height });

const isTimeout = (error: unknown) => error instanceof Error && /timeout/i.test(error.message);

const tooLargeEncoded = (format: TMediaFormat, bytes: number, width: number, height: number) =>
  new MediaRefusal(
    "size",
    `Re-encoded as ${FORMAT_LABELS[format]}, this image is ${formatKb(bytes)}, over the ${formatKb(MEDIA_MAX_BYTES)} limit; export it smaller or more compressed.`,
    { format, width, height },
  );

function formatKb(bytes: number): string {
  return `${Math.round(bytes / 100) / 10} kB`;
}

type TRasterFormat = Exclude<TMediaFormat, "ico" | "svg">;

/** The encoder settings: the usual ones, then a stronger attempt when the usual output is over the byte limit. */
function encode(pipeline: Sharp, format: TRasterFormat, strong: boolean): Sharp {
  switch (format) {
    case "png":
      return pipeline.png({ compressionLevel: 9, adaptiveFiltering: strong });
    case "jpeg":
      return pipeline.jpeg(strong ? { quality: 70, mozjpeg: true } : { quality: 90 });
    case "webp":
      return pipeline.webp(strong ? { quality: 70, alphaQuality: 90, effort: 6 } : { quality: 90, alphaQuality: 100 });
    case "gif":
      return pipeline.gif(strong ? { effort: 10, colours: 128 } : {});
  }
}

async function probeRaster(input: Uint8Array, format: TRasterFormat): Promise<TProbed> {
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
  // What will be stored: one frame's height, and the EXIF orientation applied (it can swap the sides).
  const frameHeight = animated ? (metadata.pageHeight ?? height) : height;
  const oriented = animated ? { width, height: frameHeight } : (metadata.autoOrient ?? { width, height });

  const run = async (strong: boolean) => {
    let pipeline = sharp(input, { failOn: "error", limitInputPixels: MEDIA_MAX_PIXELS, animated }).timeout({
      seconds: MEDIA_DECODE_TIMEOUT_SECONDS,
    });
    // Orientation lives in EXIF, which is not kept, so it is applied to the pixels instead.
    if (!animated) pipeline = pipeline.autoOrient();
    return encode(pipeline, format, strong).toBuffer({ resolveWithObject: true });
  };
  const decode = async (): Promise<TNormalized> => {
    try {
      let { data, info } = await run(false);
      if (data.length > MEDIA_MAX_BYTES) ({ data, info } = await run(true));
      const stored = { width: info.width, height: animated ? (info.pageHeight ?? info.height) : info.height };
      if (data.length > MEDIA_MAX_BYTES) throw tooLargeEncoded(format, data.length, stored.width, stored.height);
      return { bytes: data, format, ...stored };
    } catch (error) {
      if (error instanceof MediaRefusal) throw error;
      if (isTimeout(error)) throw tooSlow(format, oriented.width, oriented.height);
      if (error instanceof Error && /pixel limit/i.test(error.message)) {
        throw tooManyPixels(format, width, height, pages);
      }
      throw corrupt(format);
    }
  };
  return { format, ...oriented, decode };
}

function probeIcon(input: Uint8Array): TProbed {
  // Every image's own header, so a PNG listed as "256" that is really 2048 px counts as 2048 px.
  const declared = icoDeclaredSize(input);
  if (declared.width * declared.height > MEDIA_MAX_PIXELS) throw tooManyPixels("ico", declared.width, declared.height);
  if (declared.pixels > MEDIA_MAX_PIXELS) {
    const limit = MEDIA_MAX_PIXELS.toLocaleString("en-US");
    throw new MediaRefusal(
      "dimensions",
      `An ICO file can have at most ${limit} pixels across its images; this one has ${declared.pixels.toLocaleString("en-US")}.`,
      { format: "ico", width: declared.width, height: declared.height },
    );
  }
  const decode = async (): Promise<TNormalized> => {
    try {
      const ico = await normalizeIco(input, MEDIA_DECODE_TIMEOUT_SECONDS);
      if (ico.bytes.length > MEDIA_MAX_BYTES) throw tooLargeEncoded("ico", ico.bytes.length, ico.width, ico.height);
      return { bytes: ico.bytes, format: "ico", width: ico.width, height: ico.height };
    } catch (error) {
      if (isTimeout(error)) throw tooSlow("ico", declared.width, declared.height);
      throw error;
    }
  };
  return { format: "ico", width: declared.width, height: declared.height, decode };
}

async function probeSvg(text: string): Promise<TProbed> {
  const sanitized = sanitizeSvg(text);
  const bytes = Buffer.from(sanitized, "utf8");
  const declared = svgDeclaredSize(sanitized);
  if (declared && declared.width * declared.height > MEDIA_MAX_PIXELS) {
    throw tooManyPixels("svg", declared.width, declared.height);
  }
  const unreadable = () =>
    new MediaRefusal(
      "format",
      "This SVG image could not be drawn: it is damaged or uses features Attache cannot render.",
      { format: "svg" },
    );
  let size: { width: number; height: number };
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    size = declared ?? { width: metadata.width, height: metadata.height };
    if (metadata.width * metadata.height > MEDIA_MAX_PIXELS) {
      throw tooManyPixels("svg", metadata.width, metadata.height);
    }
  } catch (error) {
    if (error instanceof MediaRefusal) throw error;
    throw unreadable();
  }
  const decode = async (): Promise<TNormalized> => {
    if (bytes.length > MEDIA_MAX_BYTES) throw tooLargeEncoded("svg", bytes.length, size.width, size.height);
    try {
      // Drawn once, so a file librsvg cannot render is refused now rather than shown broken later.
      await sharp(bytes, { failOn: "error", limitInputPixels: MEDIA_MAX_PIXELS })
        .timeout({ seconds: MEDIA_DECODE_TIMEOUT_SECONDS })
        .png()
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      if (isTimeout(error)) throw tooSlow("svg", size.width, size.height);
      throw unreadable();
    }
    return { bytes, format: "svg", ...size };
  };
  return { format: "svg", ...size, decode };
}

/** Wraps an AppError from a format's own checks as a "format" refusal that keeps what was measured. */
async function asRefusal<T>(format: TMediaFormat, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MediaRefusal) throw error;
    if (error instanceof AppError) throw new MediaRefusal("format", error.message, { format });
    throw error;
  }
}

/** Detects the format and reads the size from headers; nothing is decoded yet. */
async function probe(input: Uint8Array): Promise<TProbed> {
  const detected = await detect(input);
  if ("unsupported" in detected) {
    throw new MediaRefusal(
      "format",
      `Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is ${detected.unsupported}.`,
    );
  }
  const { format } = detected;
  const probed = await asRefusal(format, async () => {
    if (format === "ico") return probeIcon(input);
    if (format === "svg") return probeSvg(detected.svgText ?? "");
    return probeRaster(input, format);
  });
  return { ...probed, decode: () => asRefusal(format, probed.decode) };
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
  const probed = await probe(bytes);
  // The slot's rules on the header's size, so an image the slot refuses is never decoded.
  const refusedByHeader = slotChecks(type, { width: probed.width, height: probed.height, bytes: bytes.length }).find(
    (check) => !check.ok,
  );
  if (refusedByHeader) throw new AppError("UNPROCESSABLE", refusedByHeader.message);
  const media = toInspected(await probed.decode());
  const failed = slotChecks(type, { width: media.width, height: media.height, bytes: bytes.length }).find(
    (check) => !check.ok,
  );
  if (failed) throw new AppError("UNPROCESSABLE", failed.message);
  return media;
}

/**
 * Same checks without throwing, for the console's preview: every check with ok/message, plus what was
 * measured (nulls when the format could not be read). `media` is the normalized image whenever it
 * could be decoded, even if a slot rule fails, so the preview shows what was sent; it is null when
 * the header alone rules out decoding (over MEDIA_MAX_PIXELS, or a favicon far beyond FAVICON_MAX_PX).
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
  const refused = (error: unknown) => {
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
  };
  let probed: TProbed;
  try {
    probed = await probe(bytes);
  } catch (error) {
    return refused(error);
  }
  const measured = { format: probed.format, width: probed.width, height: probed.height, bytes: bytes.length };
  const format: TMediaCheck = { rule: "format", ok: true, message: `${FORMAT_LABELS[probed.format]} image.` };
  const side = Math.max(probed.width, probed.height);
  if (mediaSlot(type).kind === "favicon" && side > FAVICON_PREVIEW_MAX_PX) {
    return { ...measured, checks: [format, ...slotChecks(type, measured)], media: null };
  }
  let media: TInspectedMedia;
  try {
    media = toInspected(await probed.decode());
  } catch (error) {
    return refused(error);
  }
  const checks: TMediaCheck[] = [
    format,
    ...slotChecks(type, { width: media.width, height: media.height, bytes: bytes.length }),
  ];
  return { format: media.format, width: media.width, height: media.height, bytes: bytes.length, checks, media };
}
