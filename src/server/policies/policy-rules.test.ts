import { describe, expect, it } from "vitest";
import { diffPolicies, isEmptyDiff, judgeFile, parseExtensionInput, samePolicy } from "./policy-rules";
import type { TPolicy } from "./policy-schemas";

describe("parseExtensionInput", () => {
  it("splits pasted text, strips one leading dot and lower-cases", () => {
    expect(parseExtensionInput("pdf, .PNG docx")).toEqual([
      { raw: "pdf", extension: "pdf", error: null },
      { raw: ".PNG", extension: "png", error: null },
      { raw: "docx", extension: "docx", error: null },
    ]);
  });

  it("accepts commas, semicolons, pipes, newlines and *.ext globs", () => {
    expect(parseExtensionInput("*.txt;csv|\n  XLSX,,").map((token) => token.extension)).toEqual(["txt", "csv", "xlsx"]);
    expect(parseExtensionInput("   ")).toEqual([]);
  });

  it("gives each invalid token its own message and keeps the valid ones clean", () => {
    const tokens = parseExtensionInput("pdf ex!e abcdefghijk . ..doc");
    expect(tokens.map((token) => [token.raw, token.error])).toEqual([
      ["pdf", null],
      ["ex!e", "Only letters, digits, hyphens and underscores."],
      ["abcdefghijk", "Longer than 10 characters."],
      [".", "Empty extension."],
      ["..doc", "Only letters, digits, hyphens and underscores."],
    ]);
  });
});

describe("judgeFile", () => {
  const policy: TPolicy = { maximumSizeLimitInBytes: 1000, allowedExtensions: ["pdf", "PNG"] };

  it("allows a listed type within the limit, up to exactly the limit", () => {
    expect(judgeFile(policy, { fileName: "report.pdf", sizeInBytes: 1 })).toEqual({ allowed: true, extension: "pdf" });
    expect(judgeFile(policy, { fileName: "report.final.pdf", sizeInBytes: 1000 })).toEqual({
      allowed: true,
      extension: "pdf",
    });
  });

  it("matches the extension ignoring case on both sides, and reports it as the file spells it", () => {
    expect(judgeFile(policy, { fileName: "scan.PDF", sizeInBytes: 10 })).toEqual({ allowed: true, extension: "PDF" });
    expect(judgeFile(policy, { fileName: "photo.png", sizeInBytes: 10 })).toEqual({ allowed: true, extension: "png" });
  });

  it("refuses a name without an extension as a type problem", () => {
    for (const fileName of ["README", ".bashrc", "trailing-dot."]) {
      expect(judgeFile(policy, { fileName, sizeInBytes: 10 }), fileName).toMatchObject({
        allowed: false,
        reason: "INVALID_FILE_TYPE",
        message: "The file name has no extension, so its type cannot be allowed.",
      });
    }
  });

  it("refuses empty names, control characters, slashes and backslashes as name problems", () => {
    const cases: Array<[string, string]> = [
      ["", "The file has no name."],
      ["bad\u0000name.pdf", "The file name contains control or invisible characters."],
      ["line\nbreak.pdf", "The file name contains control or invisible characters."],
      ["zero\u200bwidth.pdf", "The file name contains control or invisible characters."],
      ["../etc/passwd.pdf", "The file name contains a slash or backslash."],
      ["C:\\temp\\x.pdf", "The file name contains a slash or backslash."],
      [`${"a".repeat(253)}.pdf`, "The file name is longer than 256 characters."],
    ];
    for (const [fileName, message] of cases) {
      expect(judgeFile(policy, { fileName, sizeInBytes: 10 }), JSON.stringify(fileName)).toEqual({
        allowed: false,
        reason: "INVALID_FILE_NAME",
        message,
      });
    }
    // 256 code points is still fine, even when they take more UTF-16 units.
    expect(judgeFile(policy, { fileName: `${"é".repeat(252)}.pdf`, sizeInBytes: 10 }).allowed).toBe(true);
  });

  it("refuses a type that is not listed, naming it", () => {
    expect(judgeFile(policy, { fileName: "setup.exe", sizeInBytes: 10 })).toEqual({
      allowed: false,
      reason: "INVALID_FILE_TYPE",
      message: ".exe files are not on this scope's list of allowed extensions.",
    });
  });

  it("refuses an empty file and one over the limit as size problems", () => {
    expect(judgeFile(policy, { fileName: "empty.pdf", sizeInBytes: 0 })).toMatchObject({
      allowed: false,
      reason: "INVALID_FILE_SIZE",
      message: "The file is empty; its size must be at least 1 byte.",
    });
    expect(judgeFile(policy, { fileName: "big.pdf", sizeInBytes: 1001 })).toEqual({
      allowed: false,
      reason: "INVALID_FILE_SIZE",
      message: "The file is 1,001 bytes, over this scope's limit of 1,000 bytes.",
    });
  });

  it("never says a file is over a limit that reads the same: near it, both sizes are exact", () => {
    const tenMegabytes: TPolicy = { maximumSizeLimitInBytes: 10_485_760, allowedExtensions: ["pdf"] };
    expect(judgeFile(tenMegabytes, { fileName: "big.pdf", sizeInBytes: 10_500_000 })).toEqual({
      allowed: false,
      reason: "INVALID_FILE_SIZE",
      message: "The file is 10,500,000 bytes, over this scope's limit of 10,485,760 bytes (10 MB).",
    });
    expect(judgeFile(tenMegabytes, { fileName: "big.pdf", sizeInBytes: 10_485_761 })).toMatchObject({
      message: "The file is 10,485,761 bytes, over this scope's limit of 10,485,760 bytes (10 MB).",
    });
    expect(judgeFile(tenMegabytes, { fileName: "big.pdf", sizeInBytes: 12_582_912 })).toMatchObject({
      message: "The file is 12 MB, over this scope's limit of 10 MB.",
    });
    expect(judgeFile(tenMegabytes, { fileName: "big.pdf", sizeInBytes: 10_485_760 })).toEqual({
      allowed: true,
      extension: "pdf",
    });
  });

  it("refuses a size that is not a whole number of bytes", () => {
    for (const sizeInBytes of [1.5, Number.NaN]) {
      expect(judgeFile(policy, { fileName: "odd.pdf", sizeInBytes }), String(sizeInBytes)).toEqual({
        allowed: false,
        reason: "INVALID_FILE_SIZE",
        message: "The file size must be a whole number of bytes.",
      });
    }
  });

  it("checks the name first, then the type, then the size", () => {
    const empty = 0;
    expect(judgeFile(policy, { fileName: "a/b.exe", sizeInBytes: empty })).toMatchObject({
      reason: "INVALID_FILE_NAME",
    });
    expect(judgeFile(policy, { fileName: "b.exe", sizeInBytes: empty })).toMatchObject({ reason: "INVALID_FILE_TYPE" });
    expect(judgeFile(policy, { fileName: "b.pdf", sizeInBytes: empty })).toMatchObject({ reason: "INVALID_FILE_SIZE" });
  });

  it("allows nothing when the list is empty", () => {
    expect(
      judgeFile({ maximumSizeLimitInBytes: 1000, allowedExtensions: [] }, { fileName: "a.pdf", sizeInBytes: 1 }),
    ).toMatchObject({ allowed: false, reason: "INVALID_FILE_TYPE" });
  });
});

describe("diffPolicies", () => {
  const before = { maximumSizeLimitInBytes: 1000, allowedExtensions: ["pdf", "png", "txt"], isDefault: true };

  it("lists added and removed extensions ignoring case, the size change and the default change", () => {
    const after = { maximumSizeLimitInBytes: 2000, allowedExtensions: ["PDF", "txt", "docx"], isDefault: false };
    const diff = diffPolicies(before, after);
    expect(diff).toEqual({
      added: ["docx"],
      removed: ["png"],
      size: { before: 1000, after: 2000 },
      defaultChanged: { before: true, after: false },
    });
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it("is empty for the same policy in another order and case", () => {
    const after = { maximumSizeLimitInBytes: 1000, allowedExtensions: ["TXT", "pdf", "Png"], isDefault: true };
    const diff = diffPolicies(before, after);
    expect(diff).toEqual({ added: [], removed: [], size: null, defaultChanged: null });
    expect(isEmptyDiff(diff)).toBe(true);
    expect(samePolicy(before, after)).toBe(true);
  });

  it("ignores isDefault when either side does not say", () => {
    const diff = diffPolicies({ maximumSizeLimitInBytes: 1, allowedExtensions: [] }, { ...before });
    expect(diff.defaultChanged).toBeNull();
    expect(diff.added).toEqual(["pdf", "png", "txt"]);
  });
});
