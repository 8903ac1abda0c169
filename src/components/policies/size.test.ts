import { describe, expect, it } from "vitest";
import { formatExactBytes, parseSize, parseSizeLimit, sizeValueOf } from "./size";

describe("sizeValueOf", () => {
  it("picks the largest unit that keeps the value whole", () => {
    expect(sizeValueOf(5 * 1024 * 1024)).toEqual({ text: "5", unit: "MB" });
    expect(sizeValueOf(1536)).toEqual({ text: "1536", unit: "bytes" });
    expect(sizeValueOf(2048)).toEqual({ text: "2", unit: "KB" });
    expect(sizeValueOf(1000)).toEqual({ text: "1000", unit: "bytes" });
  });
});

describe("parseSize", () => {
  it("converts units to whole bytes", () => {
    expect(parseSize({ text: "5", unit: "MB" })).toEqual({ ok: true, bytes: 5_242_880 });
    expect(parseSize({ text: " 1.5 ", unit: "KB" })).toEqual({ ok: true, bytes: 1536 });
    expect(parseSize({ text: "0", unit: "bytes" })).toEqual({ ok: true, bytes: 0 });
  });

  it("explains what it cannot use", () => {
    expect(parseSize({ text: "", unit: "MB" })).toEqual({ ok: false, error: "Enter a size." });
    expect(parseSize({ text: "abc", unit: "MB" }).ok).toBe(false);
    expect(parseSize({ text: "-1", unit: "KB" })).toEqual({ ok: false, error: "A size cannot be negative." });
    expect(parseSize({ text: "0.1", unit: "KB" })).toEqual({
      ok: false,
      error: "0.1 KB is not a whole number of bytes; use a smaller unit.",
    });
  });
});

describe("parseSizeLimit", () => {
  it("keeps a policy's limit between 1 byte and 100 MB", () => {
    expect(parseSizeLimit({ text: "100", unit: "MB" })).toEqual({ ok: true, bytes: 104_857_600 });
    expect(parseSizeLimit({ text: "101", unit: "MB" })).toEqual({
      ok: false,
      error: "The size limit can be at most 104857600 bytes (100 MB).",
    });
    expect(parseSizeLimit({ text: "0", unit: "bytes" })).toEqual({
      ok: false,
      error: "The size limit must be at least 1 byte.",
    });
  });
});

it("formatExactBytes groups digits", () => {
  expect(formatExactBytes(5_242_880)).toBe("5,242,880 bytes");
  expect(formatExactBytes(1)).toBe("1 byte");
});
