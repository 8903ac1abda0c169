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
    // ".bashrc" (nothing before the dot) and "trailing-dot." are name problems now: see below.
    for (const fileName of ["README", "Makefile"]) {
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

  it("refuses names that hide, fake or break something as name problems, each with its own sentence", () => {
    const cases: Array<[string, string]> = [
      ["\u202Egpj.exe", "The file name contains control or invisible characters."],
      ["report\u202Efdp.exe", "The file name contains control or invisible characters."],
      ["bom\uFEFF.pdf", "The file name contains control or invisible characters."],
      ["filler\u3164.pdf", "The file name contains control or invisible characters."],
      ["lone\uD800surrogate.pdf", "The file name contains control or invisible characters."],
      ["private\uE000use.pdf", "The file name contains control or invisible characters."],
      ["invoice\u2024pdf", "The file name contains a character that looks like a dot or a slash."],
      ["setup\uFF0Epdf", "The file name contains a character that looks like a dot or a slash."],
      ["etc\u2215passwd.pdf", "The file name contains a character that looks like a dot or a slash."],
      ["a\u2044b.pdf", "The file name contains a character that looks like a dot or a slash."],
      ["a\uFF0Fb.pdf", "The file name contains a character that looks like a dot or a slash."],
      ["a\u29F8b.pdf", "The file name contains a character that looks like a dot or a slash."],
      ["a\uFE52pdf", "The file name contains a character that looks like a dot or a slash."],
      ["what?.pdf", "The file name contains ?, which Windows does not allow in file names."],
      ["c:evil.pdf", "The file name contains :, which Windows does not allow in file names."],
      ['say "hi".pdf', 'The file name contains ", which Windows does not allow in file names.'],
      ["a<b>.pdf", "The file name contains <, which Windows does not allow in file names."],
      ["a|b.pdf", "The file name contains |, which Windows does not allow in file names."],
      ["star*.pdf", "The file name contains *, which Windows does not allow in file names."],
      [".", "The file name is only dots."],
      ["...", "The file name is only dots."],
      ["trailing-dot.", "The file name ends with a dot or a space."],
      ["report.pdf.", "The file name ends with a dot or a space."],
      ["report.pdf ", "The file name ends with a dot or a space."],
      ["report.pdf\u00A0", "The file name ends with a dot or a space."],
      [" report.pdf", "The file name starts with a space."],
      ["\u3000report.pdf", "The file name starts with a space."],
      ["setup\uFF0E\uFF45\uFF58\uFF45", "The file name contains a character that looks like a dot or a slash."],
      ["report.\uFF50\uFF44\uFF46", "The file name uses look-alike characters that change its extension."],
      ["report.pd\uFB00", "The file name uses look-alike characters that change its extension."],
      [".pdf", "The file name has nothing before its extension."],
      ["..pdf", "The file name has nothing before its extension."],
      [".bashrc", "The file name has nothing before its extension."],
      ["CON.pdf", "The file name uses CON, a name Windows reserves for a device."],
      ["nul.pdf", "The file name uses nul, a name Windows reserves for a device."],
      ["CON .pdf", "The file name uses CON, a name Windows reserves for a device."],
      ["Com1.pdf", "The file name uses Com1, a name Windows reserves for a device."],
      ["lpt9.tar.pdf", "The file name uses lpt9, a name Windows reserves for a device."],
      ["aux.pdf", "The file name uses aux, a name Windows reserves for a device."],
      ["PRN.pdf", "The file name uses PRN, a name Windows reserves for a device."],
      ["COM\u00B9.pdf", "The file name uses COM\u00B9, a name Windows reserves for a device."],
      ["\uFF23\uFF2F\uFF2E.pdf", "The file name uses CON, a name Windows reserves for a device."],
      [
        "invoice.pdf.\u0435xe",
        "The file name's extension uses characters other than ASCII letters, digits, hyphens and underscores.",
      ],
      ["report.pdf.exe", "The file name hides its real type: report.pdf.exe ends in .exe."],
      ["invoice.docx.js", "The file name hides its real type: invoice.docx.js ends in .js."],
      ["photo.jpg.scr", "The file name hides its real type: photo.jpg.scr ends in .scr."],
      ["Photo.JPG.Exe", "The file name hides its real type: Photo.JPG.Exe ends in .Exe."],
      ["report.pdf      .exe", "The file name hides its real type: report.pdf      .exe ends in .exe."],
      ["scan.pdf.final.html", "The file name hides its real type: scan.pdf.final.html ends in .html."],
    ];
    const everything: TPolicy = {
      maximumSizeLimitInBytes: 1000,
      allowedExtensions: ["pdf", "exe", "js", "scr", "html"],
    };
    for (const [fileName, message] of cases) {
      expect(judgeFile(everything, { fileName, sizeInBytes: 10 }), JSON.stringify(fileName)).toEqual({
        allowed: false,
        reason: "INVALID_FILE_NAME",
        message,
      });
    }
  });

  it("keeps ordinary names with several dots, accents, CJK and spaces", () => {
    const anything: TPolicy = {
      maximumSizeLimitInBytes: 1000,
      allowedExtensions: ["gz", "jpg", "pdf", "txt", "docx", "exe", "tgz"],
    };
    for (const fileName of [
      "archive.tar.gz",
      "my.holiday.photo.jpg",
      "v1.2.pdf",
      "report.final.pdf",
      "Résumé.pdf",
      "Vie\u0323\u0302t Nam.pdf",
      "会議：議事録.pdf",
      "質問？.txt",
      "l\u00B7l.txt",
      "Notes\u2026 final.docx",
      "\uFB01le.pdf",
      "console.txt",
      "CONTRACT.pdf",
      "com10.pdf",
      "my report (2).pdf",
      "setup.exe",
      ".hidden.pdf",
      "a.pdf",
      "year 2024.tgz",
    ]) {
      expect(judgeFile(anything, { fileName, sizeInBytes: 10 }), JSON.stringify(fileName)).toMatchObject({
        allowed: true,
      });
    }
  });

  it("leaves text after a dot that is not an extension to the type check", () => {
    expect(judgeFile(policy, { fileName: "Dr. M\u00FCller notes", sizeInBytes: 10 })).toMatchObject({
      allowed: false,
      reason: "INVALID_FILE_TYPE",
    });
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
