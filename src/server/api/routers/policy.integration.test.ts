import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TSession } from "@/server/auth";
import type { TDb } from "@/server/db";
import { ATTACHMENT_SCOPES, DEFAULT_POLICY, type TAttachmentScope } from "@/server/policies/policy-schemas";
import { createSession, createTestDatabase } from "@/test/db";
import { callerFor, trpcErrorOf } from "@/test/trpc";

let db: TDb;
let drop: () => Promise<void>;
let editorSession: TSession;
let editor: ReturnType<typeof callerFor>;
let viewer: ReturnType<typeof callerFor>;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  editorSession = await createSession(db, "editor");
  editor = callerFor(db, editorSession);
  viewer = callerFor(db, await createSession(db, "viewer"));
});
afterAll(() => drop());

async function newInstance() {
  return editor.instance.create({ alias: `policy-${randomUUID().slice(0, 8)}` });
}

/** Everything stored about an instance's policies, to prove a refused change wrote nothing. */
async function storedState(instanceId: string) {
  const [configurations, revisions, audits] = await Promise.all([
    db.attachedFilesConfiguration.findMany({ where: { instanceId }, orderBy: { scope: "asc" } }),
    db.policyRevision.count({ where: { instanceId } }),
    db.auditEvent.count({ where: { targetType: "AttachedFilesConfiguration", targetId: { startsWith: instanceId } } }),
  ]);
  return { configurations, revisions, audits };
}

async function policyOf(instanceId: string, scope: TAttachmentScope) {
  const { policies } = await viewer.policy.forInstance({ instanceId });
  const policy = policies.find((candidate) => candidate.scope === scope);
  if (!policy) throw new Error(`no ${scope} policy`);
  return policy;
}

describe("a new instance's policies", () => {
  it("are Amazon Connect's defaults for all four scopes, at version 0, with nothing stored", async () => {
    const instance = await newInstance();
    const { instance: shown, policies } = await viewer.policy.forInstance({ instanceId: instance.id });
    expect(shown).toEqual({ id: instance.id, alias: instance.alias, arn: instance.arn });
    expect(policies.map((policy) => policy.scope)).toEqual([...ATTACHMENT_SCOPES]);
    for (const policy of policies) {
      expect(policy).toEqual({
        scope: policy.scope,
        maximumSizeLimitInBytes: 20_971_520,
        allowedExtensions: [...DEFAULT_POLICY.allowedExtensions],
        isDefault: true,
        version: 0,
        updatedAt: null,
        updatedBy: null,
      });
    }
    expect(await storedState(instance.id)).toEqual({ configurations: [], revisions: 0, audits: 0 });
  });

  it("are NOT_FOUND for an instance that does not exist", async () => {
    const missing = randomUUID();
    expect((await trpcErrorOf(viewer.policy.forInstance({ instanceId: missing }))).code).toBe("NOT_FOUND");
    expect((await trpcErrorOf(viewer.policy.history({ instanceId: missing }))).code).toBe("NOT_FOUND");
    const error = await trpcErrorOf(
      editor.policy.update({ instanceId: missing, scope: "CHAT", maximumSizeLimitInBytes: 1000 }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(await db.attachedFilesConfiguration.count({ where: { instanceId: missing } })).toBe(0);
  });
});

describe("a partial update", () => {
  it("of the size only keeps the default extensions and creates the configuration at version 1", async () => {
    const instance = await newInstance();
    const updated = await editor.policy.update({
      instanceId: instance.id,
      scope: "EMAIL",
      maximumSizeLimitInBytes: 5_242_880,
    });
    expect(updated).toMatchObject({
      scope: "EMAIL",
      maximumSizeLimitInBytes: 5_242_880,
      allowedExtensions: [...DEFAULT_POLICY.allowedExtensions],
      isDefault: false,
      version: 1,
      updatedBy: editorSession.user.email,
    });
    expect(await policyOf(instance.id, "EMAIL")).toMatchObject({ maximumSizeLimitInBytes: 5_242_880, version: 1 });
    // The other scopes are untouched.
    expect(await policyOf(instance.id, "CHAT")).toMatchObject({ isDefault: true, version: 0 });
  });

  it("of the extensions only keeps the size", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 1000 });
    const updated = await editor.policy.update({
      instanceId: instance.id,
      scope: "CHAT",
      allowedExtensions: ["pdf", "PNG"],
      expectedVersion: 1,
    });
    expect(updated).toMatchObject({ maximumSizeLimitInBytes: 1000, allowedExtensions: ["pdf", "PNG"], version: 2 });
    expect(await policyOf(instance.id, "CHAT")).toMatchObject({
      maximumSizeLimitInBytes: 1000,
      allowedExtensions: ["pdf", "PNG"],
      isDefault: false,
      version: 2,
    });
  });

  it("of both fields sets both", async () => {
    const instance = await newInstance();
    await editor.policy.update({
      instanceId: instance.id,
      scope: "CASE",
      maximumSizeLimitInBytes: 104_857_600,
      allowedExtensions: [],
      expectedVersion: 0,
    });
    expect(await policyOf(instance.id, "CASE")).toMatchObject({
      maximumSizeLimitInBytes: 104_857_600,
      allowedExtensions: [],
      isDefault: false,
      version: 1,
    });
  });

  it("of neither field creates the configuration on the first write and changes nothing afterwards", async () => {
    const instance = await newInstance();
    const first = await editor.policy.update({ instanceId: instance.id, scope: "TASK" });
    expect(first).toMatchObject({
      maximumSizeLimitInBytes: DEFAULT_POLICY.maximumSizeLimitInBytes,
      allowedExtensions: [...DEFAULT_POLICY.allowedExtensions],
      isDefault: false,
      version: 1,
    });
    expect(first.revisionId).toEqual(expect.any(String));
    const again = await editor.policy.update({ instanceId: instance.id, scope: "TASK", expectedVersion: 1 });
    expect(again.version).toBe(1);
    expect(again.revisionId).toBeNull();
    expect((await storedState(instance.id)).revisions).toBe(1);
  });

  it("with case-insensitive duplicates is refused with a message naming them, and writes nothing", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", allowedExtensions: ["txt"] });
    const before = await storedState(instance.id);
    const error = await trpcErrorOf(
      editor.policy.update({
        instanceId: instance.id,
        scope: "CHAT",
        allowedExtensions: ["pdf", "PDF", "png", "Png", "jpg"],
        maximumSizeLimitInBytes: 2000,
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("pdf/PDF");
    expect(error.message).toContain("png/Png");
    expect(await storedState(instance.id)).toEqual(before);
  });

  it("with invalid input is BAD_REQUEST and writes nothing", async () => {
    const instance = await newInstance();
    const before = await storedState(instance.id);
    const invalid = [
      { maximumSizeLimitInBytes: 0 },
      { maximumSizeLimitInBytes: 104_857_601 },
      { maximumSizeLimitInBytes: 1.5 },
      { allowedExtensions: [".pdf"] },
      { allowedExtensions: ["abcdefghijk"] },
      { allowedExtensions: [""] },
    ];
    for (const change of invalid) {
      const error = await trpcErrorOf(editor.policy.update({ instanceId: instance.id, scope: "EMAIL", ...change }));
      expect(error.code, JSON.stringify(change)).toBe("BAD_REQUEST");
    }
    const badScope = { instanceId: instance.id, scope: "FAX" as TAttachmentScope, maximumSizeLimitInBytes: 10 };
    expect((await trpcErrorOf(editor.policy.update(badScope))).code).toBe("BAD_REQUEST");
    expect(await storedState(instance.id)).toEqual(before);
  });

  it("from a stale version is a CONFLICT and writes nothing", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "EMAIL", maximumSizeLimitInBytes: 1000 });
    await editor.policy.update({ instanceId: instance.id, scope: "EMAIL", maximumSizeLimitInBytes: 2000 });
    const before = await storedState(instance.id);
    const error = await trpcErrorOf(
      editor.policy.update({
        instanceId: instance.id,
        scope: "EMAIL",
        maximumSizeLimitInBytes: 3000,
        expectedVersion: 1,
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("changed by someone else");
    expect(await storedState(instance.id)).toEqual(before);
    expect((await policyOf(instance.id, "EMAIL")).maximumSizeLimitInBytes).toBe(2000);
    // Editing a never-configured scope "from version 3" is stale too.
    const unseen = await trpcErrorOf(
      editor.policy.update({ instanceId: instance.id, scope: "TASK", maximumSizeLimitInBytes: 10, expectedVersion: 3 }),
    );
    expect(unseen.code).toBe("CONFLICT");
    expect(await storedState(instance.id)).toEqual(before);
  });
  it("from API callers that name no version all apply, one after the other, when they race", async () => {
    const instance = await newInstance();
    const sizes = [1001, 1002, 1003, 1004];
    await Promise.all(
      sizes.map((size) =>
        editor.policy.update({ instanceId: instance.id, scope: "EMAIL", maximumSizeLimitInBytes: size }),
      ),
    );
    const { items: history } = await viewer.policy.history({ instanceId: instance.id, scope: "EMAIL" });
    expect(history.map((revision) => revision.version).sort()).toEqual([1, 2, 3, 4]);
    expect(history.map((revision) => revision.after.maximumSizeLimitInBytes).sort()).toEqual(sizes);
    expect((await policyOf(instance.id, "EMAIL")).version).toBe(4);
  });

  it("from two editors who saw the same version lets exactly one win; the other gets a CONFLICT", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 1 });
    const results = await Promise.allSettled(
      [10, 20].map((size) =>
        editor.policy.update({
          instanceId: instance.id,
          scope: "CHAT",
          maximumSizeLimitInBytes: size,
          expectedVersion: 1,
        }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const reasons = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(reasons.map((reason) => (reason instanceof TRPCError ? reason.code : String(reason)))).toEqual(["CONFLICT"]);
    expect((await storedState(instance.id)).revisions).toBe(2);
  });

  it("from a hundred editors at once who saw the same version lets exactly one win, and loses nothing", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "TASK", maximumSizeLimitInBytes: 1 });
    const before = await storedState(instance.id);
    const sizes = Array.from({ length: 100 }, (_, index) => 2000 + index);
    const results = await Promise.allSettled(
      sizes.map((size) =>
        editor.policy.update({
          instanceId: instance.id,
          scope: "TASK",
          maximumSizeLimitInBytes: size,
          expectedVersion: 1,
        }),
      ),
    );
    const codes = results.map((result) =>
      result.status === "fulfilled"
        ? "ok"
        : result.reason instanceof TRPCError
          ? result.reason.code
          : String(result.reason),
    );
    expect(codes.filter((code) => code === "ok")).toHaveLength(1);
    expect(codes.filter((code) => code === "CONFLICT")).toHaveLength(99);
    const winner = sizes[codes.indexOf("ok")];
    const after = await storedState(instance.id);
    expect(after.revisions).toBe(before.revisions + 1);
    expect(after.audits).toBe(before.audits + 1);
    expect(await policyOf(instance.id, "TASK")).toMatchObject({ version: 2, maximumSizeLimitInBytes: winner });
  });
});

describe("history", () => {
  it("records who changed what, from what to what, why, at which version, and an audit event per change", async () => {
    const instance = await newInstance();
    await editor.policy.update({
      instanceId: instance.id,
      scope: "CHAT",
      maximumSizeLimitInBytes: 1000,
      reason: "  Chat uploads are small  ",
    });
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", allowedExtensions: ["pdf"] });

    const { items: history } = await viewer.policy.history({ instanceId: instance.id, scope: "CHAT" });
    expect(history.map((revision) => revision.version)).toEqual([2, 1]);
    const [second, first] = history;
    expect(first).toMatchObject({
      scope: "CHAT",
      kind: "UPDATE",
      version: 1,
      reason: "Chat uploads are small",
      actorLabel: editorSession.user.email,
      actorKind: "USER",
      before: { ...DEFAULT_POLICY, isDefault: true },
      after: {
        maximumSizeLimitInBytes: 1000,
        allowedExtensions: [...DEFAULT_POLICY.allowedExtensions],
        isDefault: false,
      },
    });
    expect(second).toMatchObject({
      version: 2,
      reason: null,
      before: { maximumSizeLimitInBytes: 1000, allowedExtensions: [...DEFAULT_POLICY.allowedExtensions] },
      after: { maximumSizeLimitInBytes: 1000, allowedExtensions: ["pdf"], isDefault: false },
    });
    expect(await viewer.policy.history({ instanceId: instance.id, scope: "EMAIL" })).toEqual({
      items: [],
      nextCursor: null,
    });

    const audits = await db.auditEvent.findMany({
      where: { targetType: "AttachedFilesConfiguration", targetId: `${instance.id}/CHAT` },
      orderBy: { createdAt: "asc" },
    });
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      action: "policy.update",
      actorKind: "USER",
      actorUserId: editorSession.user.id,
      actorLabel: editorSession.user.email,
      reason: "Chat uploads are small",
      after: { maximumSizeLimitInBytes: 1000 },
    });
  });
});

describe("history paging", () => {
  const stored = { maximumSizeLimitInBytes: 1000, allowedExtensions: ["pdf"], isDefault: false };

  /**
   * `count` revisions of `scope` written straight to the table (120 changes through the API would
   * take long), one second apart from 2026-01-01, except that versions `sameAs[i]` are stamped with the
   * same millisecond as the version before them.
   */
  async function seedRevisions(instanceId: string, scope: TAttachmentScope, count: number, sameAs: number[] = []) {
    const start = Date.UTC(2026, 0, 1);
    let at = start;
    const rows = Array.from({ length: count }, (_, index) => {
      const version = index + 1;
      if (!sameAs.includes(version)) at = start + version * 1000;
      return {
        instanceId,
        scope,
        version,
        kind: "UPDATE" as const,
        before: stored,
        after: { ...stored, maximumSizeLimitInBytes: version },
        actorKind: "SYSTEM" as const,
        actorLabel: "seed",
        createdAt: new Date(at),
      };
    });
    await db.policyRevision.createMany({ data: rows });
  }

  async function allPages(input: { instanceId: string; scope?: TAttachmentScope; limit?: number }) {
    const pages: Awaited<ReturnType<typeof viewer.policy.history>>[] = [];
    let cursor: string | null = null;
    do {
      const page = await viewer.policy.history({ ...input, cursor });
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 20);
    return pages;
  }

  it("120 revisions come in pages of 50, 50 and 20, newest first, each version exactly once", async () => {
    const instance = await newInstance();
    // versions 40 and 41 share version 39's millisecond, and 100 shares 99's; 50 and 51 straddle a page break
    await seedRevisions(instance.id, "EMAIL", 120, [40, 41, 51, 100]);

    const pages = await allPages({ instanceId: instance.id, scope: "EMAIL" });
    expect(pages.map((page) => page.items.length)).toEqual([50, 50, 20]);
    expect(pages.map((page) => page.nextCursor === null)).toEqual([false, false, true]);
    const versions = pages.flatMap((page) => page.items.map((revision) => revision.version));
    expect(versions).toEqual(Array.from({ length: 120 }, (_, index) => 120 - index));
    const times = pages.flatMap((page) => page.items.map((revision) => revision.createdAt.getTime()));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("loses no revision stamped with the same millisecond across scopes, whatever the page size", async () => {
    const instance = await newInstance();
    const at = new Date(Date.UTC(2026, 1, 1));
    // an import or undo of several scopes writes their revisions in one transaction, at one time
    await db.policyRevision.createMany({
      data: (["CHAT", "EMAIL", "CASE", "TASK"] as const).flatMap((scope) =>
        [1, 2].map((version) => ({
          instanceId: instance.id,
          scope,
          version,
          kind: "IMPORT" as const,
          before: stored,
          after: stored,
          actorKind: "SYSTEM" as const,
          actorLabel: "seed",
          createdAt: at,
        })),
      ),
    });
    for (const limit of [1, 2, 3, 8, 100]) {
      const pages = await allPages({ instanceId: instance.id, limit });
      const items = pages.flatMap((page) => page.items);
      expect(items).toHaveLength(8);
      expect(new Set(items.map((revision) => revision.id)).size).toBe(8);
      // same time: the later version first
      expect(items.map((revision) => revision.version)).toEqual([2, 2, 2, 2, 1, 1, 1, 1]);
      expect(pages.at(-1)?.nextCursor).toBeNull();
    }
  });

  it("a change made while paging back is not seen twice, nor does it push an older revision off", async () => {
    const instance = await newInstance();
    for (const size of [1, 2, 3])
      await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: size });
    const first = await viewer.policy.history({ instanceId: instance.id, scope: "CHAT", limit: 2 });
    expect(first.items.map((revision) => revision.version)).toEqual([3, 2]);
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 4 });
    const second = await viewer.policy.history({
      instanceId: instance.id,
      scope: "CHAT",
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second).toEqual({ items: [expect.objectContaining({ version: 1 })], nextCursor: null });
  });

  it("a page holds 1 to 100 revisions, and a bad cursor is BAD_REQUEST with a sentence saying so", async () => {
    const instance = await newInstance();
    for (const limit of [0, 101, 1.5]) {
      const error = await trpcErrorOf(viewer.policy.history({ instanceId: instance.id, limit }));
      expect(error.code).toBe("BAD_REQUEST");
    }
    for (const cursor of [
      "nonsense",
      Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", 1, "not-a-uuid"])).toString("base64url"),
      Buffer.from(JSON.stringify(["yesterday", 1, randomUUID()])).toString("base64url"),
      Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", "1", randomUUID()])).toString("base64url"),
      "x".repeat(513),
    ]) {
      const error = await trpcErrorOf(viewer.policy.history({ instanceId: instance.id, cursor }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain("That page of the policy history is no longer valid; start from the first page.");
    }
  });
});

describe("restore", () => {
  it("brings back the policy as it stood at that version, as a new RESTORE revision", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "EMAIL", allowedExtensions: ["pdf"] });
    await editor.policy.update({ instanceId: instance.id, scope: "EMAIL", allowedExtensions: ["pdf", "zip"] });
    await editor.policy.update({ instanceId: instance.id, scope: "EMAIL", maximumSizeLimitInBytes: 1000 });
    const { items: history } = await viewer.policy.history({ instanceId: instance.id, scope: "EMAIL" });
    const first = history.find((revision) => revision.version === 1);
    if (!first) throw new Error("no version 1");

    const restored = await editor.policy.restore({ revisionId: first.id, expectedVersion: 3 });
    expect(restored).toMatchObject({
      allowedExtensions: ["pdf"],
      maximumSizeLimitInBytes: DEFAULT_POLICY.maximumSizeLimitInBytes,
      isDefault: false,
      version: 4,
    });
    expect(await policyOf(instance.id, "EMAIL")).toMatchObject({
      allowedExtensions: ["pdf"],
      maximumSizeLimitInBytes: DEFAULT_POLICY.maximumSizeLimitInBytes,
      version: 4,
    });
    const {
      items: [restore],
    } = await viewer.policy.history({ instanceId: instance.id, scope: "EMAIL" });
    expect(restore).toMatchObject({
      id: restored.revisionId,
      kind: "RESTORE",
      version: 4,
      reason: "Restored version 1.",
      before: { allowedExtensions: ["pdf", "zip"], maximumSizeLimitInBytes: 1000 },
      after: { allowedExtensions: ["pdf"], maximumSizeLimitInBytes: DEFAULT_POLICY.maximumSizeLimitInBytes },
    });
    expect(await db.auditEvent.count({ where: { action: "policy.restore", targetId: `${instance.id}/EMAIL` } })).toBe(
      1,
    );
  });

  it("to what is already there says so with a null revisionId and writes nothing", async () => {
    const instance = await newInstance();
    const saved = await editor.policy.update({ instanceId: instance.id, scope: "CHAT", allowedExtensions: ["png"] });
    if (!saved.revisionId) throw new Error("the save wrote no revision");
    const before = await storedState(instance.id);
    const again = await editor.policy.restore({ revisionId: saved.revisionId, expectedVersion: 1, reason: "Again" });
    expect(again).toMatchObject({ revisionId: null, version: 1, allowedExtensions: ["png"] });
    expect(await storedState(instance.id)).toEqual(before);
  });

  it("of a reset brings back the default; of the first change, its own policy (not what it replaced)", async () => {
    const instance = await newInstance();
    const first = await editor.policy.update({ instanceId: instance.id, scope: "TASK", maximumSizeLimitInBytes: 1 });
    const reset = await editor.policy.reset({ instanceId: instance.id, scope: "TASK", expectedVersion: 1 });
    expect(reset).toMatchObject({ isDefault: true, version: 2, revisionId: expect.any(String) });
    await editor.policy.update({ instanceId: instance.id, scope: "TASK", maximumSizeLimitInBytes: 7 });

    if (!first.revisionId || !reset.revisionId) throw new Error("missing revisions");
    const toFirst = await editor.policy.restore({ revisionId: first.revisionId, expectedVersion: 3 });
    expect(toFirst).toMatchObject({ maximumSizeLimitInBytes: 1, isDefault: false, version: 4 });
    const toReset = await editor.policy.restore({ revisionId: reset.revisionId, expectedVersion: 4 });
    expect(toReset).toMatchObject({ ...DEFAULT_POLICY, isDefault: true, version: 5 });
    expect(await policyOf(instance.id, "TASK")).toMatchObject({ isDefault: true, version: 5 });
  });

  it("from a stale version is a CONFLICT; an unknown revision or another team's is NOT_FOUND; nothing is written", async () => {
    const instance = await newInstance();
    const saved = await editor.policy.update({ instanceId: instance.id, scope: "CASE", maximumSizeLimitInBytes: 9 });
    await editor.policy.update({ instanceId: instance.id, scope: "CASE", maximumSizeLimitInBytes: 10 });
    if (!saved.revisionId) throw new Error("no revision");
    const before = await storedState(instance.id);
    const stale = await trpcErrorOf(editor.policy.restore({ revisionId: saved.revisionId, expectedVersion: 1 }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("changed by someone else");

    const foreign = await foreignRevision();
    for (const revisionId of [randomUUID(), foreign]) {
      const error = await trpcErrorOf(editor.policy.restore({ revisionId, expectedVersion: 1 }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("That change is no longer in the history.");
    }
    expect(await storedState(instance.id)).toEqual(before);
    expect(await db.policyRevision.count({ where: { id: foreign } })).toBe(1);
  });
});

/** A revision of an instance that belongs to another team. */
async function foreignRevision() {
  const team = await db.team.create({ data: { slug: `other-${randomUUID()}`, name: "Other" }, select: { id: true } });
  const instanceId = randomUUID();
  await db.instance.create({
    data: {
      id: instanceId,
      alias: `other-${randomUUID().slice(0, 8)}`,
      arn: `arn:other:${instanceId}`,
      teamId: team.id,
    },
  });
  const policy = { ...DEFAULT_POLICY, isDefault: false };
  const revision = await db.policyRevision.create({
    data: {
      instanceId,
      scope: "CHAT",
      version: 1,
      kind: "UPDATE",
      before: { ...policy, isDefault: true },
      after: policy,
      actorKind: "USER",
      actorLabel: "someone@elsewhere.test",
    },
    select: { id: true },
  });
  return revision.id;
}

describe("undo", () => {
  it("takes back a save: the scope returns to what it was, as an UNDO revision", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 500 });
    const saved = await editor.policy.update({
      instanceId: instance.id,
      scope: "CHAT",
      allowedExtensions: ["png"],
      maximumSizeLimitInBytes: 600,
    });
    if (!saved.revisionId) throw new Error("no revision");
    const [undone] = await editor.policy.undo({ instanceId: instance.id, revisionIds: [saved.revisionId] });
    expect(undone).toMatchObject({
      scope: "CHAT",
      maximumSizeLimitInBytes: 500,
      allowedExtensions: [...DEFAULT_POLICY.allowedExtensions],
      version: 3,
      revisionId: expect.any(String),
    });
    const {
      items: [revision],
    } = await viewer.policy.history({ instanceId: instance.id, scope: "CHAT" });
    expect(revision).toMatchObject({
      id: undone?.revisionId,
      kind: "UNDO",
      version: 3,
      reason: "Undid version 2.",
      before: { maximumSizeLimitInBytes: 600, allowedExtensions: ["png"] },
      after: { maximumSizeLimitInBytes: 500 },
    });
    expect(await db.auditEvent.count({ where: { action: "policy.undo", targetId: `${instance.id}/CHAT` } })).toBe(1);
  });

  it("takes back a copy and an import across scopes at once, back to the default where that was the policy", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", allowedExtensions: ["png"] });
    await editor.policy.update({ instanceId: instance.id, scope: "TASK", maximumSizeLimitInBytes: 3 });
    const copied = await editor.policy.copy({
      instanceId: instance.id,
      from: "CHAT",
      to: ["EMAIL", "TASK"],
      expectedVersions: {},
    });
    expect(copied.map((change) => [change.scope, change.version, typeof change.revisionId])).toEqual([
      ["EMAIL", 1, "string"],
      ["TASK", 2, "string"],
    ]);
    const undone = await editor.policy.undo({
      instanceId: instance.id,
      revisionIds: copied.map((change) => change.revisionId ?? ""),
    });
    expect(undone.map((change) => [change.scope, change.version])).toEqual([
      ["EMAIL", 2],
      ["TASK", 3],
    ]);
    expect(await policyOf(instance.id, "EMAIL")).toMatchObject({ ...DEFAULT_POLICY, isDefault: true });
    expect(await policyOf(instance.id, "TASK")).toMatchObject({ maximumSizeLimitInBytes: 3, isDefault: false });

    const imported = await editor.policy.import({
      instanceId: instance.id,
      file: {
        format: "attache.attachment-policies/v1",
        policies: {
          EMAIL: { maximumSizeLimitInBytes: 11, allowedExtensions: [], isDefault: false },
          CASE: { maximumSizeLimitInBytes: 12, allowedExtensions: [], isDefault: false },
        },
      },
      expectedVersions: {},
    });
    await editor.policy.undo({
      instanceId: instance.id,
      revisionIds: imported.map((change) => change.revisionId ?? ""),
    });
    expect(await policyOf(instance.id, "EMAIL")).toMatchObject({ isDefault: true, version: 4 });
    expect(await policyOf(instance.id, "CASE")).toMatchObject({ isDefault: true, version: 2 });
  });

  it("refuses when a scope has changed since, with a message saying so, and undoes none of them", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 42 });
    const copied = await editor.policy.copy({
      instanceId: instance.id,
      from: "CHAT",
      to: ["EMAIL", "TASK"],
      expectedVersions: {},
    });
    await editor.policy.update({ instanceId: instance.id, scope: "TASK", maximumSizeLimitInBytes: 43 });
    const before = await storedState(instance.id);
    const error = await trpcErrorOf(
      editor.policy.undo({ instanceId: instance.id, revisionIds: copied.map((change) => change.revisionId ?? "") }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(
      "The Tasks policy has changed since, so this can no longer be undone. Use its history to restore an earlier version.",
    );
    expect(await storedState(instance.id)).toEqual(before);
    expect(await policyOf(instance.id, "EMAIL")).toMatchObject({ maximumSizeLimitInBytes: 42 });
  });

  it("refuses unknown ids, another instance's or team's, repeats, two of one scope and more than 4, writing nothing", async () => {
    const instance = await newInstance();
    const other = await newInstance();
    const first = await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 1 });
    const second = await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 2 });
    const elsewhere = await editor.policy.update({ instanceId: other.id, scope: "CHAT", maximumSizeLimitInBytes: 3 });
    const [a, b, c] = [first.revisionId ?? "", second.revisionId ?? "", elsewhere.revisionId ?? ""];
    const before = await storedState(instance.id);
    const cases: Array<[string[], string, string]> = [
      [[randomUUID()], "NOT_FOUND", "That change is no longer in the history."],
      [[c], "NOT_FOUND", "That change is no longer in the history."],
      [[await foreignRevision()], "NOT_FOUND", "That change is no longer in the history."],
      [[b, b], "BAD_REQUEST", "Name each change once."],
      [[b, b.toUpperCase()], "BAD_REQUEST", "Name each change once."],
      [[a, b], "BAD_REQUEST", "Undo one change per scope at a time."],
      [[], "BAD_REQUEST", "Choose a change to undo."],
      [Array.from({ length: 5 }, () => randomUUID()), "BAD_REQUEST", "At most 4 changes can be undone at once."],
      [["not-a-uuid"], "BAD_REQUEST", "That is not a change in the history."],
    ];
    for (const [revisionIds, code, message] of cases) {
      const error = await trpcErrorOf(editor.policy.undo({ instanceId: instance.id, revisionIds }));
      expect(error.code, message).toBe(code);
      expect(error.message).toContain(message);
    }
    expect(await storedState(instance.id)).toEqual(before);
  });
});

describe("reset", () => {
  it("returns to the default while the version keeps counting", async () => {
    const instance = await newInstance();
    await editor.policy.update({
      instanceId: instance.id,
      scope: "CASE",
      maximumSizeLimitInBytes: 1,
      allowedExtensions: [],
    });
    const reset = await editor.policy.reset({ instanceId: instance.id, scope: "CASE", expectedVersion: 1 });
    expect(reset).toMatchObject({ ...DEFAULT_POLICY, isDefault: true, version: 2 });
    expect(await policyOf(instance.id, "CASE")).toMatchObject({ ...DEFAULT_POLICY, isDefault: true, version: 2 });
    const {
      items: [revision],
    } = await viewer.policy.history({ instanceId: instance.id, scope: "CASE" });
    expect(revision).toMatchObject({ kind: "RESET", version: 2, after: { isDefault: true } });

    const next = await editor.policy.update({ instanceId: instance.id, scope: "CASE", maximumSizeLimitInBytes: 7 });
    expect(next).toMatchObject({ version: 3, isDefault: false, maximumSizeLimitInBytes: 7 });
  });
  it("of a scope that was never configured changes nothing and records nothing", async () => {
    const instance = await newInstance();
    const reset = await editor.policy.reset({ instanceId: instance.id, scope: "EMAIL", expectedVersion: 0 });
    expect(reset).toMatchObject({ ...DEFAULT_POLICY, isDefault: true, version: 0, revisionId: null });
    expect(await storedState(instance.id)).toEqual({ configurations: [], revisions: 0, audits: 0 });
  });
});

describe("copy", () => {
  it("copies one scope's policy onto several others", async () => {
    const instance = await newInstance();
    await editor.policy.update({
      instanceId: instance.id,
      scope: "CHAT",
      maximumSizeLimitInBytes: 4096,
      allowedExtensions: ["png"],
    });
    await editor.policy.update({ instanceId: instance.id, scope: "TASK", maximumSizeLimitInBytes: 1 });

    const copied = await editor.policy.copy({
      instanceId: instance.id,
      from: "CHAT",
      to: ["EMAIL", "TASK"],
      expectedVersions: { CHAT: 1, EMAIL: 0, TASK: 1 },
    });
    expect(copied.map((policy) => [policy.scope, policy.version])).toEqual([
      ["EMAIL", 1],
      ["TASK", 2],
    ]);
    for (const scope of ["EMAIL", "TASK"] as const) {
      expect(await policyOf(instance.id, scope)).toMatchObject({
        maximumSizeLimitInBytes: 4096,
        allowedExtensions: ["png"],
        isDefault: false,
      });
    }
    const {
      items: [revision],
    } = await viewer.policy.history({ instanceId: instance.id, scope: "EMAIL" });
    expect(revision).toMatchObject({ kind: "COPY", reason: "Copied from CHAT." });
    expect(await db.auditEvent.count({ where: { action: "policy.copy", targetId: { startsWith: instance.id } } })).toBe(
      2,
    );
  });

  it("is all or nothing: one stale target version is a CONFLICT and no target changes", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 4096 });
    await editor.policy.update({ instanceId: instance.id, scope: "CASE", maximumSizeLimitInBytes: 8192 });
    const before = await storedState(instance.id);

    const error = await trpcErrorOf(
      editor.policy.copy({
        instanceId: instance.id,
        from: "CHAT",
        // EMAIL would be written first; CASE is stale (it is at version 1).
        to: ["EMAIL", "CASE"],
        expectedVersions: { CHAT: 1, EMAIL: 0, CASE: 0 },
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("CASE");
    expect(await storedState(instance.id)).toEqual(before);
    expect(await policyOf(instance.id, "EMAIL")).toMatchObject({ isDefault: true, version: 0 });
  });

  it("refuses a stale source version, and copying a scope onto itself", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 4096 });
    const before = await storedState(instance.id);
    const stale = await trpcErrorOf(
      editor.policy.copy({ instanceId: instance.id, from: "CHAT", to: ["EMAIL"], expectedVersions: { CHAT: 0 } }),
    );
    expect(stale.code).toBe("CONFLICT");
    const onto = await trpcErrorOf(
      editor.policy.copy({ instanceId: instance.id, from: "CHAT", to: ["CHAT"], expectedVersions: {} }),
    );
    expect(onto.code).toBe("BAD_REQUEST");
    expect(await storedState(instance.id)).toEqual(before);
  });
});

describe("export and import", () => {
  it("round-trips: another instance imports an export and ends with the same policies", async () => {
    const source = await newInstance();
    await editor.policy.update({
      instanceId: source.id,
      scope: "EMAIL",
      maximumSizeLimitInBytes: 1234,
      allowedExtensions: ["eml", "pdf"],
    });
    await editor.policy.update({ instanceId: source.id, scope: "CHAT", allowedExtensions: ["png"] });
    const file = await viewer.policy.export({ instanceId: source.id });
    expect(file).toMatchObject({
      format: "attache.attachment-policies/v1",
      instance: { id: source.id, alias: source.alias },
    });

    const target = await newInstance();
    await editor.policy.update({ instanceId: target.id, scope: "TASK", maximumSizeLimitInBytes: 1 });
    const written = await editor.policy.import({
      instanceId: target.id,
      file: JSON.parse(JSON.stringify(file)),
      expectedVersions: { EMAIL: 0, CHAT: 0, CASE: 0, TASK: 1 },
    });
    expect(written).toHaveLength(4);

    const strip = (policies: Awaited<ReturnType<typeof viewer.policy.forInstance>>["policies"]) =>
      policies.map(({ scope, maximumSizeLimitInBytes, allowedExtensions, isDefault }) => ({
        scope,
        maximumSizeLimitInBytes,
        allowedExtensions,
        isDefault,
      }));
    expect(strip((await viewer.policy.forInstance({ instanceId: target.id })).policies)).toEqual(
      strip((await viewer.policy.forInstance({ instanceId: source.id })).policies),
    );
    const {
      items: [revision],
    } = await viewer.policy.history({ instanceId: target.id, scope: "EMAIL" });
    expect(revision).toMatchObject({ kind: "IMPORT", reason: `Imported from ${source.alias}.` });
  });

  it("applies every scope in one transaction: a stale version on one scope changes nothing", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "TASK", maximumSizeLimitInBytes: 1 });
    const before = await storedState(instance.id);
    const policy = { maximumSizeLimitInBytes: 999, allowedExtensions: ["csv"], isDefault: false };
    const error = await trpcErrorOf(
      editor.policy.import({
        instanceId: instance.id,
        file: { format: "attache.attachment-policies/v1", policies: { EMAIL: policy, CHAT: policy, TASK: policy } },
        expectedVersions: { EMAIL: 0, CHAT: 0, TASK: 0 },
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(await storedState(instance.id)).toEqual(before);
  });

  it("refuses a file that is not an export, or has an invalid policy, writing nothing", async () => {
    const instance = await newInstance();
    const policy = { maximumSizeLimitInBytes: 999, allowedExtensions: ["csv", "CSV"], isDefault: false };
    for (const file of [
      { format: "something/else", policies: { EMAIL: { ...policy, allowedExtensions: ["csv"] } } },
      { format: "attache.attachment-policies/v1", policies: {} },
      { format: "attache.attachment-policies/v1", policies: { EMAIL: policy } },
    ]) {
      const error = await trpcErrorOf(
        // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid files
        editor.policy.import({ instanceId: instance.id, file: file as any, expectedVersions: {} }),
      );
      expect(error.code).toBe("BAD_REQUEST");
    }
    expect(await storedState(instance.id)).toEqual({ configurations: [], revisions: 0, audits: 0 });
  });
});

describe("hostile input", () => {
  const CONTROL = "A reason cannot contain control characters such as NUL or line breaks.";
  const exportFile = (instance: { id: string; alias: string }, extra: Record<string, unknown> = {}) => ({
    format: "attache.attachment-policies/v1" as const,
    instance,
    policies: { EMAIL: { maximumSizeLimitInBytes: 999, allowedExtensions: ["csv"], isDefault: false } },
    ...extra,
  });

  it("a reason with NUL, a line break or a bidi override is BAD_REQUEST with a clear message, on every change", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 100 });
    const before = await storedState(instance.id);
    for (const reason of ["because\u0000", "two\nlines", "evil\u202Etxt.exe", "x".repeat(501)]) {
      const attempts = [
        () => editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 5, reason }),
        () => editor.policy.reset({ instanceId: instance.id, scope: "CHAT", expectedVersion: 1, reason }),
        () =>
          editor.policy.copy({ instanceId: instance.id, from: "CHAT", to: ["EMAIL"], expectedVersions: {}, reason }),
        () =>
          editor.policy.import({
            instanceId: instance.id,
            file: exportFile({ id: instance.id, alias: "elsewhere" }),
            expectedVersions: {},
            reason,
          }),
      ];
      for (const attempt of attempts) {
        const error = await trpcErrorOf(attempt());
        expect(error.code).toBe("BAD_REQUEST");
        expect(error.message).toContain(reason.length > 500 ? "A reason has at most 500 characters." : CONTROL);
      }
    }
    expect(await storedState(instance.id)).toEqual(before);
    // Emoji and other ordinary Unicode are welcome, and a trailing line break is trimmed away.
    const saved = await editor.policy.update({
      instanceId: instance.id,
      scope: "CHAT",
      maximumSizeLimitInBytes: 5,
      reason: "Smaller chats 👩‍💻 — ça va\n",
    });
    expect(saved.version).toBe(2);
    const {
      items: [revision],
    } = await viewer.policy.history({ instanceId: instance.id, scope: "CHAT" });
    expect(revision?.reason).toBe("Smaller chats 👩‍💻 — ça va");
  });

  it("an import file's alias, id and export time are bounded, so a 2 MiB alias never becomes a stored reason", async () => {
    const instance = await newInstance();
    const cases: Array<[{ id: string; alias: string }, Record<string, unknown>, string]> = [
      [{ id: "x", alias: "a".repeat(2 * 1024 * 1024) }, {}, "The instance alias has at most 100 characters."],
      [{ id: "x", alias: "nul\u0000alias" }, {}, "The instance alias cannot contain control characters"],
      [{ id: "i".repeat(101), alias: "fine" }, {}, "The instance id has at most 100 characters."],
      [{ id: "x", alias: "fine" }, { exportedAt: "t".repeat(65) }, "The export time has at most 64 characters."],
      [{ id: "x", alias: "fine" }, { exportedAt: "2030\u0000" }, "The export time cannot contain control characters"],
    ];
    for (const [fileInstance, extra, message] of cases) {
      const error = await trpcErrorOf(
        editor.policy.import({
          instanceId: instance.id,
          // biome-ignore lint/suspicious/noExplicitAny: deliberately hostile files
          file: exportFile(fileInstance, extra) as any,
          expectedVersions: {},
        }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain(message);
    }
    expect(await storedState(instance.id)).toEqual({ configurations: [], revisions: 0, audits: 0 });

    const alias = `${"ü".repeat(99)}😀`;
    await editor.policy.import({ instanceId: instance.id, file: exportFile({ id: "x", alias }), expectedVersions: {} });
    const {
      items: [revision],
    } = await viewer.policy.history({ instanceId: instance.id, scope: "EMAIL" });
    expect(revision?.reason).toBe(`Imported from ${alias}.`);
  });

  it("copy goes to at most 3 distinct scopes; a repeated or unknown scope is refused and nothing is written", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 100 });
    const before = await storedState(instance.id);
    const copy = (to: string[], expectedVersions: Record<string, number> = {}) =>
      trpcErrorOf(
        editor.policy.copy({
          instanceId: instance.id,
          from: "CHAT",
          to: to as TAttachmentScope[],
          expectedVersions: expectedVersions as Partial<Record<TAttachmentScope, number>>,
        }),
      );
    const many = await copy(Array.from({ length: 2000 }, () => "EMAIL"));
    expect(many.code).toBe("BAD_REQUEST");
    expect(many.message).toContain("Copy to at most 3 scopes.");
    const repeated = await copy(["EMAIL", "EMAIL"]);
    expect(repeated.code).toBe("BAD_REQUEST");
    expect(repeated.message).toContain("Choose each scope to copy to once.");
    const unknownKey = await copy(["EMAIL"], { FAX: 0 });
    expect(unknownKey.code).toBe("BAD_REQUEST");
    expect(unknownKey.message).toContain("“FAX” is not a scope: use EMAIL, CHAT, CASE or TASK.");
    expect(await storedState(instance.id)).toEqual(before);

    const copied = await editor.policy.copy({
      instanceId: instance.id,
      from: "CHAT",
      to: ["EMAIL", "CASE", "TASK"],
      expectedVersions: {},
    });
    expect(copied.map((policy) => policy.scope)).toEqual(["EMAIL", "CASE", "TASK"]);
  });

  it("an import with an unknown scope, in the file or in the versions, is refused naming it", async () => {
    const instance = await newInstance();
    for (const input of [
      { file: exportFile({ id: "x", alias: "y" }, { policies: { FAX: { ...DEFAULT_POLICY, isDefault: false } } }) },
      { file: exportFile({ id: "x", alias: "y" }), expectedVersions: { FAX: 1 } },
    ]) {
      const error = await trpcErrorOf(
        // biome-ignore lint/suspicious/noExplicitAny: deliberately hostile input
        editor.policy.import({ instanceId: instance.id, expectedVersions: {}, ...input } as any),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain("“FAX” is not a scope");
    }
    expect(await storedState(instance.id)).toEqual({ configurations: [], revisions: 0, audits: 0 });
  });
});

describe("a viewer", () => {
  it("reads policies, history and exports, and every change is FORBIDDEN and writes nothing", async () => {
    const instance = await newInstance();
    await editor.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 100 });
    const {
      items: [revision],
    } = await viewer.policy.history({ instanceId: instance.id });
    if (!revision) throw new Error("no history");
    expect((await viewer.policy.forInstance({ instanceId: instance.id })).policies).toHaveLength(4);
    expect((await viewer.policy.export({ instanceId: instance.id })).policies.CHAT?.maximumSizeLimitInBytes).toBe(100);

    const before = await storedState(instance.id);
    const attempts = [
      () => viewer.policy.update({ instanceId: instance.id, scope: "CHAT", maximumSizeLimitInBytes: 5 }),
      () => viewer.policy.reset({ instanceId: instance.id, scope: "CHAT", expectedVersion: 1 }),
      () => viewer.policy.restore({ revisionId: revision.id, expectedVersion: 1 }),
      () => viewer.policy.undo({ instanceId: instance.id, revisionIds: [revision.id] }),
      () => viewer.policy.copy({ instanceId: instance.id, from: "CHAT", to: ["EMAIL"], expectedVersions: {} }),
      () =>
        viewer.policy.import({
          instanceId: instance.id,
          file: {
            format: "attache.attachment-policies/v1",
            policies: { EMAIL: { ...DEFAULT_POLICY, isDefault: false } },
          },
          expectedVersions: {},
        }),
    ];
    for (const attempt of attempts) {
      const error = await trpcErrorOf(attempt());
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toMatch(/editor role/);
    }
    expect(await storedState(instance.id)).toEqual(before);
  });

  it("is UNAUTHORIZED without a session", async () => {
    const instance = await newInstance();
    const anonymous = callerFor(db, null);
    expect((await trpcErrorOf(anonymous.policy.forInstance({ instanceId: instance.id }))).code).toBe("UNAUTHORIZED");
  });
});
