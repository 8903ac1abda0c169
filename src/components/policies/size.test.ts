import { describe, expect, it } from "vitest";
import { convertSizeValue, MAX_SIZE_IN_BYTES, parseSize, sizeValueOf, type TSizeValue } from "./size";
import { parseSizeLimit } from "./size-limit";

const HINT = "Enter a number such as 5 or 2.5, optionally with a unit: 5 MB, 300 KB, 1024 bytes.";
const bytesOf = (text: string, unit: TSizeValue["unit"] = "MB") => {
  const parsed = parseSize({ text, unit });
  return parsed.ok ? parsed.bytes : parsed.error;
};

describe("sizeValueOf", () => {
  it("picks the largest unit that keeps the value whole", () => {
    expect(sizeValueOf(5 * 1024 * 1024)).toEqual({ text: "5", unit: "MB" });
    expect(sizeValueOf(1536)).toEqual({ text: "1536", unit: "bytes" });
    expect(sizeValueOf(2048)).toEqual({ text: "2", unit: "KB" });
    expect(sizeValueOf(1000)).toEqual({ text: "1000", unit: "bytes" });
    expect(sizeValueOf(3 * 1024 ** 3)).toEqual({ text: "3", unit: "GB" });
  });

  it("round-trips through parseSizeLimit for any limit", () => {
    for (const bytes of [1, 1023, 1024, 1536, 10_485_760, 10_500_000, 104_857_599, 104_857_600]) {
      expect(parseSizeLimit(sizeValueOf(bytes)), String(bytes)).toMatchObject({ ok: true, bytes });
    }
  });
});

describe("parseSize: what it accepts", () => {
  it("reads a plain number in the selected unit", () => {
    expect(bytesOf("5", "MB")).toBe(5_242_880);
    expect(bytesOf("2.5", "MB")).toBe(2_621_440);
    expect(bytesOf(" 5 ", "KB")).toBe(5120);
    expect(bytesOf("1.5", "KB")).toBe(1536);
    expect(bytesOf(".5", "KB")).toBe(512);
    expect(bytesOf("5.", "KB")).toBe(5120);
    expect(bytesOf("512", "bytes")).toBe(512);
    expect(bytesOf("2", "GB")).toBe(2 * 1024 ** 3);
    expect(bytesOf("0", "bytes")).toBe(0);
  });

  it("reads a number with its own unit, in any case, with or without a space", () => {
    const cases: Array<[string, number]> = [
      ["5 MB", 5_242_880],
      ["5mb", 5_242_880],
      ["5 Mb", 5_242_880],
      ["5 MiB", 5_242_880],
      ["5mib", 5_242_880],
      ["5 megabytes", 5_242_880],
      ["1.5 KB", 1536],
      ["1.5kb", 1536],
      ["1.5 KiB", 1536],
      ["300 kilobytes", 307_200],
      ["512 bytes", 512],
      ["512bytes", 512],
      ["1 byte", 1],
      ["512 B", 512],
      ["2 GB", 2 * 1024 ** 3],
      ["2 GiB", 2 * 1024 ** 3],
    ];
    for (const [text, bytes] of cases) expect(bytesOf(text, "bytes"), text).toBe(bytes);
  });

  it("lets the unit typed in the text win over the select, and says which unit it used", () => {
    expect(parseSize({ text: "5 MB", unit: "KB" })).toEqual({
      ok: true,
      bytes: 5_242_880,
      value: { text: "5", unit: "MB" },
    });
    expect(parseSize({ text: "300kib", unit: "MB" })).toEqual({
      ok: true,
      bytes: 307_200,
      value: { text: "300", unit: "KB" },
    });
    expect(parseSize({ text: "5", unit: "KB" })).toEqual({ ok: true, bytes: 5120, value: { text: "5", unit: "KB" } });
  });

  it("accepts digits grouped by commas in threes", () => {
    expect(bytesOf("10,485,760", "bytes")).toBe(10_485_760);
    expect(bytesOf("10,485,760 bytes", "MB")).toBe(10_485_760);
    expect(bytesOf("1,024.5", "KB")).toBe(1_049_088);
    expect(bytesOf("1,000", "bytes")).toBe(1000);
  });

  it("is exact where floating point is not", () => {
    // 0.1 + 0.2 style drift would make these fail or land one byte off.
    expect(bytesOf("0.3", "KB")).toBe(
      "0.3 KB is 307.2 bytes, not a whole number of bytes; use a smaller unit, such as bytes.",
    );
    expect(bytesOf("4.35", "MB")).toBe(
      "4.35 MB is 4,561,305.6 bytes, not a whole number of bytes; use a smaller unit, such as bytes.",
    );
    expect(bytesOf("0.00390625", "MB")).toBe(4096);
    expect(bytesOf("99.9990234375", "MB")).toBe(104_856_576);
  });
});

describe("parseSize: what it refuses", () => {
  it("asks for a size when there is none", () => {
    expect(parseSize({ text: "", unit: "MB" })).toEqual({ ok: false, error: "Enter a size." });
    expect(parseSize({ text: "   ", unit: "MB" })).toEqual({ ok: false, error: "Enter a size." });
  });

  it("refuses exponents, hex, Infinity, NaN, signs and other text, saying what is accepted", () => {
    for (const text of [
      "1e3",
      "1E3",
      "1e3 MB",
      "0x10",
      "0X10",
      "Infinity",
      "-Infinity",
      "NaN",
      "+5",
      "abc",
      "5 MB!",
      "1,0000",
      "1,5",
      ",5",
      "5..5",
      "1 000",
      "five",
      ".",
      "0b101",
      "0o7",
    ]) {
      expect(parseSize({ text, unit: "MB" }), text).toEqual({ ok: false, error: HINT });
    }
  });

  it("refuses more than one unit", () => {
    for (const text of ["5 MB KB", "5 MB 300 KB", "1 KB bytes", "5MB MB"]) {
      expect(parseSize({ text, unit: "MB" }), text).toEqual({
        ok: false,
        error: "Use one unit, such as 5 MB or 300 KB.",
      });
    }
  });

  it("names a unit it does not know", () => {
    expect(parseSize({ text: "5 TB", unit: "MB" })).toEqual({
      ok: false,
      error: "“TB” is not a unit here: use bytes, KB, MB or GB.",
    });
    expect(parseSize({ text: "5m", unit: "MB" })).toEqual({
      ok: false,
      error: "“m” is not a unit here: use bytes, KB, MB or GB.",
    });
  });

  it("refuses negative numbers with their own message", () => {
    for (const text of ["-1", "-5 MB", "- 5", "−5", "-0.5"]) {
      expect(parseSize({ text, unit: "KB" }), text).toEqual({ ok: false, error: "The size cannot be negative." });
    }
  });

  it("says when a value is not a whole number of bytes and suggests a smaller unit", () => {
    expect(parseSize({ text: "0.1", unit: "KB" })).toEqual({
      ok: false,
      error: "0.1 KB is 102.4 bytes, not a whole number of bytes; use a smaller unit, such as bytes.",
    });
    expect(parseSize({ text: "1.0000001 mb", unit: "KB" })).toEqual({
      ok: false,
      error: "1.0000001 MB is 1,048,576.1048576 bytes, not a whole number of bytes; use a smaller unit, such as bytes.",
    });
    expect(parseSize({ text: "2.5", unit: "bytes" })).toEqual({
      ok: false,
      error: "2.5 bytes is not a whole number of bytes.",
    });
  });

  it("stops at 100 GB by default, or at the maximum it is given", () => {
    expect(bytesOf("100 GB")).toBe(MAX_SIZE_IN_BYTES);
    expect(parseSize({ text: "107,374,182,401", unit: "bytes" })).toEqual({
      ok: false,
      error: "The size must be at most 100 GB (107,374,182,400 bytes).",
    });
    expect(parseSize({ text: "2", unit: "KB" }, { maximum: 1024 })).toEqual({
      ok: false,
      error: "The size must be at most 1 KB (1,024 bytes).",
    });
    expect(parseSize({ text: "0", unit: "KB" }, { minimum: 1 })).toEqual({
      ok: false,
      error: "The size must be at least 1 byte.",
    });
  });
});

describe("parseSizeLimit", () => {
  const AT_MOST = "The size limit must be at most 100 MB (104,857,600 bytes).";

  it("keeps a policy's limit between 1 byte and 100 MB, both included", () => {
    expect(parseSizeLimit({ text: "1", unit: "bytes" })).toMatchObject({ ok: true, bytes: 1 });
    expect(parseSizeLimit({ text: "100", unit: "MB" })).toMatchObject({ ok: true, bytes: 104_857_600 });
    expect(parseSizeLimit({ text: "104,857,600 bytes", unit: "MB" })).toMatchObject({ ok: true, bytes: 104_857_600 });
    expect(parseSizeLimit({ text: "102400", unit: "KB" })).toMatchObject({ ok: true, bytes: 104_857_600 });
  });

  it("says at most 100 MB for anything above, one byte over or absurdly large", () => {
    for (const text of [
      "104857601 bytes",
      "100.0000001 MB",
      "101 MB",
      "1 GB",
      "99999999999999999999999 MB",
      `${"9".repeat(400)}.5 GB`,
    ]) {
      expect(parseSizeLimit({ text, unit: "MB" }), text).toEqual({ ok: false, error: AT_MOST });
    }
  });

  it("says at least 1 byte for zero and anything smaller", () => {
    for (const text of ["0", "0 MB", "0.5 bytes", "0.0000001 MB"]) {
      expect(parseSizeLimit({ text, unit: "bytes" }), text).toEqual({
        ok: false,
        error: "The size limit must be at least 1 byte.",
      });
    }
  });

  it("refuses negatives and malformed text like parseSize does", () => {
    expect(parseSizeLimit({ text: "-5", unit: "MB" })).toEqual({
      ok: false,
      error: "The size limit cannot be negative.",
    });
    expect(parseSizeLimit({ text: "1e3", unit: "MB" })).toEqual({ ok: false, error: HINT });
    expect(parseSizeLimit({ text: "", unit: "MB" })).toEqual({ ok: false, error: "Enter a size." });
  });
});

describe("convertSizeValue", () => {
  it("converts the number when the unit changes, both ways", () => {
    expect(convertSizeValue({ text: "5", unit: "MB" }, "KB")).toEqual({ text: "5120", unit: "KB" });
    expect(convertSizeValue({ text: "5120", unit: "KB" }, "MB")).toEqual({ text: "5", unit: "MB" });
    expect(convertSizeValue({ text: "5", unit: "MB" }, "bytes")).toEqual({ text: "5242880", unit: "bytes" });
    expect(convertSizeValue({ text: "5242880", unit: "bytes" }, "MB")).toEqual({ text: "5", unit: "MB" });
    expect(convertSizeValue({ text: "1", unit: "GB" }, "MB")).toEqual({ text: "1024", unit: "MB" });
    expect(convertSizeValue({ text: "512", unit: "MB" }, "GB")).toEqual({ text: "0.5", unit: "GB" });
  });

  it("is exact for fractions, with no float drift", () => {
    expect(convertSizeValue({ text: "1536", unit: "bytes" }, "KB")).toEqual({ text: "1.5", unit: "KB" });
    expect(convertSizeValue({ text: "1000", unit: "bytes" }, "KB")).toEqual({ text: "0.9765625", unit: "KB" });
    expect(convertSizeValue({ text: "0.1", unit: "MB" }, "KB")).toEqual({ text: "102.4", unit: "KB" });
    expect(convertSizeValue({ text: "10,500,000", unit: "bytes" }, "MB")).toEqual({
      text: "10.013580322265625",
      unit: "MB",
    });
    expect(convertSizeValue({ text: "1", unit: "bytes" }, "GB")).toEqual({
      text: "0.000000000931322574615478515625",
      unit: "GB",
    });
  });

  it("converts back to the very same bytes", () => {
    const units = ["bytes", "KB", "MB", "GB"] as const;
    for (const text of ["1", "1000", "10,500,000", "104857600", "3.75"]) {
      const start: TSizeValue = { text, unit: "bytes" };
      const bytes = parseSize({ ...start, text: `${text} bytes` });
      for (const unit of units) {
        const there = convertSizeValue(start, unit);
        const back = convertSizeValue(there, "bytes");
        expect(parseSize(back), `${text} → ${there.text} ${unit}`).toEqual(
          bytes.ok ? { ...bytes, value: { text: back.text, unit: "bytes" } } : bytes,
        );
      }
    }
  });

  it("converts from the unit typed in the text", () => {
    expect(convertSizeValue({ text: "5 MB", unit: "bytes" }, "KB")).toEqual({ text: "5120", unit: "KB" });
    expect(convertSizeValue({ text: "5 MB", unit: "KB" }, "MB")).toEqual({ text: "5", unit: "MB" });
  });

  it("keeps the text as typed when the unit does not change", () => {
    expect(convertSizeValue({ text: "10,485,760", unit: "bytes" }, "bytes")).toEqual({
      text: "10,485,760",
      unit: "bytes",
    });
  });

  it("keeps text that is not a size as it is", () => {
    for (const text of ["", "abc", "1e3", "-5", "5 MB KB"]) {
      expect(convertSizeValue({ text, unit: "MB" }, "KB"), text).toEqual({ text, unit: "KB" });
    }
  });
});
