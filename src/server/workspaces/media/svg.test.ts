import { refusalOf } from "@/test/refusal";

const refusalMessage = (run: () => unknown) => refusalOf(run).message;

import { createHash } from "node:crypto";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { inspectMedia } from "./inspect";
import { rootElementName, sanitizeSvg, svgDeclaredSize, svgTextOf } from "./svg";
import { SVG_SHAPE, svgDocument } from "./test-images";

const { DOMParser } = new JSDOM("").window;

function parseSvg(text: string): Element {
  const root = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  expect(root.localName).toBe("svg");
  expect(root.namespaceURI).toBe("http://www.w3.org/2000/svg");
  return root;
}

describe("rootElementName and svgTextOf", () => {
  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"/>', "svg"],
    ['\uFEFF  \n<svg xmlns="http://www.w3.org/2000/svg"></svg>', "svg"],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand --><svg xmlns="http://www.w3.org/2000/svg"/>', "svg"],
    ['<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg>', "svg"],
    ['<!DOCTYPE svg [<!ENTITY a "b">]><svg>', "svg"],
    ['<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>', "svg:svg"],
    ["<!doctype html><html><body></body></html>", "html"],
    ["<svgfoo/>", "svgfoo"],
    ["hello <svg>", null],
    ["<!-- never closed <svg>", null],
    ["", null],
  ])("%j starts with %j", (text, name) => {
    expect(rootElementName(text)).toBe(name);
  });

  it("recognizes SVG by content only", () => {
    expect(svgTextOf(Buffer.from(svgDocument(SVG_SHAPE)))).toContain("<svg");
    expect(svgTextOf(Buffer.from('<html><svg xmlns="http://www.w3.org/2000/svg"/></html>'))).toBeNull();
    expect(svgTextOf(Buffer.from("<svgx/>"))).toBeNull();
    // Not UTF-8: no SVG, whatever the bytes after the invalid sequence say.
    expect(svgTextOf(Buffer.concat([Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from("<svg/>")]))).toBeNull();
  });
});

describe("sanitizeSvg", () => {
  it("keeps a drawing with its gradients, references and camelCase names", () => {
    const text = svgDocument(
      '<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient></defs>' +
        '<path id="p" d="M0 0h10v10z" fill="url(#g)" style="stroke:url(#g);stroke-width:2"/>' +
        '<use href="#p" x="20"/><use xlink:href="#p" x="40"/><text x="60" y="30" font-family="Arial">Acme</text>',
    );
    const clean = sanitizeSvg(text);
    const root = parseSvg(clean);
    expect(root.getAttribute("viewBox")).toBe("0 0 120 40");
    expect(clean).toContain("<linearGradient");
    expect(clean).toContain('fill="url(#g)"');
    expect(clean).toContain('style="stroke:url(#g);stroke-width:2"');
    expect(clean).toContain('<use href="#p" x="20"/>');
    expect(clean).toContain('<use xlink:href="#p" x="40"/>');
    expect(clean).toContain(">Acme</text>");
    expect(clean.startsWith("<svg")).toBe(true);
  });

  it("drops the XML declaration, comments and a BOM", () => {
    const clean = sanitizeSvg(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n${svgDocument(SVG_SHAPE)}`);
    expect(clean.startsWith("<svg")).toBe(true);
    expect(clean).not.toContain("<?xml");
    expect(clean).not.toContain("logo -->");
  });

  it("is stable: sanitizing its own output changes nothing", () => {
    const once = sanitizeSvg(svgDocument(`${SVG_SHAPE}<script>alert(1)</script><use href="#r"/>`));
    expect(sanitizeSvg(once)).toBe(once);
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', /not well-formed XML/],
    ["<svg><rect width='1' height='1'/></svg>", /lacks xmlns="http:\/\/www\.w3\.org\/2000\/svg"/],
    ['<html xmlns="http://www.w3.org/1999/xhtml"/>', /not well-formed XML with an <svg> root/],
    [svgDocument("<script>alert(1)</script>"), /nothing left to draw/],
    [
      svgDocument('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'),
      /nothing left to draw/,
    ],
  ])("refuses %j", (text, message) => {
    expect(refusalMessage(() => sanitizeSvg(text))).toMatch(message);
  });
});

describe("svgDeclaredSize", () => {
  it.each([
    ['width="120" height="40"', { width: 120, height: 40 }],
    ['width="120px" height="40.4px"', { width: 120, height: 40 }],
    ['viewBox="0 0 300 100"', { width: 300, height: 100 }],
    ['viewBox="0,0,300,100" width="60"', { width: 60, height: 20 }],
    ['viewBox="0 0 300 100" height="50"', { width: 150, height: 50 }],
    ['width="100%" height="100%"', null],
    ['width="10cm" height="2cm"', null],
    ["", null],
  ])("%s → %j", (attributes, size) => {
    expect(svgDeclaredSize(svgDocument(SVG_SHAPE, attributes))).toEqual(size);
  });
});

describe("inspectMedia on SVG", () => {
  it("stores the sanitized text, measured, with the hash of what is stored", async () => {
    const media = await inspectMedia(
      Buffer.from(svgDocument(`${SVG_SHAPE}<script>alert(1)</script>`, 'viewBox="0 0 300 100"')),
      "IMAGE_LOGO_DARK_HORIZONTAL",
    );
    expect(media).toMatchObject({ format: "svg", mime: "image/svg+xml", width: 300, height: 100 });
    const text = media.bytes.toString("utf8");
    expect(text).not.toContain("script");
    parseSvg(text);
    expect(media.contentHash).toBe(createHash("sha256").update(media.bytes).digest("hex"));
  });

  it("takes the size from librsvg when the file declares none", async () => {
    const media = await inspectMedia(
      Buffer.from(svgDocument('<rect width="48" height="48" fill="#000"/>', "")),
      "IMAGE_LOGO_LIGHT_FAVICON",
    );
    expect(media.width).toBeGreaterThan(0);
    expect(media.width).toBe(media.height);
  });

  it("accepts a square SVG favicon and gives identical files the same hash", async () => {
    const source = Buffer.from(svgDocument('<circle cx="16" cy="16" r="16"/>', 'width="32" height="32"'));
    const first = await inspectMedia(source, "IMAGE_LOGO_LIGHT_FAVICON");
    const second = await inspectMedia(Buffer.from(source), "IMAGE_LOGO_LIGHT_FAVICON");
    expect(first).toMatchObject({ width: 32, height: 32 });
    expect(second.contentHash).toBe(first.contentHash);
  });
});
