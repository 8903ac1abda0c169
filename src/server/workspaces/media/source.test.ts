import { describe, expect, it } from "vitest";
import type { TUrlPolicy } from "@/server/net/safe-fetch";
import { refusalOfAsync } from "@/test/refusal";
import { MEDIA_MAX_BYTES } from "../workspace-rules";
import { readMediaSource } from "./source";
import { rasterImage } from "./test-images";

const NO_URLS: Omit<TUrlPolicy, "maxBytes"> = { allowedHosts: [], allowedAddresses: [], timeoutMs: 1_000 };

const refusal = async (source: string, policy = NO_URLS) =>
  (await refusalOfAsync(readMediaSource(source, policy))).message;

const png = await rasterImage("png", 20, 20);
const base64 = png.toString("base64");

describe("readMediaSource", () => {
  it("reads a base64 data: URL", async () => {
    expect(Buffer.from(await readMediaSource(`data:image/png;base64,${base64}`, NO_URLS))).toEqual(png);
  });

  it("reads a data: URL with parameters, an upper-case scheme and no media type", async () => {
    expect(Buffer.from(await readMediaSource(`DATA:image/png;name=logo.png;base64,${base64}`, NO_URLS))).toEqual(png);
    expect(Buffer.from(await readMediaSource(`data:;base64,${base64}`, NO_URLS))).toEqual(png);
  });

  it("reads raw base64 with or without padding, in either alphabet, wrapped and padded with whitespace", async () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xfe, 0x00, 0x01]);
    const standard = bytes.toString("base64");
    expect(standard).toMatch(/[+/]/);
    expect(standard).toMatch(/=$/);
    for (const source of [
      standard,
      standard.replace(/=+$/, ""),
      bytes.toString("base64url"),
      `${bytes.toString("base64url")}=`,
      `\n  ${standard.slice(0, 4)}\r\n${standard.slice(4)}\t \n`,
    ]) {
      expect(Buffer.from(await readMediaSource(source, NO_URLS))).toEqual(bytes);
    }
    const wrapped = base64.replace(/(.{76})/g, "$1\n");
    expect(Buffer.from(await readMediaSource(wrapped, NO_URLS))).toEqual(png);
  });

  it.each([
    ["", /empty/],
    ["   \n\t ", /empty/],
    ["iVBORw0KGgo!", /not valid base64/],
    ["aGVsbG8gd29ybGQ=\u0000", /not valid base64/],
    ["aGVs bG8*", /not valid base64/],
    ["ab+c_d==", /not valid base64/],
    ["abcde", /not valid base64/],
    ["abc==", /not valid base64/],
    ["ab=c", /not valid base64/],
    ["====", /not valid base64/],
    ["ftp://example.com/logo.png", /base64, data: URLs or http\(s\) URLs; this source starts with ftp:/],
    ["javascript:alert(1)", /this source starts with javascript:/],
    ["file:///etc/passwd", /this source starts with file:/],
  ])("refuses %j", async (source, message) => {
    expect(await refusal(source)).toMatch(message);
  });

  it.each([
    [
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "A data: URL must hold an image; this one says it holds text/html.",
    ],
    [
      "data:image/svg+xml,<svg onload=alert(1)>",
      "A data: URL must be base64-encoded, such as data:image/png;base64,iVBOR….",
    ],
    ["data:image/png;charset=utf-8,abcd", "A data: URL must be base64-encoded, such as data:image/png;base64,iVBOR…."],
    ["data:image/png;base64", "The data: URL has no comma before its data, so it holds no image."],
    ["data:image/png;base64,@@@@", "The data: URL's data is not valid base64."],
    ["data:image/png;base64,", "The image source holds no data."],
  ])("refuses the data: URL %j", async (source, message) => {
    expect(await refusal(source)).toBe(message);
  });

  it("refuses more than MEDIA_MAX_BYTES decoded, naming the limit", async () => {
    const over = Buffer.alloc(MEDIA_MAX_BYTES + 1).toString("base64");
    expect(await refusal(over)).toBe("An image can be at most 400 kB; this one is 400,001 bytes.");
    const far = Buffer.alloc(512_000).toString("base64");
    expect(await refusal(`data:image/png;base64,${far}`)).toBe("An image can be at most 400 kB; this one is 512 kB.");
    const exact = Buffer.alloc(MEDIA_MAX_BYTES, 1).toString("base64");
    expect((await readMediaSource(exact, NO_URLS)).length).toBe(MEDIA_MAX_BYTES);
  });

  it("refuses URLs when no host is allowed", async () => {
    for (const url of ["https://cdn.example.com/logo.png", "HTTP://cdn.example.com/logo.png"]) {
      expect(await refusal(url)).toBe("Importing from a URL is turned off on this Attache; send the image as base64.");
    }
  });

  it("fetches URLs through the SSRF guard (refused here before any connection)", async () => {
    const policy = { allowedHosts: ["127.0.0.1:9"], allowedAddresses: [], timeoutMs: 1_000 };
    expect(await refusal("http://127.0.0.1:9/logo.png", policy)).toBe(
      "Attache does not import media from 127.0.0.1: 127.0.0.1 is a loopback address.",
    );
    expect(await refusal("https://cdn.example.com/logo.png", policy)).toBe(
      "cdn.example.com is not on this Attache's list of hosts media may be imported from.",
    );
  });
});
