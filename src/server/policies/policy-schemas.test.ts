import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLICY,
  findDuplicateExtensions,
  ZAllowedExtensionsSchema,
  ZExtensionSchema,
  ZMaximumSizeLimitSchema,
  ZUpdatePolicyInputSchema,
} from "./policy-schemas";

const messagesFor = (schema: { safeParse: (value: unknown) => { error?: { issues: { message: string }[] } } }) =>
  function messages(value: unknown): string[] {
    return schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];
  };

describe("ZExtensionSchema", () => {
  const messages = messagesFor(ZExtensionSchema);

  it("accepts letters, digits, hyphens and underscores up to 10 characters", () => {
    for (const extension of ["pdf", "PNG", "tar-gz", "my_ext", "7z", "abcdefghij"]) {
      expect(messages(extension), extension).toEqual([]);
    }
  });

  it("refuses an 11th character, an empty extension and a leading dot, each with its own message", () => {
    expect(messages("abcdefghijk")).toEqual(["An extension has at most 10 characters."]);
    expect(messages("")).toEqual(["An extension cannot be empty."]);
    expect(messages(".pdf")).toEqual([
      "An extension may contain only letters, digits, hyphens and underscores (no leading dot).",
    ]);
    expect(messages("p df")).toHaveLength(1);
    expect(messages("pdf!")).toHaveLength(1);
  });

  it("counts code points, not UTF-16 units, as Smithy does", () => {
    // Six emoji are twelve UTF-16 units but six code points: only the pattern complains, not the length.
    expect(messages("😀".repeat(6))).toEqual([
      "An extension may contain only letters, digits, hyphens and underscores (no leading dot).",
    ]);
    expect(messages("😀".repeat(11))).toContain("An extension has at most 10 characters.");
  });

  it("refuses what is not text", () => {
    expect(messages(42)).toEqual(["An extension must be text."]);
  });
});

describe("ZMaximumSizeLimitSchema", () => {
  const messages = messagesFor(ZMaximumSizeLimitSchema);

  it("accepts whole numbers of bytes from 1 to 100 MB", () => {
    expect(messages(1)).toEqual([]);
    expect(messages(DEFAULT_POLICY.maximumSizeLimitInBytes)).toEqual([]);
    expect(messages(104_857_600)).toEqual([]);
  });

  it("refuses 0, anything over 104857600 and fractions", () => {
    expect(messages(0)).toEqual(["The size limit must be at least 1 byte."]);
    expect(messages(-5)).toEqual(["The size limit must be at least 1 byte."]);
    expect(messages(104_857_601)).toEqual(["The size limit can be at most 104857600 bytes (100 MB)."]);
    expect(messages(1.5)).toEqual(["The size limit must be a whole number of bytes."]);
    expect(messages("20")).toEqual(["The size limit must be a whole number of bytes."]);
  });
});

describe("findDuplicateExtensions", () => {
  it("finds extensions repeated ignoring case and names both spellings once", () => {
    expect(findDuplicateExtensions(["pdf", "PNG", "PDF", "png", "Png", "txt"])).toEqual(["pdf/PDF", "PNG/png"]);
  });

  it("names an exact repeat once", () => {
    expect(findDuplicateExtensions(["csv", "csv", "csv"])).toEqual(["csv"]);
  });

  it("finds nothing in a list without repeats", () => {
    expect(findDuplicateExtensions(["pdf", "png", "docx"])).toEqual([]);
    expect(findDuplicateExtensions([])).toEqual([]);
  });
});

describe("ZAllowedExtensionsSchema", () => {
  it("refuses a list with case-insensitive repeats and names them", () => {
    const result = ZAllowedExtensionsSchema.safeParse(["pdf", "Pdf", "png"]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Each extension may appear once, ignoring case; repeated: pdf/Pdf.");
  });

  it("accepts an empty list (nothing allowed) and keeps the given case", () => {
    expect(ZAllowedExtensionsSchema.parse([])).toEqual([]);
    expect(ZAllowedExtensionsSchema.parse(["PDF", "png"])).toEqual(["PDF", "png"]);
  });
});

describe("ZUpdatePolicyInputSchema", () => {
  const base = { instanceId: "6f0c1d3e-8a52-4c1b-9d7e-2b4a5c6d7e8f", scope: "CHAT" };

  it("makes both policy fields optional and drops a blank reason", () => {
    const parsed = ZUpdatePolicyInputSchema.parse({ ...base, reason: "   " });
    expect(parsed.maximumSizeLimitInBytes).toBeUndefined();
    expect(parsed.allowedExtensions).toBeUndefined();
    expect(parsed.reason).toBeUndefined();
  });

  it("refuses an unknown scope with the list of scopes", () => {
    const result = ZUpdatePolicyInputSchema.safeParse({ ...base, scope: "FAX" });
    expect(result.error?.issues[0]?.message).toBe("Choose one of EMAIL, CHAT, CASE, TASK.");
  });
});
