import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DEFAULT_POLICY, POLICY_EXPORT_FORMAT, type TScopePolicy } from "@/server/policies/policy-schemas";
import { describeExportIssues, previewImport, readPolicyExport } from "./import";

const scopePolicy = (scope: TScopePolicy["scope"], extensions: string[], version = 1): TScopePolicy => ({
  scope,
  maximumSizeLimitInBytes: 1024,
  allowedExtensions: extensions,
  isDefault: false,
  version,
  updatedAt: new Date(0),
  updatedBy: "Eddie",
});

const valid = { maximumSizeLimitInBytes: 1024, allowedExtensions: ["pdf"], isDefault: false };

/** The errors reading `file` (as JSON) gives, or a failure when it reads fine. */
function errorsOf(file: unknown): string[] {
  return errorsOfText(JSON.stringify(file));
}

function errorsOfText(text: string): string[] {
  const result = readPolicyExport(text);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.errors;
}

const exportWith = (policies: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  format: POLICY_EXPORT_FORMAT,
  ...extra,
  policies,
});

describe("readPolicyExport", () => {
  it("reads a valid export, even with a byte order mark", () => {
    const text = JSON.stringify(exportWith({ CHAT: valid }));
    expect(readPolicyExport(text)).toEqual({ ok: true, file: exportWith({ CHAT: valid }) });
    expect(readPolicyExport(`\uFEFF${text}`).ok).toBe(true);
  });

  it("explains invalid JSON and an empty file", () => {
    const [error, ...rest] = errorsOfText("{nope");
    expect(error).toMatch(/^This file is not valid JSON, so it cannot be an Attache policy export\./);
    // Not the parser's own words ("Unexpected token … at position 1").
    expect(error).not.toMatch(/Unexpected|position/);
    expect(rest).toEqual([]);
    expect(errorsOfText("  \n")).toEqual(["This file is empty; choose a file exported from Attache."]);
  });

  it("says a file of another kind is not an export, once, without the noise of its other differences", () => {
    expect(errorsOf({ hello: "world" })).toEqual([
      `This is not an Attache policy export: it has no "format" (an export's is "${POLICY_EXPORT_FORMAT}").`,
    ]);
    for (const file of [[], "text", 42, null]) {
      expect(errorsOf(file), JSON.stringify(file)).toEqual([
        'This is not an Attache policy export: it should be a JSON object with "format" and "policies".',
      ]);
    }
    expect(errorsOf({ format: "something/v2", policies: { CHAT: valid } })).toEqual([
      `This is not an Attache policy export: its format is “something/v2”, not "${POLICY_EXPORT_FORMAT}".`,
    ]);
  });

  it("names an unknown scope and suggests the one that was probably meant", () => {
    expect(errorsOf(exportWith({ FAX: valid }))).toContain("“FAX” is not a scope: use EMAIL, CHAT, CASE or TASK.");
    expect(errorsOf(exportWith({ chat: valid, CHAT: valid }))).toEqual([
      "“chat” is not a scope: use EMAIL, CHAT, CASE or TASK (did you mean CHAT?).",
    ]);
    expect(errorsOf(exportWith({ Cases: valid, EMAIL: valid }))).toEqual([
      "“Cases” is not a scope: use EMAIL, CHAT, CASE or TASK (did you mean CASE?).",
    ]);
  });

  it("names the scope by its label and the extension that breaks the rules, without a raw path", () => {
    const extensions = ["😀", "", "abcdefghijk", 5, ".png"];
    expect(errorsOf(exportWith({ CHAT: { ...valid, allowedExtensions: extensions } }))).toEqual([
      "Chat: the extension “😀” may only contain letters, digits, hyphens and underscores.",
      "Chat: one of the extensions is empty.",
      "Chat: the extension “abcdefghijk” is longer than 10 characters.",
      'Chat: the extension 5 must be text, such as "pdf".',
      "Chat: the extension “.png” may only contain letters, digits, hyphens and underscores (write it without the dot).",
    ]);
  });

  it("says which extensions are the same, ignoring case", () => {
    const extensions = ["pdf", "PDF", "doc", "doc", "doc", "Pdf", "png"];
    expect(errorsOf(exportWith({ TASK: { ...valid, allowedExtensions: extensions } }))).toEqual([
      "Tasks: “pdf”, “PDF” and “Pdf” are the same extension; list it once.",
      "Tasks: “doc” is listed 3 times; list it once.",
    ]);
    expect(errorsOf(exportWith({ TASK: { ...valid, allowedExtensions: ["pdf", "PDF"] } }))).toEqual([
      "Tasks: “pdf” and “PDF” are the same extension; list it once.",
    ]);
  });

  it("explains the size limit in bytes and MB, quoting the file's value", () => {
    const withSize = (maximumSizeLimitInBytes: unknown) => exportWith({ EMAIL: { ...valid, maximumSizeLimitInBytes } });
    expect(errorsOf(withSize(104_857_601))).toEqual([
      "Email: the size limit must be at most 100 MB (104,857,600 bytes), not 104,857,601 bytes.",
    ]);
    expect(errorsOf(withSize(1e30))).toEqual([
      "Email: the size limit must be at most 100 MB (104,857,600 bytes), not 1e+30.",
    ]);
    expect(errorsOf(withSize(0))).toEqual(["Email: the size limit must be at least 1 byte, not 0 bytes."]);
    expect(errorsOf(withSize(1.5))).toEqual(["Email: the size limit must be a whole number of bytes, not 1.5."]);
    expect(errorsOf(withSize("10 MB"))).toEqual([
      "Email: the size limit must be a whole number of bytes, not “10 MB”.",
    ]);
  });

  it("says which fields are missing or of the wrong kind", () => {
    expect(errorsOf(exportWith({ CASE: { allowedExtensions: ["pdf"] } }))).toEqual([
      "Cases: the size limit is missing.",
      "Cases: the isDefault setting is missing.",
    ]);
    expect(errorsOf(exportWith({ CASE: { ...valid, allowedExtensions: "pdf, png", isDefault: "no" } }))).toEqual([
      'Cases: the allowed extensions must be a list, such as ["pdf", "png"], not “pdf, png”.',
      "Cases: the isDefault setting must be true or false, not “no”.",
    ]);
    expect(errorsOf(exportWith({ CHAT: "nope" }))).toEqual([
      "Chat: the policy must be an object with maximumSizeLimitInBytes, allowedExtensions and isDefault, not “nope”.",
    ]);
    expect(errorsOf({ format: POLICY_EXPORT_FORMAT })).toEqual(["The file has no policies."]);
    expect(errorsOf(exportWith({}))).toEqual(["The file contains no policies."]);
    expect(errorsOf({ format: POLICY_EXPORT_FORMAT, policies: [] })).toEqual([
      "The policies must be an object with an entry per scope (EMAIL, CHAT, CASE or TASK), not a list.",
    ]);
  });

  it("counts the extensions over the cap", () => {
    const allowedExtensions = Array.from({ length: 501 }, (_, index) => `e${index}`);
    expect(errorsOf(exportWith({ CASE: { ...valid, allowedExtensions } }))).toEqual([
      "Cases: at most 500 extensions can be allowed; the file lists 501.",
    ]);
  });

  it("words the instance details and export time without scope", () => {
    const errors = errorsOf(exportWith({ CHAT: valid }, { instance: { id: 5, alias: "a".repeat(101) } }));
    expect(errors[0]).toBe("The instance id must be text, not 5.");
    expect(errors[1]).toMatch(/^The instance alias .*100 characters\.$/);
    expect(errors).toHaveLength(2);
    const [exportedAt] = errorsOf(exportWith({ CHAT: valid }, { exportedAt: "2026\u0000" }));
    expect(exportedAt).toMatch(/^The export time /);
    expect(exportedAt).not.toContain("exportedAt");
    expect(exportedAt).not.toContain("\u0000");
  });

  it("gives every error at once, in file order, each once", () => {
    const file = {
      format: POLICY_EXPORT_FORMAT,
      policies: {
        CHAT: { maximumSizeLimitInBytes: 0, allowedExtensions: ["😀", "pdf", "😀", "PDF"], isDefault: false },
        FAX: valid,
        EMAIL: { ...valid, maximumSizeLimitInBytes: 200_000_000 },
      },
    };
    expect(errorsOf(file)).toEqual([
      "Chat: the size limit must be at least 1 byte, not 0 bytes.",
      "Chat: the extension “😀” may only contain letters, digits, hyphens and underscores.",
      "Chat: “pdf” and “PDF” are the same extension; list it once.",
      "“FAX” is not a scope: use EMAIL, CHAT, CASE or TASK.",
      "Email: the size limit must be at most 100 MB (104,857,600 bytes), not 200,000,000 bytes.",
    ]);
  });

  it("never shows a zod path or a raw zod message", () => {
    const file = {
      format: POLICY_EXPORT_FORMAT,
      instance: "x",
      policies: { EMAIL: { allowedExtensions: ["a b"], isDefault: 1 }, FAX: {}, CASE: null },
    };
    for (const error of errorsOf(file)) {
      expect(error).not.toMatch(
        /policies\.|allowedExtensions\.\d|Unrecognized key|Invalid input|expected \w+, received/,
      );
      expect(error).toMatch(/^[A-Z“]/);
      expect(error).toMatch(/[.)]$/);
    }
  });

  it("quotes a hostile value short and with its control characters visible", () => {
    const [error] = errorsOf(exportWith({ CHAT: { ...valid, allowedExtensions: [`\u202e${"x".repeat(100)}`] } }));
    expect(error).toContain("“\\u202exxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…”");
    expect(error).not.toContain("\u202e");
  });
});

describe("describeExportIssues", () => {
  const issue = (fields: Record<string, unknown>) => fields as unknown as z.core.$ZodIssue;

  it("falls back to scope, field in words and the message for issues it has no words for", () => {
    const json = exportWith({ CHAT: { ...valid, priority: "high" } });
    expect(
      describeExportIssues(
        [
          issue({
            code: "custom",
            path: ["policies", "CHAT", "allowedExtensions"],
            message: "Something new is wrong.",
          }),
          issue({
            code: "custom",
            path: ["policies", "CHAT", "maximumSizeLimitInBytes"],
            message: "Odd sizes are refused.",
          }),
          issue({
            code: "invalid_type",
            expected: "number",
            path: ["policies", "CHAT", "priority"],
            message: "Invalid input: expected number, received string",
          }),
        ],
        json,
      ),
    ).toEqual([
      "Chat: the size limit: odd sizes are refused.",
      "Chat: the allowed extensions: something new is wrong.",
      "Chat: the “priority” field must be a number, not “high”.",
    ]);
  });

  it("words string and number bounds from the issue, not zod's message", () => {
    const json = exportWith({ CHAT: valid }, { exportedAt: "x".repeat(70) });
    expect(
      describeExportIssues(
        [
          issue({ code: "too_big", origin: "string", maximum: 64, path: ["exportedAt"], message: "Too big" }),
          issue({ code: "unrecognized_keys", keys: ["extra"], path: [], message: 'Unrecognized key: "extra"' }),
          issue({
            code: "invalid_key",
            origin: "record",
            issues: [],
            path: ["policies", "SMS"],
            message: "Invalid key",
          }),
        ],
        json,
      ),
    ).toEqual([
      "The export time is longer than 64 characters.",
      "“SMS” is not a scope: use EMAIL, CHAT, CASE or TASK.",
      "“extra” is not part of a policy export.",
    ]);
  });

  it("lists nothing twice", () => {
    const repeated = issue({ code: "custom", path: ["policies", "CHAT"], message: "Broken." });
    expect(describeExportIssues([repeated, repeated], exportWith({ CHAT: valid }))).toEqual([
      "Chat: the policy: broken.",
    ]);
  });
});

describe("previewImport", () => {
  it("marks unchanged scopes, diffs the others and leaves scopes not in the file alone", () => {
    const current = [scopePolicy("EMAIL", ["pdf"]), scopePolicy("CHAT", ["pdf"]), scopePolicy("CASE", ["txt"])];
    const rows = previewImport(
      {
        format: POLICY_EXPORT_FORMAT,
        policies: {
          EMAIL: { maximumSizeLimitInBytes: 1024, allowedExtensions: ["PDF"], isDefault: false },
          CHAT: { maximumSizeLimitInBytes: 1024, allowedExtensions: ["pdf", "png"], isDefault: false },
          CASE: { maximumSizeLimitInBytes: 1, allowedExtensions: [], isDefault: true },
        },
      },
      current,
    );
    expect(rows.map((row) => [row.scope, row.inFile && row.unchanged])).toEqual([
      ["EMAIL", true],
      ["CHAT", false],
      ["CASE", false],
    ]);
    const chat = rows[1];
    expect(chat?.inFile && chat.diff.added).toEqual(["png"]);
    const reset = rows[2];
    expect(reset?.inFile && reset.next.maximumSizeLimitInBytes).toBe(DEFAULT_POLICY.maximumSizeLimitInBytes);
  });
});
