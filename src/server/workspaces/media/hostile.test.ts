/**
 * Hostile input, end to end through readMediaSource and inspectMedia: each case is either refused with
 * a clear reason or stored in a form that carries nothing of the attack.
 */
import { JSDOM } from "jsdom";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { refusalOfAsync } from "@/test/refusal";
import type { TWorkspaceMediaType } from "../workspace-rules";
import { HOSTILE_SVGS } from "./hostile-svgs";
import { inspectMedia, type TInspectedMedia } from "./inspect";
import { readMediaSource } from "./source";
import {
  animatedImage,
  bmpFile,
  bmpIconImage,
  gifWithScreen,
  icoFile,
  pngClaiming,
  pngIconImage,
  rasterImage,
  SVG_SHAPE,
  svgDocument,
} from "./test-images";

const NO_URLS = { allowedHosts: [], allowedAddresses: [], timeoutMs: 1_000 };
const LOGO: TWorkspaceMediaType = "IMAGE_LOGO_LIGHT_HORIZONTAL";
const FAVICON: TWorkspaceMediaType = "IMAGE_LOGO_DARK_FAVICON";

/** The whole import path: a MediaSource string (base64 unless given as a data: URL) to what would be stored. */
async function importSource(source: string, type: TWorkspaceMediaType): Promise<TInspectedMedia> {
  return inspectMedia(await readMediaSource(source, NO_URLS), type);
}

const importBytes = (bytes: Uint8Array, type: TWorkspaceMediaType) =>
  importSource(Buffer.from(bytes).toString("base64"), type);

const refusalOf = async (promise: Promise<unknown>) => (await refusalOfAsync(promise)).message;

const { DOMParser } = new JSDOM("").window;

/** What stored SVG text must never contain, whatever was sent. */
function expectHarmlessSvg(text: string): void {
  expect(text).not.toMatch(/<script/i);
  expect(text).not.toMatch(/:script/i);
  expect(text).not.toMatch(/\son\w+\s*=/i);
  expect(text).not.toMatch(/javascript\s*:/i);
  expect(text).not.toMatch(/foreignObject/i);
  expect(text).not.toMatch(/@import/i);
  expect(text).not.toMatch(/<!DOCTYPE|<!ENTITY/i);
  expect(text).not.toMatch(/xml-stylesheet|<\?/i);
  expect(text).not.toMatch(/<style/i);
  expect(text).not.toMatch(/<iframe/i);
  expect(text).not.toMatch(/xml:base/i);
  expect(text).not.toMatch(/data:/i);
  expect(text).not.toMatch(/evil\.example|etc\/passwd/i);
  for (const match of text.matchAll(/\b(?:[\w-]+:)?href\s*=\s*(["'])(.*?)\1/gi)) {
    expect(match[2], `href ${match[0]}`).toMatch(/^#/);
  }
  for (const match of text.matchAll(/url\(\s*(["']?)(.*?)\1\s*\)/gi)) {
    expect(match[2], `url ${match[0]}`).toMatch(/^#/);
  }
  const root = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  expect(root.localName).toBe("svg");
  expect(root.namespaceURI).toBe("http://www.w3.org/2000/svg");
}

const d = svgDocument;
const S = SVG_SHAPE;

describe("hostile SVG", () => {
  const families = HOSTILE_SVGS;

  it.each(families)("%s: refused or stored harmless", async (_name, text) => {
    let stored: TInspectedMedia | null = null;
    try {
      stored = await importBytes(Buffer.from(text), LOGO);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("UNPROCESSABLE");
      expect((error as AppError).message).toMatch(/^[A-Z].*\.$/);
      return;
    }
    expect(stored.format).toBe("svg");
    expectHarmlessSvg(stored.bytes.toString("utf8"));
  });

  it("counts at least 12 families", () => {
    expect(families.length).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ["XXE", families.find(([name]) => name.startsWith("XXE"))?.[1] ?? "", /DOCTYPE or entities/],
    [
      "xml-stylesheet",
      families.find(([name]) => name.startsWith("an xml-stylesheet"))?.[1] ?? "",
      /processing instruction/,
    ],
  ])("refuses %s outright", async (_name, text, message) => {
    expect(await refusalOf(importBytes(Buffer.from(text), LOGO))).toMatch(message);
  });

  it("keeps what is safe in a sanitized file", async () => {
    const stored = await importBytes(Buffer.from(families[0]?.[1] ?? ""), LOGO);
    expect(stored.bytes.toString("utf8")).toContain('<rect id="r" width="120" height="40" fill="#1a73e8"/>');
  });

  it("refuses an SVG pixel flood before rendering it", async () => {
    const flood = d(S, 'width="100000" height="100000"');
    expect(await refusalOf(importBytes(Buffer.from(flood), LOGO))).toBe(
      "An image can have at most 4,194,304 pixels; this one is 100000×100000 px.",
    );
  });
});

// Made once for the file (top-level await keeps describe callbacks synchronous).
const png = await rasterImage("png", 64, 64);
const jpeg = await rasterImage("jpeg", 64, 64);
const gif = await rasterImage("gif", 64, 64);
const webp = await rasterImage("webp", 64, 64);
const cut = (bytes: Buffer, keep = 0.6) => bytes.subarray(0, Math.floor(bytes.length * keep));
const zip = Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(26), Buffer.from("payload.class PK\x05\x06")]);
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const tiff = await sharp(png).tiff().toBuffer();

describe("hostile rasters and sources", () => {
  const refused: [string, () => Promise<unknown>, RegExp | string][] = [
    [
      "a truncated PNG",
      () => importBytes(cut(png), FAVICON),
      "This PNG image could not be decoded: it is truncated or corrupt.",
    ],
    [
      "a truncated JPEG",
      () => importBytes(cut(jpeg), FAVICON),
      "This JPEG image could not be decoded: it is truncated or corrupt.",
    ],
    [
      "a truncated GIF",
      () => importBytes(cut(gif), FAVICON),
      "This GIF image could not be decoded: it is truncated or corrupt.",
    ],
    [
      "a truncated WebP",
      () => importBytes(cut(webp), FAVICON),
      "This WebP image could not be decoded: it is truncated or corrupt.",
    ],
    [
      "a PNG signature followed by garbage",
      () => importBytes(Buffer.concat([pngSignature, Buffer.from("garbage ".repeat(20))]), FAVICON),
      "This PNG image could not be decoded: it is truncated or corrupt.",
    ],
    [
      "a JPEG start-of-image marker followed by HTML",
      () =>
        importBytes(
          Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("<html><script>alert(1)</script></html>")]),
          FAVICON,
        ),
      "This JPEG image could not be decoded: it is truncated or corrupt.",
    ],
    [
      "a PNG header claiming 100000×100000 px",
      async () => importBytes(await pngClaiming(100_000, 100_000), FAVICON),
      "An image can have at most 4,194,304 pixels; this one is 100000×100000 px.",
    ],
    [
      "a GIF whose screen and frame claim 65535×65535 px",
      () => importBytes(gifWithScreen(65535, 65535, 1, { width: 65535, height: 65535 }), FAVICON),
      "An image can have at most 4,194,304 pixels; this one is 65535×65535 px.",
    ],
    [
      // libvips measures a GIF whose screen is absurd by its frame instead, so nothing large is decoded.
      "a GIF whose logical screen alone claims 65535×65535 px",
      () => importBytes(gifWithScreen(65535, 65535), FAVICON),
      "A favicon must be 16 to 512 px on each side; this one is 1×1 px.",
    ],
    [
      "a GIF with 2000 frames",
      () => importBytes(gifWithScreen(64, 64, 2000), FAVICON),
      "An animated image can have at most 4,194,304 pixels across its frames; this one has 2000 frames of 64×64 px.",
    ],
    [
      "an animated WebP with 260 frames of 128×128 px",
      async () => importBytes(await animatedImage("webp", 128, 128, 260), FAVICON),
      "An animated image can have at most 4,194,304 pixels across its frames; this one has 260 frames of 128×128 px.",
    ],
    ["an empty source", () => importSource("", FAVICON), /empty/],
    ["a whitespace-only source", () => importSource(" \r\n\t ", FAVICON), /empty/],
    ["invalid base64 characters", () => importSource("iVBORw0KGgo<script>", FAVICON), /not valid base64/],
    [
      "base64 of text",
      () => importSource(Buffer.from("just some text, not a picture").toString("base64"), FAVICON),
      "Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is not an image Attache recognizes.",
    ],
    [
      "a data: URL that is not base64",
      () => importSource("data:image/png,%89PNG%0D%0A", FAVICON),
      /must be base64-encoded/,
    ],
    [
      "a data:text/html URL",
      () =>
        importSource(`data:text/html;base64,${Buffer.from("<script>alert(1)</script>").toString("base64")}`, FAVICON),
      "A data: URL must hold an image; this one says it holds text/html.",
    ],
    [
      "an image over 400 kB decoded",
      () => importSource(Buffer.concat([png, Buffer.alloc(400_000)]).toString("base64"), FAVICON),
      /^An image can be at most 400 kB; this one is 40\d\.\d kB\.$/,
    ],
    [
      "an ICO whose directory points outside the file",
      async () => {
        const ico = icoFile([await pngIconImage(32)]);
        ico.writeUInt32LE(ico.length + 100, 6 + 12);
        return importBytes(ico, FAVICON);
      },
      "This ICO file could not be decoded: it is truncated or corrupt (image 1 lies outside the file).",
    ],
    [
      "an ICO with 0 images",
      () => importBytes(Buffer.from([0, 0, 1, 0, 0, 0]), FAVICON),
      "This ICO file could not be decoded: it is truncated or corrupt (its directory lists 0 images; an icon holds 1 to 64).",
    ],
    [
      "an ICO whose images overlap",
      async () => {
        const ico = icoFile([bmpIconImage(16, 16), bmpIconImage(16, 16)]);
        ico.writeUInt32LE(ico.readUInt32LE(6 + 12) + 8, 6 + 16 + 12);
        ico.writeUInt32LE(ico.readUInt32LE(6 + 16 + 8) - 8, 6 + 16 + 8);
        return importBytes(ico, FAVICON);
      },
      "This ICO file could not be decoded: it is truncated or corrupt (images 1 and 2 overlap).",
    ],
    [
      "an ICO whose BMP image has the wrong bit depth",
      () => {
        const image = bmpIconImage(16, 16);
        Buffer.from(image.data.buffer, image.data.byteOffset).writeUInt16LE(7, 14);
        return importBytes(icoFile([image]), FAVICON);
      },
      "This ICO file could not be decoded: it is truncated or corrupt (image 1 has 7 bits per pixel).",
    ],
    [
      "an ICO whose BMP image is not the size its directory says",
      () => {
        const image = bmpIconImage(16, 16);
        Buffer.from(image.data.buffer, image.data.byteOffset).writeInt32LE(4000, 4);
        return importBytes(icoFile([image]), FAVICON);
      },
      "This ICO file could not be decoded: it is truncated or corrupt (image 1 is 4000×16 px but the directory says 16×16).",
    ],
    [
      "an ICO whose BMP image is cut short",
      () => {
        const image = bmpIconImage(32, 32);
        return importBytes(icoFile([{ ...image, data: image.data.subarray(0, 1000) }]), FAVICON);
      },
      "This ICO file could not be decoded: it is truncated or corrupt (image 1 is cut short).",
    ],
    [
      "an ICO holding a PNG pixel flood",
      async () =>
        importBytes(
          icoFile([{ width: 32, height: 32, bitCount: 32, colorCount: 0, data: await pngClaiming(100_000, 100_000) }]),
          FAVICON,
        ),
      "This ICO file could not be decoded: it is truncated or corrupt (image 1 is 100000×100000 px but the directory says 32×32).",
    ],
    [
      "a Windows cursor",
      async () => {
        const ico = icoFile([await pngIconImage(32)]);
        ico.writeUInt16LE(2, 2);
        return importBytes(ico, FAVICON);
      },
      "Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is CUR (image/x-icon).",
    ],
    [
      "a BMP",
      () => importBytes(bmpFile(32, 32), FAVICON),
      "Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is BMP (image/bmp).",
    ],
    [
      "a TIFF",
      () => importBytes(tiff, FAVICON),
      "Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is TIF (image/tiff).",
    ],
    [
      "an HTML page",
      () => importBytes(Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), FAVICON),
      "Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is an HTML page.",
    ],
    [
      "a PDF",
      () => importBytes(Buffer.from("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), FAVICON),
      "Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is PDF (application/pdf).",
    ],
    [
      "a ZIP",
      () => importBytes(zip, FAVICON),
      "Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is ZIP (application/zip).",
    ],
    [
      "a 64×32 favicon",
      async () => importBytes(await rasterImage("png", 64, 32), FAVICON),
      "A favicon must be square; this one is 64×32 px.",
    ],
    [
      "a 100×20 horizontal logo",
      async () => importBytes(await rasterImage("png", 100, 20), LOGO),
      "A horizontal logo must be at least 24 px high; this one is 100×20 px.",
    ],
    [
      "a 20×100 horizontal logo",
      async () => importBytes(await rasterImage("webp", 20, 100), LOGO),
      "A horizontal logo must be wider than tall; this one is 20×100 px.",
    ],
    [
      "a favicon larger than 512 px",
      async () => importBytes(await rasterImage("jpeg", 600, 600), FAVICON),
      "A favicon must be 16 to 512 px on each side; this one is 600×600 px.",
    ],
  ];

  it("counts at least 20 refused cases", () => {
    expect(refused.length).toBeGreaterThanOrEqual(20);
  });

  it.each(refused)("refuses %s", async (_name, run, message) => {
    const text = await refusalOf(run());
    if (typeof message === "string") expect(text).toBe(message);
    else expect(text).toMatch(message);
  });

  it("refuses AVIF, which sharp could decode but Attache does not accept", async () => {
    const avif = await sharp(png).avif().toBuffer();
    expect(await refusalOf(importBytes(avif, FAVICON))).toBe(
      "Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is AVIF (image/avif).",
    );
  });

  describe("polyglots are stored re-encoded, without the trailer", () => {
    const trailers: [string, Buffer][] = [
      ["a <script>", Buffer.from("<script>alert(document.domain)</script>")],
      ["a ZIP archive", zip],
      ["an HTML page", Buffer.from("<!DOCTYPE html><html><body onload=alert(1)></body></html>")],
    ];

    it.each(trailers)("a valid PNG followed by %s", async (_name, trailer) => {
      const stored = await importBytes(Buffer.concat([png, trailer]), FAVICON);
      expect(stored.format).toBe("png");
      expect(stored.bytes.includes(trailer)).toBe(false);
      expect(stored.bytes.subarray(-8).toString("latin1")).toBe("IEND\xae\x42\x60\x82");
    });

    it("a GIFAR: a valid GIF followed by a JAR", async () => {
      const stored = await importBytes(Buffer.concat([gif, zip]), FAVICON);
      expect(stored.format).toBe("gif");
      expect(stored.bytes.includes(Buffer.from("PK\x03\x04"))).toBe(false);
      expect(stored.bytes.at(-1)).toBe(0x3b);
    });

    it("a valid JPEG followed by a ZIP", async () => {
      const stored = await importBytes(Buffer.concat([jpeg, zip]), FAVICON);
      expect(stored.format).toBe("jpeg");
      expect(stored.bytes.includes(Buffer.from("payload.class"))).toBe(false);
      expect(stored.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    });

    it("an ICO with data smuggled after a BMP image and after the file", async () => {
      const image = bmpIconImage(16, 16);
      const padded = { ...image, data: Buffer.concat([image.data, Buffer.from("<script>alert(1)</script>")]) };
      const stored = await importBytes(Buffer.concat([icoFile([padded]), zip]), FAVICON);
      expect(stored.format).toBe("ico");
      expect(stored.bytes.includes(Buffer.from("<script>"))).toBe(false);
      expect(stored.bytes.includes(Buffer.from("PK\x03\x04"))).toBe(false);
      expect(stored.bytes).toEqual(icoFile([image]));
    });
  });

  it("strips a huge EXIF block (and anything such as GPS in it) from a JPEG", async () => {
    const marker = "GPS 51.5007N 0.1246W secret-location";
    const withExif = await sharp(await rasterImage("jpeg", 64, 64))
      .withExif({ IFD0: { ImageDescription: marker.padEnd(60_000, "x"), Copyright: marker } })
      .jpeg()
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif?.length).toBeGreaterThan(60_000);
    const stored = await importBytes(withExif, FAVICON);
    expect(stored.bytes.includes(Buffer.from("secret-location"))).toBe(false);
    expect((await sharp(stored.bytes).metadata()).exif).toBeUndefined();
    expect(stored.bytes.length).toBeLessThan(withExif.length - 60_000);
  });

  it("strips text chunks from a PNG", async () => {
    const withText = await sharp(png)
      .withExif({ IFD0: { Artist: "secret-artist" } })
      .png()
      .toBuffer();
    expect(withText.includes(Buffer.from("secret-artist"))).toBe(true);
    const stored = await importBytes(withText, FAVICON);
    expect(stored.bytes.includes(Buffer.from("secret-artist"))).toBe(false);
  });
});
