import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_LABELS, actionLabel, actorText, targetText } from "@/components/audit/labels";
import { PolicyChangeKind } from "@/generated/prisma/enums";
import { AUDIT_AREA_KEYS, auditAreaOf, nestedAreaPrefixes } from "./audit-log-schemas";

/** Every audit action the server's code writes: its `action: "…"` literals and policy.<kind>. */
function actionsInCode(): string[] {
  const root = path.resolve(import.meta.dirname);
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
  );
  const found = new Set<string>(Object.values(PolicyChangeKind).map((kind) => `policy.${kind.toLowerCase()}`));
  for (const file of files) {
    const source = readFileSync(path.join(root, file), "utf8");
    if (!/recordAudit|auditRow|auditEvent\.create/.test(source)) continue;
    // `action: "x.y"`, and an action passed on to a helper (changeWorkspace(…, "workspace.theme", …)).
    for (const match of source.matchAll(/(?<!name:\s*)"([a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+)"/g)) {
      if (match[1]) found.add(match[1]);
    }
  }
  return [...found].sort();
}

describe("audit areas", () => {
  const actions = actionsInCode();

  it("finds the actions the code records", () => {
    expect(actions).toEqual(
      expect.arrayContaining([
        "policy.update",
        "instance.create",
        "workspace.media.import",
        "file.delete",
        "apiKey.create",
      ]),
    );
  });

  it("give every action the code records an area and words", () => {
    for (const action of actions) {
      expect(auditAreaOf(action), action).not.toBeNull();
      expect(ACTION_LABELS[action], action).toBeDefined();
    }
  });

  it("use the longest prefix, so images are not workspaces", () => {
    expect(auditAreaOf("workspace.media.import")).toBe("media");
    expect(auditAreaOf("workspace.theme")).toBe("workspace");
    expect(auditAreaOf("team.role.change")).toBe("team");
    expect(auditAreaOf("billing.change")).toBeNull();
    expect(auditAreaOf("policyx.update")).toBeNull();
    expect(nestedAreaPrefixes("workspace")).toEqual(["workspace.media."]);
    expect(nestedAreaPrefixes("media")).toEqual([]);
    expect(AUDIT_AREA_KEYS).toEqual(["policy", "instance", "workspace", "media", "file", "team", "apiKey", "session"]);
  });
});

describe("how the Audit page names events", () => {
  it("says actions in words, and an unknown one as recorded", () => {
    expect(actionLabel("policy.update")).toBe("Changed a policy");
    expect(actionLabel("billing.change")).toBe("billing.change");
  });

  it("names people, API keys, the system and the signed out", () => {
    expect(actorText({ actorKind: "USER", actorLabel: "ada@attache.test" })).toEqual({
      text: "ada@attache.test",
      detail: null,
    });
    expect(actorText({ actorKind: "API_KEY", actorLabel: "API key ATCH123 (nightly)" }).text).toBe(
      "API key ATCH123 (nightly)",
    );
    expect(actorText({ actorKind: "API_KEY", actorLabel: "nightly" }).text).toBe("API key nightly");
    expect(actorText({ actorKind: "SYSTEM", actorLabel: "Identity provider groups" })).toEqual({
      text: "System",
      detail: "Identity provider groups",
    });
    expect(actorText({ actorKind: "ANONYMOUS", actorLabel: "olga@outside.test" })).toEqual({
      text: "Not signed in",
      detail: "olga@outside.test",
    });
  });

  it("names targets by kind, and by the name the event recorded", () => {
    const base = { before: null, after: null };
    expect(targetText({ ...base, targetType: "AttachedFilesConfiguration", targetId: "i-1/CHAT" })).toEqual({
      kind: "Policy",
      name: "Chat scope",
      id: "i-1/CHAT",
    });
    expect(targetText({ targetType: "Instance", targetId: "i-1", before: { alias: "old" }, after: null })).toEqual({
      kind: "Instance",
      name: "old",
      id: "i-1",
    });
    expect(targetText({ ...base, targetType: "Gizmo", targetId: "g" })).toEqual({ kind: "Gizmo", name: null, id: "g" });
  });
});
