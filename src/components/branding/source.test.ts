import { describe, expect, it } from "vitest";
import { MEDIA_MAX_BYTES, MEDIA_SOURCE_MAX_LENGTH } from "@/server/workspaces/workspace-rules";
import { parseImageUrl, pastedSource, readFileSource, sourceValue } from "./source";

describe("sourceValue", () => {
  it("sends a URL as typed and a file as its data: URL", () => {
    expect(sourceValue({ kind: "url", url: "https://example.test/logo.png" })).toBe("https://example.test/logo.png");
    expect(sourceValue({ kind: "file", name: "a.png", bytes: 3, dataUrl: "data:image/png;base64,AAAA" })).toBe(
      "data:image/png;base64,AAAA",
    );
  });

  it("drops the data: prefix when only the base64 fits the model's bound", () => {
    const base64 = "A".repeat(MEDIA_SOURCE_MAX_LENGTH - 2);
    expect(sourceValue({ kind: "file", name: "a.png", bytes: 1, dataUrl: `data:image/png;base64,${base64}` })).toBe(
      base64,
    );
  });

  it("sends nothing for a file too large to read", () => {
    expect(sourceValue({ kind: "file", name: "big.png", bytes: MEDIA_MAX_BYTES + 1, dataUrl: null })).toBeNull();
  });
});

describe("readFileSource", () => {
  it("does not read a file over the limit", async () => {
    const file = new File([new Uint8Array(MEDIA_MAX_BYTES + 1)], "big.png", { type: "image/png" });
    expect(await readFileSource(file)).toEqual({
      kind: "file",
      name: "big.png",
      bytes: MEDIA_MAX_BYTES + 1,
      dataUrl: null,
    });
  });
});

describe("parseImageUrl", () => {
  it("accepts http(s) addresses", () => {
    expect(parseImageUrl(" https://cdn.example.test/logo.svg ")).toEqual({
      ok: true,
      url: "https://cdn.example.test/logo.svg",
    });
    expect(parseImageUrl("http://example.test/a.png")).toMatchObject({ ok: true });
  });

  it("says what is wrong with anything else", () => {
    expect(parseImageUrl("")).toEqual({
      ok: false,
      message: "Enter the image's address, such as https://example.com/logo.png.",
    });
    expect(parseImageUrl("logo.png")).toMatchObject({ ok: false, message: /not an address/ });
    expect(parseImageUrl("ftp://example.test/a.png")).toEqual({
      ok: false,
      message: "Only https:// and http:// addresses can be imported.",
    });
    expect(parseImageUrl("javascript:alert(1)")).toMatchObject({ ok: false });
  });
});

describe("pastedSource", () => {
  const png = new File([new Uint8Array(4)], "image.png", { type: "image/png" });
  const text = new File(["x"], "notes.txt", { type: "text/plain" });

  it("prefers an image file, then any file", () => {
    expect(pastedSource([text, png], "https://example.test/a.png")).toBe(png);
    expect(pastedSource([text], "")).toBe(text);
  });

  it("takes an http(s) address, and leaves other text alone", () => {
    expect(pastedSource([], "  https://example.test/a.png\n")).toBe("https://example.test/a.png");
    expect(pastedSource([], "Acme logo")).toBeNull();
    expect(pastedSource([], "example.test/a.png")).toBeNull();
  });
});
