import { refusalOf } from "@/test/refusal";

const refusalMessage = (run: () => unknown) => refusalOf(run).message;

/**
 * Work bounds on untrusted images: each hostile input here is refused by a cheap check, with a message
 * naming the bound, before the expensive step (jsdom and DOMPurify for SVG, decoding for rasters and ICO).
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { MEDIA_MAX_BYTES } from "../workspace-rules";
import { checkMedia, inspectMedia } from "./inspect";
import {
  countSvgMarkup,
  SVG_MAX_DEPTH,
  SVG_MAX_ELEMENTS,
  SVG_MAX_FILTER_PRIMITIVES,
  SVG_MAX_USES,
  sanitizeSvg,
} from "./svg";
import { flatPng, icoFile, noisyJpeg, pngIconImage, SVG_SHAPE, svgDocument } from "./test-images";

async function asyncRefusalOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, "expected a refusal").toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("UNPROCESSABLE");
  return (error as AppError).message;
}

const d = svgDocument;
const nested = (depth: number, inner: string) => `${"<g>".repeat(depth)}${inner}${"</g>".repeat(depth)}`;

describe("countSvgMarkup", () => {
  it("counts start tags, nesting, attributes, <use> and filter primitives in one pass", () => {
    expect(
      countSvgMarkup(
        '<svg a="1"><!-- <g><g><g> --><g title="a > b / c"><![CDATA[<rect/><rect/>]]><use href="#r"/>' +
          '<svg:feGaussianBlur stdDeviation="2"/><feOffset/></g><rect width="1"/></svg>',
      ),
    ).toEqual({ elements: 6, depth: 3, attributes: 5, uses: 1, filterPrimitives: 2 });
  });
});

describe("SVG bounds, checked before jsdom parses anything", () => {
  it("refuses 13,000 sibling shapes (28 s of sanitizing before the bound)", () => {
    const text = d('<rect width="1" height="1"/>'.repeat(13_000));
    expect(refusalMessage(() => sanitizeSvg(text))).toBe("An SVG can have at most 600 elements; this one has 13,001.");
  });

  it("refuses 20,000 nested groups by their count, and deep nesting within the element bound by its depth", () => {
    expect(refusalMessage(() => sanitizeSvg(d(nested(20_000, SVG_SHAPE))))).toMatch(
      /^An SVG can have at most 600 elements;/,
    );
    expect(refusalMessage(() => sanitizeSvg(d(nested(SVG_MAX_DEPTH + 8, SVG_SHAPE))))).toBe(
      "An SVG can nest elements at most 32 deep; this one nests them 42 deep.",
    );
  });

  it("accepts what is within the bounds: a logo of a few hundred paths, nested as deep as allowed", () => {
    const paths = Array.from(
      { length: 400 },
      (_, i) =>
        `<path d="M${i % 120} ${i % 40}h2v2h-2z" fill="#${(i * 4099).toString(16).padStart(6, "0").slice(-6)}"/>`,
    ).join("");
    expect(sanitizeSvg(d(paths))).toContain("<path");
    expect(sanitizeSvg(d(nested(SVG_MAX_DEPTH - 2, SVG_SHAPE)))).toContain("<rect");
    expect(SVG_MAX_ELEMENTS).toBeGreaterThanOrEqual(400);
  });

  it("refuses too many attributes", () => {
    const attributes = Array.from({ length: 20 }, (_, i) => `data-a${i}="1"`).join(" ");
    expect(refusalMessage(() => sanitizeSvg(d(`<rect ${attributes} width="1" height="1"/>`.repeat(200))))).toMatch(
      /^An SVG can have at most 3,000 attributes; this one has 4,40\d\.$/,
    );
  });

  it("refuses more <use> elements than the bound", () => {
    const text = d(`${SVG_SHAPE}${'<use href="#r"/>'.repeat(SVG_MAX_USES + 1)}`);
    expect(refusalMessage(() => sanitizeSvg(text))).toBe("An SVG can have at most 50 <use> elements; this one has 51.");
  });

  it("refuses the 10⁹ <use> fan-out with a large blur (2.8 s in libvips) before it is drawn", async () => {
    let levels = `<rect id="l0" width="1" height="1"/>`;
    for (let level = 1; level <= 9; level++) {
      levels += `<g id="l${level}">${'<use href="#l{p}"/>'.replaceAll("{p}", String(level - 1)).repeat(10)}</g>`;
    }
    const text = d(
      `<defs><filter id="f"><feGaussianBlur stdDeviation="50"/></filter>${levels}</defs><use href="#l9" filter="url(#f)"/>`,
    );
    expect(text.length).toBeLessThan(2_000);
    expect(await asyncRefusalOf(inspectMedia(Buffer.from(text), "IMAGE_LOGO_LIGHT_HORIZONTAL"))).toBe(
      "An SVG can have at most 50 <use> elements; this one has 91.",
    );
  });

  it("refuses a fan-out within the <use> bound (2 per level, 24 levels) by what it would draw", () => {
    let levels = `<rect id="l0" width="1" height="1"/>`;
    for (let level = 1; level <= 24; level++) {
      levels += `<g id="l${level}"><use href="#l${level - 1}"/><use href="#l${level - 1}" x="1"/></g>`;
    }
    expect(refusalMessage(() => sanitizeSvg(d(`<defs>${levels}</defs><use href="#l24"/>`)))).toBe(
      "An SVG's <use> references can draw at most 10,000 elements in all; this one draws more.",
    );
  });

  it("keeps a few <use> references of a shape", () => {
    expect(sanitizeSvg(d(`${SVG_SHAPE}${'<use href="#r" x="5"/>'.repeat(10)}`))).toContain("<use");
  });

  it("refuses more filter primitives than the bound", () => {
    const text = d(
      `<filter id="f">${'<feGaussianBlur stdDeviation="9"/>'.repeat(SVG_MAX_FILTER_PRIMITIVES + 1)}</filter>${SVG_SHAPE}`,
    );
    expect(refusalMessage(() => sanitizeSvg(text))).toBe(
      "An SVG can have at most 20 filter primitives (<fe…> elements); this one has 21.",
    );
  });
});

describe("ICO sizes come from each image's own header", () => {
  const huge = async (count: number, side: number) => {
    const png = await flatPng(side, side);
    return icoFile(
      Array.from({ length: count }, () => ({ width: side, height: side, bitCount: 32, colorCount: 0, data: png })),
    );
  };

  it("refuses 19 PNG images of 2048 px listed as 256 px by their total pixels, not by the directory", async () => {
    const ico = await huge(19, 2048);
    expect(ico.length).toBeLessThan(MEDIA_MAX_BYTES);
    expect(ico[6]).toBe(0);
    expect(await asyncRefusalOf(inspectMedia(ico, "IMAGE_LOGO_LIGHT_FAVICON"))).toBe(
      "An ICO file can have at most 4,194,304 pixels across its images; this one has 79,691,776.",
    );
  });

  it("refuses a favicon ICO holding one 2048 px PNG from its header, without decoding it for the preview", async () => {
    const result = await checkMedia(await huge(1, 2048), "IMAGE_LOGO_LIGHT_FAVICON");
    expect(result).toMatchObject({ format: "ico", width: 2048, height: 2048, media: null });
    expect(result.checks.filter((check) => !check.ok).map((check) => check.message)).toEqual([
      "A favicon must be 16 to 512 px on each side; this one is 2048×2048 px.",
    ]);
  });

  it("still accepts a 256 px PNG image and a small BMP beside it", async () => {
    const media = await inspectMedia(
      icoFile([await pngIconImage(256), await pngIconImage(32)]),
      "IMAGE_LOGO_DARK_FAVICON",
    );
    expect(media).toMatchObject({ format: "ico", width: 256, height: 256 });
  });
});

describe("slot rules on the header, before any decoding", () => {
  it("does not decode a 2048 px PNG sent as a favicon, even for the preview", async () => {
    const result = await checkMedia(await flatPng(2048, 2048), "IMAGE_LOGO_DARK_FAVICON");
    expect(result).toMatchObject({ format: "png", width: 2048, height: 2048, media: null });
    expect(result.checks.map((check) => [check.rule, check.ok])).toEqual([
      ["format", true],
      ["size", true],
      ["shape", true],
      ["dimensions", false],
    ]);
  });

  it("applies the EXIF orientation to the header's size before the slot rules", async () => {
    const rotated = await sharp(await flatPng(60, 30))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    await expect(inspectMedia(rotated, "IMAGE_LOGO_LIGHT_HORIZONTAL")).rejects.toThrow(
      "A horizontal logo must be wider than tall; this one is 30×60 px.",
    );
  });
});

describe("the stored bytes are bounded too, after re-encoding", () => {
  it("re-encodes more strongly when quality 90 comes out over the limit", async () => {
    const input = await noisyJpeg(1700, 850, 20);
    expect(input.length).toBeLessThan(MEDIA_MAX_BYTES);
    expect((await sharp(input).jpeg({ quality: 90 }).toBuffer()).length).toBeGreaterThan(MEDIA_MAX_BYTES);
    const media = await inspectMedia(input, "IMAGE_LOGO_LIGHT_HORIZONTAL");
    expect(media.bytes.length).toBeLessThanOrEqual(MEDIA_MAX_BYTES);
    expect(media).toMatchObject({ format: "jpeg", width: 1700, height: 850 });
  });

  it("refuses an image that is over the limit even then", async () => {
    const input = await noisyJpeg(2000, 1000, 20);
    expect(input.length).toBeLessThan(MEDIA_MAX_BYTES);
    expect(await asyncRefusalOf(inspectMedia(input, "IMAGE_LOGO_LIGHT_HORIZONTAL"))).toMatch(
      /^Re-encoded as JPEG, this image is \d+\.\d kB, over the 400 kB limit; export it smaller or more compressed\.$/,
    );
  });
});
