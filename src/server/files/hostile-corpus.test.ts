import { describe, expect, it, vi } from "vitest";
import { judgeFile } from "@/server/policies/policy-rules";
import {
  BENIGN_FILE_CONTENTS,
  BENIGN_FILE_NAMES,
  HOSTILE_FILE_CONTENTS,
  HOSTILE_FILE_NAMES,
  PERMISSIVE_POLICY,
} from "./hostile-corpus";
import { INSPECT_BYTES, inspectFileContent } from "./inspect";

function extensionOf(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

function label(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}

describe("the hostile corpus", () => {
  it("holds at least 200 entries, 150 names and 60 contents, each explained", () => {
    expect(HOSTILE_FILE_NAMES.length).toBeGreaterThanOrEqual(150);
    expect(HOSTILE_FILE_CONTENTS.length).toBeGreaterThanOrEqual(60);
    expect(HOSTILE_FILE_NAMES.length + HOSTILE_FILE_CONTENTS.length).toBeGreaterThanOrEqual(200);
    for (const entry of [...HOSTILE_FILE_NAMES, ...HOSTILE_FILE_CONTENTS]) expect(entry.why).not.toBe("");
    expect(new Set(HOSTILE_FILE_NAMES.map((entry) => entry.name)).size).toBe(HOSTILE_FILE_NAMES.length);
    expect(new Set(HOSTILE_FILE_CONTENTS.map((entry) => entry.name)).size).toBe(HOSTILE_FILE_CONTENTS.length);
  });

  it("does not allow programs' own extensions in the permissive policy", () => {
    for (const extension of ["exe", "js", "scr", "bat", "html", "msi", "jar"]) {
      expect(PERMISSIVE_POLICY.allowedExtensions).not.toContain(extension);
    }
  });

  it("refuses every hostile name, as a name or type problem", () => {
    for (const { name, why } of HOSTILE_FILE_NAMES) {
      const verdict = judgeFile(PERMISSIVE_POLICY, { fileName: name, sizeInBytes: 100 });
      expect(verdict.allowed, `${label(name)}: ${why}`).toBe(false);
      if (!verdict.allowed) expect(["INVALID_FILE_NAME", "INVALID_FILE_TYPE"], why).toContain(verdict.reason);
    }
  });

  it("gives hostile contents names the permissive policy allows, and refuses every one of them", async () => {
    for (const { name, bytes, why } of HOSTILE_FILE_CONTENTS) {
      const verdict = judgeFile(PERMISSIVE_POLICY, { fileName: name, sizeInBytes: bytes.length });
      expect(verdict, `${label(name)}: ${why}`).toMatchObject({ allowed: true });
      const inspection = await inspectFileContent({
        extension: extensionOf(name),
        head: bytes.subarray(0, INSPECT_BYTES),
      });
      expect(inspection, `${label(name)}: ${why}`).toMatchObject({ ok: false, reason: "INVALID_FILE_TYPE" });
    }
  });

  it("accepts the control group: benign names and contents", async () => {
    for (const name of BENIGN_FILE_NAMES) {
      expect(judgeFile(PERMISSIVE_POLICY, { fileName: name, sizeInBytes: 100 }), label(name)).toMatchObject({
        allowed: true,
      });
    }
    for (const { name, bytes, why } of BENIGN_FILE_CONTENTS) {
      expect(judgeFile(PERMISSIVE_POLICY, { fileName: name, sizeInBytes: bytes.length }), why).toMatchObject({
        allowed: true,
      });
      const inspection = await inspectFileContent({ extension: extensionOf(name), head: bytes });
      expect(inspection, `${label(name)}: ${why}`).toMatchObject({ ok: true });
    }
  });

  it("is deterministic: built twice, the same bytes", async () => {
    vi.resetModules();
    const again = await import("./hostile-corpus");
    expect(again.HOSTILE_FILE_CONTENTS).not.toBe(HOSTILE_FILE_CONTENTS);
    expect(again.HOSTILE_FILE_NAMES).toEqual(HOSTILE_FILE_NAMES);
    expect(again.HOSTILE_FILE_CONTENTS.map((entry) => Buffer.from(entry.bytes).toString("hex"))).toEqual(
      HOSTILE_FILE_CONTENTS.map((entry) => Buffer.from(entry.bytes).toString("hex")),
    );
  });
});
