/**
 * Test fixtures made at test time (sharp for real encoders, a few hand-built byte layouts for what no
 * encoder will write), so no binary fixture is committed and each one's construction is readable.
 */
import sharp from "sharp";
import { buildIco, type TIcoImage } from "./ico";

export type TRasterFormat = "png" | "jpeg" | "gif" | "webp";

/** Non-uniform RGBA pixels (a gradient per frame), so encoders cannot collapse frames or colours. */
function gradient(width: number, height: number, frames = 1): Buffer {
  const pixels = Buffer.alloc(width * height * frames * 4);
  for (let frame = 0; frame < frames; frame++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = ((frame * height + y) * width + x) * 4;
        pixels[at] = (x * 255) / Math.max(1, width - 1);
        pixels[at + 1] = (y * 255) / Math.max(1, height - 1);
        pixels[at + 2] = (frame * 37) % 256;
        pixels[at + 3] = 255;
      }
    }
  }
  return pixels;
}

export async function rasterImage(format: TRasterFormat, width: number, height: number): Promise<Buffer> {
  return sharp(gradient(width, height), { raw: { width, height, channels: 4 } })
    .toFormat(format)
    .toBuffer();
}

export async function animatedImage(format: "gif" | "webp", width: number, height: number, frames: number) {
  return sharp(gradient(width, height, frames), {
    raw: { width, height: height * frames, channels: 4, pageHeight: height },
  })
    .toFormat(format, { loop: 0, delay: Array(frames).fill(100) })
    .toBuffer();
}

/** A BMP (DIB) icon image as ICO files hold it: BITMAPINFOHEADER with doubled height, XOR then AND mask. */
export function bmpIconImage(width: number, height: number, bitCount: 1 | 4 | 8 | 24 | 32 = 32): TIcoImage {
  const colors = bitCount <= 8 ? 2 ** bitCount : 0;
  const xorBytes = Math.ceil((width * bitCount) / 32) * 4 * height;
  const andBytes = Math.ceil(width / 32) * 4 * height;
  const data = Buffer.alloc(40 + colors * 4 + xorBytes + andBytes);
  data.writeUInt32LE(40, 0);
  data.writeInt32LE(width, 4);
  data.writeInt32LE(height * 2, 8);
  data.writeUInt16LE(1, 12);
  data.writeUInt16LE(bitCount, 14);
  data.writeUInt32LE(0, 16);
  data.writeUInt32LE(xorBytes + andBytes, 20);
  for (let i = 0; i < colors; i++) data.writeUInt32LE((i * 0x010101) & 0xffffff, 40 + i * 4);
  for (let i = 40 + colors * 4; i < 40 + colors * 4 + xorBytes; i++) data[i] = (i * 7) % 256;
  return { width, height, bitCount, colorCount: colors < 256 ? colors : 0, data };
}

export async function pngIconImage(size: number): Promise<TIcoImage> {
  return { width: size, height: size, bitCount: 32, colorCount: 0, data: await rasterImage("png", size, size) };
}

export function icoFile(images: readonly TIcoImage[]): Buffer {
  return buildIco(images);
}

/** A whole .bmp file (file header + DIB), for the unsupported-format case. */
export function bmpFile(width: number, height: number): Buffer {
  const rowBytes = Math.ceil((width * 24) / 32) * 4;
  const file = Buffer.alloc(14 + 40 + rowBytes * height);
  file.write("BM", 0, "latin1");
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  return file;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A real PNG whose IHDR (with a valid CRC) claims another size: a pixel flood in a few hundred bytes. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await rasterImage("png", 8, 8));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

const GIF_FRAME_DELAY = [0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00];

/**
 * A hand-built GIF: a logical screen of any size holding `frames` frames of `frame` px, each with one
 * pixel's worth of LZW data (decoders fill the rest, so only the declared size is large).
 */
export function gifWithScreen(width: number, height: number, frames = 1, frame = { width: 1, height: 1 }): Buffer {
  const header = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0]);
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  const descriptor = Buffer.from([0x2c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00]);
  descriptor.writeUInt16LE(frame.width, 5);
  descriptor.writeUInt16LE(frame.height, 7);
  const loop = [0x21, 0xff, 0x0b, ...Buffer.from("NETSCAPE2.0"), 0x03, 0x01, 0x00, 0x00, 0x00];
  const body = Array.from({ length: frames }, () => [...GIF_FRAME_DELAY, ...descriptor]).flat();
  return Buffer.concat([header, Buffer.from(frames > 1 ? loop : []), Buffer.from(body), Buffer.from([0x3b])]);
}

export function svgDocument(inner: string, attributes = 'width="120" height="40" viewBox="0 0 120 40"'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attributes}>${inner}</svg>`;
}

export const SVG_SHAPE = '<rect id="r" width="120" height="40" fill="#1a73e8"/>';

/** A single-colour PNG: large in pixels, a few kB in bytes. */
export async function flatPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: "#1a73e8" } })
    .png({ palette: true, colours: 2, compressionLevel: 9 })
    .toBuffer();
}

/** Deterministic noise saved as a low-quality JPEG: small as sent, much larger once re-encoded at quality 90. */
export async function noisyJpeg(width: number, height: number, quality: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = 12345;
  for (let i = 0; i < pixels.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    pixels[i] = state >>> 24;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}
