/**
 * ICO favicons: libvips cannot read them, so the directory and each image are checked here, and the
 * stored file is rebuilt from its images alone (nothing between or after them survives). PNG images
 * are decoded and re-encoded by sharp; BMP (DIB) images are raw pixel arrays, validated field by field
 * and copied at exactly the length their header implies.
 */
import sharp from "sharp";
import { AppError } from "@/server/errors";
import { MEDIA_MAX_PIXELS } from "../workspace-rules";

const HEADER_BYTES = 6;
const ENTRY_BYTES = 16;
const MAX_ENTRIES = 64;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BMP_BIT_COUNTS = new Set([1, 4, 8, 24, 32]);

export type TIcoImage = {
  width: number;
  height: number;
  /** Bits per pixel as the directory states it (32 for PNG images). */
  bitCount: number;
  /** Palette size for paletted BMP images, 0 otherwise (the directory's colour count). */
  colorCount: number;
  data: Uint8Array;
};

type TDirectoryEntry = { index: number; width: number; height: number; offset: number; size: number };

const corrupt = (detail: string) =>
  new AppError("UNPROCESSABLE", `This ICO file could not be decoded: it is truncated or corrupt (${detail}).`);

const isPng = (data: Uint8Array) => PNG_SIGNATURE.every((byte, i) => data[i] === byte);

/** The directory, checked for count, bounds and overlap before any image in it is looked at. */
function readDirectory(bytes: Uint8Array): TDirectoryEntry[] {
  if (bytes.length < HEADER_BYTES) throw corrupt("the header is cut short");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) throw corrupt("the header is not an icon's");
  const count = view.getUint16(4, true);
  if (count < 1 || count > MAX_ENTRIES) {
    throw corrupt(`its directory lists ${count} images; an icon holds 1 to ${MAX_ENTRIES}`);
  }
  const dataStart = HEADER_BYTES + count * ENTRY_BYTES;
  if (bytes.length < dataStart) throw corrupt("the directory is cut short");
  const entries: TDirectoryEntry[] = [];
  for (let index = 0; index < count; index++) {
    const at = HEADER_BYTES + index * ENTRY_BYTES;
    const entry = {
      index,
      width: view.getUint8(at) || 256,
      height: view.getUint8(at + 1) || 256,
      size: view.getUint32(at + 8, true),
      offset: view.getUint32(at + 12, true),
    };
    if (entry.size === 0 || entry.offset < dataStart || entry.offset + entry.size > bytes.length) {
      throw corrupt(`image ${index + 1} lies outside the file`);
    }
    entries.push(entry);
  }
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1] as TDirectoryEntry;
    const current = byOffset[i] as TDirectoryEntry;
    if (current.offset < previous.offset + previous.size) {
      throw corrupt(`images ${previous.index + 1} and ${current.index + 1} overlap`);
    }
  }
  return entries;
}

type TSizedEntry = TDirectoryEntry & { png: boolean; realWidth: number; realHeight: number };

/**
 * Each image's real size, read from its own header (PNG IHDR or BITMAPINFOHEADER) without decoding,
 * and checked against the directory, which stores 0 ("256") for anything from 256 px up.
 */
function sizeEntry(entry: TDirectoryEntry, data: Uint8Array): TSizedEntry {
  if (!isPng(data)) {
    if (data.length < 40) throw corrupt(`image ${entry.index + 1} has a cut-short bitmap header`);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const width = view.getInt32(4, true);
    const height = view.getInt32(8, true) / 2;
    if (width !== entry.width || height !== entry.height) {
      throw corrupt(
        `image ${entry.index + 1} is ${width}×${height} px but the directory says ${entry.width}×${entry.height}`,
      );
    }
    return { ...entry, png: false, realWidth: width, realHeight: height };
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const ihdr = data.length >= 24 && String.fromCharCode(...data.subarray(12, 16)) === "IHDR";
  if (!ihdr) throw corrupt(`image ${entry.index + 1} is not a readable PNG`);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) throw corrupt(`image ${entry.index + 1} is not a readable PNG`);
  const matches = (declared: number, actual: number) => (declared === 256 ? actual >= 256 : declared === actual);
  if (!matches(entry.width, width) || !matches(entry.height, height)) {
    throw corrupt(
      `image ${entry.index + 1} is ${width}×${height} px but the directory says ${entry.width}×${entry.height}`,
    );
  }
  return { ...entry, png: true, realWidth: width, realHeight: height };
}

function sizedEntries(bytes: Uint8Array): TSizedEntry[] {
  return readDirectory(bytes).map((entry) => sizeEntry(entry, bytes.subarray(entry.offset, entry.offset + entry.size)));
}

async function normalizePngImage(entry: TSizedEntry, data: Uint8Array, timeoutSeconds: number): Promise<TIcoImage> {
  const width = entry.realWidth;
  const height = entry.realHeight;
  if (width * height > MEDIA_MAX_PIXELS) throw corrupt(`image ${entry.index + 1} claims ${width}×${height} px`);
  try {
    const png = await sharp(data, { failOn: "error", limitInputPixels: MEDIA_MAX_PIXELS })
      .timeout({ seconds: timeoutSeconds })
      .ensureAlpha()
      .png({ compressionLevel: 9 })
      .toBuffer();
    const metadata = await sharp(png).metadata();
    if (metadata.width !== width || metadata.height !== height) throw new Error("size changed");
    return { width, height, bitCount: 32, colorCount: 0, data: png };
  } catch (error) {
    if (error instanceof Error && /timeout/i.test(error.message)) throw error;
    throw corrupt(`image ${entry.index + 1} is a damaged PNG`);
  }
}

function normalizeBmpImage(entry: TDirectoryEntry, data: Uint8Array): TIcoImage {
  const fail = (what: string) => corrupt(`image ${entry.index + 1} ${what}`);
  if (data.length < 40) throw fail("has a cut-short bitmap header");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0, true) !== 40) throw fail("has a bitmap header that is not BITMAPINFOHEADER");
  const width = view.getInt32(4, true);
  const doubledHeight = view.getInt32(8, true);
  if (width !== entry.width || doubledHeight !== entry.height * 2) {
    throw fail(`is ${width}×${doubledHeight / 2} px but the directory says ${entry.width}×${entry.height}`);
  }
  if (view.getUint16(12, true) !== 1) throw fail("has a bitmap with more than one plane");
  const bitCount = view.getUint16(14, true);
  if (!BMP_BIT_COUNTS.has(bitCount)) throw fail(`has ${bitCount} bits per pixel`);
  if (view.getUint32(16, true) !== 0) throw fail("has a compressed bitmap");
  const colorsUsed = view.getUint32(32, true);
  const maxColors = bitCount <= 8 ? 2 ** bitCount : 0;
  if (colorsUsed > maxColors) throw fail(`has a palette of ${colorsUsed} colours`);
  const colors = bitCount <= 8 ? colorsUsed || maxColors : 0;
  const height = entry.height;
  const xorBytes = Math.ceil((width * bitCount) / 32) * 4 * height;
  const andBytes = Math.ceil(width / 32) * 4 * height;
  const length = 40 + colors * 4 + xorBytes + andBytes;
  if (data.length < length) throw fail("is cut short");
  return {
    width,
    height,
    bitCount,
    colorCount: colors < 256 ? colors : 0,
    data: data.slice(0, length),
  };
}

/** An ICO file holding exactly these images, in this order. */
export function buildIco(images: readonly TIcoImage[]): Buffer {
  const header = Buffer.alloc(HEADER_BYTES + images.length * ENTRY_BYTES);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, index) => {
    const at = HEADER_BYTES + index * ENTRY_BYTES;
    header.writeUInt8(image.width >= 256 ? 0 : image.width, at);
    header.writeUInt8(image.height >= 256 ? 0 : image.height, at + 1);
    header.writeUInt8(image.colorCount, at + 2);
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(image.bitCount, at + 6);
    header.writeUInt32LE(image.data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += image.data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

/**
 * The size of the largest image and the pixels of all images together, read from each image's own
 * header (not the directory, which cannot tell 256 px from 2048 px), without decoding anything.
 */
export function icoDeclaredSize(bytes: Uint8Array): { width: number; height: number; pixels: number } {
  const entries = sizedEntries(bytes);
  const largest = entries.reduce((best, entry) =>
    entry.realWidth * entry.realHeight > best.realWidth * best.realHeight ? entry : best,
  );
  const pixels = entries.reduce((sum, entry) => sum + entry.realWidth * entry.realHeight, 0);
  return { width: largest.realWidth, height: largest.realHeight, pixels };
}

/**
 * The ICO rebuilt from its validated images; its size is its largest image's. Throws
 * AppError("UNPROCESSABLE") naming the first broken rule. PNG images are re-encoded by sharp, each
 * bounded by `timeoutSeconds` (sharp then rejects with a "timeout" error, passed through as is).
 */
export async function normalizeIco(
  bytes: Uint8Array,
  timeoutSeconds = 2,
): Promise<{ bytes: Buffer; width: number; height: number }> {
  const entries = sizedEntries(bytes);
  const images: TIcoImage[] = [];
  for (const entry of entries) {
    const data = bytes.subarray(entry.offset, entry.offset + entry.size);
    images.push(entry.png ? await normalizePngImage(entry, data, timeoutSeconds) : normalizeBmpImage(entry, data));
  }
  const largest = images.reduce((best, image) =>
    image.width * image.height > best.width * best.height ? image : best,
  );
  return { bytes: buildIco(images), width: largest.width, height: largest.height };
}
