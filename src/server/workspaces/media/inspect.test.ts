import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { MEDIA_MIME, type TWorkspaceMediaType, WORKSPACE_MEDIA_TYPES } from "../workspace-rules";
import { checkMedia, inspectMedia } from "./inspect";
import {
  animatedImage,
  bmpIconImage,
  icoFile,
  pngIconImage,
  rasterImage,
  SVG_SHAPE,
  svgDocument,
  type TRasterFormat,
} from "./test-images";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const RASTERS: TRasterFormat[] = ["png", "jpeg", "gif", "webp"];
const FAVICONS = WORKSPACE_MEDIA_TYPES.filter((type) => type.endsWith("_FAVICON"));
const LOGOS = WORKSPACE_MEDIA_TYPES.filter((type) => type.endsWith("_HORIZONTAL"));

describe("inspectMedia", () => {
  describe.each(RASTERS)("%s", (format) => {
    it.each(FAVICONS)("is accepted as %s and re-encoded in its own format", async (type) => {
      const input = await rasterImage(format, 48, 48);
      const media = await inspectMedia(input, type);
      expect(media).toMatchObject({ format, mime: MEDIA_MIME[format], width: 48, height: 48 });
      const stored = await sharp(media.bytes).metadata();
      expect(stored).toMatchObject({ format, width: 48, height: 48 });
      expect(media.contentHash).toBe(sha256(media.bytes));
    });

    it.each(LOGOS)("is accepted as %s with its measured size", async (type) => {
      const media = await inspectMedia(await rasterImage(format, 320, 64), type);
      expect(media).toMatchObject({ format, width: 320, height: 64 });
    });

    it("gives identical input the identical stored bytes and hash", async () => {
      const input = await rasterImage(format, 200, 40);
      const first = await inspectMedia(input, "IMAGE_LOGO_DARK_HORIZONTAL");
      const second = await inspectMedia(Buffer.from(input), "IMAGE_LOGO_DARK_HORIZONTAL");
      expect(second.contentHash).toBe(first.contentHash);
      expect(second.bytes.equals(first.bytes)).toBe(true);
      const other = await inspectMedia(await rasterImage(format, 201, 40), "IMAGE_LOGO_DARK_HORIZONTAL");
      expect(other.contentHash).not.toBe(first.contentHash);
    });
  });

  it.each(["gif", "webp"] as const)("keeps every frame of an animated %s", async (format) => {
    const media = await inspectMedia(await animatedImage(format, 32, 32, 5), "IMAGE_LOGO_LIGHT_FAVICON");
    expect(media).toMatchObject({ format, width: 32, height: 32 });
    const stored = await sharp(media.bytes).metadata();
    expect(stored.pages).toBe(5);
    expect(stored.height).toBe(32);
  });

  it("applies the EXIF orientation to the pixels, since the EXIF is not kept", async () => {
    const rotated = await sharp(await rasterImage("jpeg", 60, 30))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await sharp(rotated).metadata()).toMatchObject({ width: 60, height: 30, orientation: 6 });
    const media = await inspectMedia(rotated, "IMAGE_LOGO_LIGHT_FAVICON").catch((error: AppError) => error);
    expect(media).toBeInstanceOf(AppError);
    expect((media as AppError).message).toBe("A favicon must be square; this one is 30×60 px.");
  });

  it("detects the format from the content, not from what the file claims", async () => {
    const webp = await rasterImage("webp", 40, 40);
    const media = await inspectMedia(webp, "IMAGE_LOGO_LIGHT_FAVICON");
    expect(media.format).toBe("webp");
  });

  describe("ICO", () => {
    it("accepts BMP images of every bit depth and PNG images, rebuilt, sized by the largest", async () => {
      const images = [
        bmpIconImage(16, 16, 1),
        bmpIconImage(16, 16, 4),
        bmpIconImage(16, 16, 8),
        bmpIconImage(24, 24, 24),
        bmpIconImage(32, 32, 32),
        await pngIconImage(48),
      ];
      const media = await inspectMedia(icoFile(images), "IMAGE_LOGO_DARK_FAVICON");
      expect(media).toMatchObject({ format: "ico", mime: "image/x-icon", width: 48, height: 48 });
      expect(media.bytes.readUInt16LE(4)).toBe(6);
      // The BMP images are copied as they are; the PNG one is re-encoded but still 48×48.
      for (const image of images.slice(0, 5)) expect(media.bytes.includes(Buffer.from(image.data))).toBe(true);
      const pngOffset = media.bytes.readUInt32LE(6 + 5 * 16 + 12);
      expect(await sharp(media.bytes.subarray(pngOffset)).metadata()).toMatchObject({
        format: "png",
        width: 48,
        height: 48,
      });
      expect(media.contentHash).toBe(sha256(media.bytes));
    });

    it("accepts a 256 px PNG image (stored as 0 in the directory)", async () => {
      const media = await inspectMedia(icoFile([await pngIconImage(256)]), "IMAGE_LOGO_LIGHT_FAVICON");
      expect(media).toMatchObject({ width: 256, height: 256 });
      expect(media.bytes[6]).toBe(0);
    });

    it("rebuilds the same file from the same input", async () => {
      const ico = icoFile([bmpIconImage(16, 16), await pngIconImage(32)]);
      const first = await inspectMedia(ico, "IMAGE_LOGO_LIGHT_FAVICON");
      const second = await inspectMedia(Buffer.from(ico), "IMAGE_LOGO_LIGHT_FAVICON");
      expect(second.contentHash).toBe(first.contentHash);
    });

    it("checks the favicon rules on the largest image", async () => {
      const ico = icoFile([bmpIconImage(16, 16), bmpIconImage(64, 32)]);
      await expect(inspectMedia(ico, "IMAGE_LOGO_LIGHT_FAVICON")).rejects.toThrow(
        "A favicon must be square; this one is 64×32 px.",
      );
    });
  });

  it("accepts an SVG for every slot shape it fits", async () => {
    const wide = Buffer.from(svgDocument(SVG_SHAPE));
    for (const type of LOGOS)
      expect(await inspectMedia(wide, type)).toMatchObject({ format: "svg", width: 120, height: 40 });
    const square = Buffer.from(svgDocument('<rect width="64" height="64"/>', 'width="64" height="64"'));
    for (const type of FAVICONS) expect(await inspectMedia(square, type)).toMatchObject({ width: 64, height: 64 });
  });

  it.each<[TWorkspaceMediaType, number, number, string]>([
    ["IMAGE_LOGO_LIGHT_FAVICON", 64, 32, "A favicon must be square; this one is 64×32 px."],
    ["IMAGE_LOGO_LIGHT_FAVICON", 8, 8, "A favicon must be 16 to 512 px on each side; this one is 8×8 px."],
    ["IMAGE_LOGO_DARK_HORIZONTAL", 40, 40, "A horizontal logo must be wider than tall; this one is 40×40 px."],
    ["IMAGE_LOGO_DARK_HORIZONTAL", 100, 20, "A horizontal logo must be at least 24 px high; this one is 100×20 px."],
    ["IMAGE_LOGO_DARK_HORIZONTAL", 4100, 30, "A horizontal logo can be at most 4096×1024 px; this one is 4100×30 px."],
  ])("refuses for %s a %i×%i image with the first broken rule", async (type, width, height, message) => {
    await expect(inspectMedia(await rasterImage("png", width, height), type)).rejects.toThrow(message);
  });
});

describe("checkMedia", () => {
  it("lists every check, all passing, with what was measured and the stored image", async () => {
    const input = await rasterImage("png", 32, 32);
    const result = await checkMedia(input, "IMAGE_LOGO_LIGHT_FAVICON");
    expect(result).toMatchObject({ format: "png", width: 32, height: 32, bytes: input.length });
    expect(result.checks.map((check) => [check.rule, check.ok])).toEqual([
      ["format", true],
      ["size", true],
      ["shape", true],
      ["dimensions", true],
    ]);
    expect(result.checks[0]?.message).toBe("PNG image.");
    expect(result.media?.contentHash).toBe(sha256(result.media?.bytes ?? new Uint8Array()));
  });

  it("reports every failed slot rule, not only the first, and still returns the image for preview", async () => {
    const result = await checkMedia(await rasterImage("gif", 600, 300), "IMAGE_LOGO_LIGHT_FAVICON");
    expect(result).toMatchObject({ format: "gif", width: 600, height: 300 });
    expect(result.checks.filter((check) => !check.ok).map((check) => check.message)).toEqual([
      "A favicon must be square; this one is 600×300 px.",
      "A favicon must be 16 to 512 px on each side; this one is 600×300 px.",
    ]);
    expect(result.media?.format).toBe("gif");
  });

  it("reports nulls and the format failure when the image cannot be read", async () => {
    const bytes = Buffer.from("GIF89a not really");
    const result = await checkMedia(bytes, "IMAGE_LOGO_LIGHT_FAVICON");
    expect(result).toMatchObject({ width: null, height: null, bytes: bytes.length, media: null });
    expect(result.checks).toEqual([
      {
        rule: "format",
        ok: false,
        message: expect.stringMatching(/could not be decoded|not an image Attache recognizes/),
      },
      { rule: "size", ok: true, message: expect.any(String) },
    ]);
  });

  it("names the detected format it refuses", async () => {
    const tiff = await sharp(await rasterImage("png", 16, 16))
      .tiff()
      .toBuffer();
    const result = await checkMedia(tiff, "IMAGE_LOGO_LIGHT_FAVICON");
    expect(result.format).toBeNull();
    expect(result.checks[0]?.message).toBe(
      "Attache accepts PNG, JPEG, GIF, WebP, ICO and SVG images; this file is TIF (image/tiff).",
    );
  });

  it("reports the size a pixel flood claims", async () => {
    const result = await checkMedia(await rasterImage("png", 2100, 2100), "IMAGE_LOGO_LIGHT_FAVICON");
    expect(result).toMatchObject({ format: "png", width: 2100, height: 2100, media: null });
    expect(result.checks[0]).toEqual({
      rule: "dimensions",
      ok: false,
      message: "An image can have at most 4,194,304 pixels; this one is 2100×2100 px.",
    });
  });
});
