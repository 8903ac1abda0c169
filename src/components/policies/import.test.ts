import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, POLICY_EXPORT_FORMAT, type TScopePolicy } from "@/server/policies/policy-schemas";
import { previewImport, readPolicyExport } from "./import";

const scopePolicy = (scope: TScopePolicy["scope"], extensions: string[], version = 1): TScopePolicy => ({
  scope,
  maximumSizeLimitInBytes: 1024,
  allowedExtensions: extensions,
  isDefault: false,
  version,
  updatedAt: new Date(0),
  updatedBy: "Eddie",
});

describe("readPolicyExport", () => {
  it("explains invalid JSON", () => {
    const result = readPolicyExport("{nope");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^This file is not valid JSON/);
  });

  it("names the field that breaks the schema", () => {
    const result = readPolicyExport(
      JSON.stringify({
        format: POLICY_EXPORT_FORMAT,
        policies: { CHAT: { maximumSizeLimitInBytes: 0, allowedExtensions: ["pdf"], isDefault: false } },
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: ["policies.CHAT.maximumSizeLimitInBytes: The size limit must be at least 1 byte."],
    });
  });

  it("refuses a file of another kind", () => {
    const result = readPolicyExport(JSON.stringify({ hello: "world" }));
    expect(result.ok).toBe(false);
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
