import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { AUDIT_MAX_PAGE_SIZE, BAD_CURSOR_MESSAGE, DATE_ORDER_MESSAGE } from "@/server/audit-log-schemas";
import { createDb, type TDb } from "@/server/db";
import { getDefaultTeam } from "@/server/team/team";
import { createSession, createTestDatabase } from "@/test/db";
import { callerFor, type TCaller, trpcErrorOf } from "@/test/trpc";

/** What the console is told: for invalid input, the schemas' own sentences (see trpc.ts's errorFormatter). */
async function refusal(promise: Promise<unknown>) {
  const error = await trpcErrorOf(promise);
  const message =
    error.cause instanceof ZodError ? error.cause.issues.map((issue) => issue.message).join(" ") : error.message;
  return { code: error.code, message };
}

let db: TDb;
let url: string;
let drop: () => Promise<void>;
let admin: TCaller;
let teamId: string;
let otherTeamId: string;

/** Events in a year of their own, so the filters below see only what each test wrote. */
const YEAR = 2031;
const at = (month: number, day: number, ms = 0) => new Date(Date.UTC(YEAR, month - 1, day, 12, 0, 0, ms));
const inYear = { from: new Date(Date.UTC(YEAR, 0, 1)), to: new Date(Date.UTC(YEAR + 1, 0, 1)) };

type TSeed = Partial<Prisma.AuditEventCreateManyInput> & { action: string; createdAt: Date };

function seed(events: TSeed[], team = teamId) {
  return db.auditEvent.createMany({
    data: events.map((event) => ({
      id: randomUUID(),
      teamId: team,
      targetType: "Instance",
      targetId: randomUUID(),
      actorKind: "USER" as const,
      actorLabel: "ada@attache.test",
      ...event,
    })),
  });
}

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase());
  admin = callerFor(db, await createSession(db, "admin"));
  teamId = (await getDefaultTeam(db)).id;
  otherTeamId = (await db.team.create({ data: { slug: `other-${randomUUID().slice(0, 8)}`, name: "Other" } })).id;

  await seed([
    {
      action: "policy.update",
      createdAt: at(3, 1),
      actorLabel: "Ada@Attache.test",
      targetType: "AttachedFilesConfiguration",
      targetId: "inst-1/CHAT",
      before: { allowedExtensions: ["pdf"] },
      after: { allowedExtensions: ["pdf", "png"] },
      reason: "Agents asked for screenshots",
    },
    { action: "instance.create", createdAt: at(3, 2), actorLabel: "grace@attache.test", targetId: "inst-2" },
    {
      action: "workspace.update",
      createdAt: at(3, 3),
      actorKind: "API_KEY",
      actorApiKeyId: randomUUID(),
      actorLabel: "API key ATCHABCDEFGHIJKLMNOP (nightly_sync 100%)",
      targetType: "Workspace",
      targetId: "ws-1",
    },
    { action: "workspace.media.import", createdAt: at(3, 4), targetType: "Workspace", targetId: "ws-1" },
    { action: "file.delete", createdAt: at(3, 5), targetType: "file", targetId: "file-1" },
    { action: "apiKey.revoke", createdAt: at(3, 6), targetType: "ApiKey", targetId: "key-1" },
    {
      action: "session.signInRefused",
      createdAt: at(3, 7),
      actorKind: "ANONYMOUS",
      actorLabel: "olga@outside.test",
      targetType: "Identity",
      targetId: "sub-olga",
    },
    {
      action: "team.role.change",
      createdAt: at(3, 8),
      actorKind: "SYSTEM",
      actorLabel: "Identity provider groups",
      targetType: "Member",
      targetId: "user-1",
    },
  ]);
  // The same kinds of events in another team, at the same times: never shown here.
  await seed(
    [
      { action: "policy.update", createdAt: at(3, 1), actorLabel: "ada@attache.test", targetId: "inst-1/CHAT" },
      { action: "instance.create", createdAt: at(3, 2), targetId: "inst-2" },
    ],
    otherTeamId,
  );
});
afterAll(() => drop());

const list = (filter: Record<string, unknown>, extra: { cursor?: string; limit?: number } = {}) =>
  admin.audit.list({ filter: { ...inYear, ...filter }, ...extra });
const actions = async (filter: Record<string, unknown>) => (await list(filter)).events.map((event) => event.action);

describe("the audit log's list", () => {
  it("shows the team's events newest first, with the actor, target, before/after, reason and area", async () => {
    const page = await list({});
    expect(page.events.map((event) => event.action)).toEqual([
      "team.role.change",
      "session.signInRefused",
      "apiKey.revoke",
      "file.delete",
      "workspace.media.import",
      "workspace.update",
      "instance.create",
      "policy.update",
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.events.at(-1)).toMatchObject({
      action: "policy.update",
      area: "policy",
      actorKind: "USER",
      actorLabel: "Ada@Attache.test",
      targetType: "AttachedFilesConfiguration",
      targetId: "inst-1/CHAT",
      before: { allowedExtensions: ["pdf"] },
      after: { allowedExtensions: ["pdf", "png"] },
      reason: "Agents asked for screenshots",
      createdAt: at(3, 1),
    });
    expect(page.events[0]).toMatchObject({ actorKind: "SYSTEM", area: "team", before: null, after: null });
  });

  it("filters by actor: part of the name, ignoring case, with LIKE's wildcards taken literally", async () => {
    expect(await actions({ actor: "ADA@" })).toEqual([
      "apiKey.revoke",
      "file.delete",
      "workspace.media.import",
      "policy.update",
    ]);
    expect(await actions({ actor: "nightly_sync 100%" })).toEqual(["workspace.update"]);
    expect(await actions({ actor: "_" })).toEqual(["workspace.update"]);
    expect(await actions({ actor: "%" })).toEqual(["workspace.update"]);
    expect(await actions({ actor: "   " })).toHaveLength(8);
  });

  it("filters by area, keeping workspace images apart from workspaces", async () => {
    expect(await actions({ area: "policy" })).toEqual(["policy.update"]);
    expect(await actions({ area: "workspace" })).toEqual(["workspace.update"]);
    expect(await actions({ area: "media" })).toEqual(["workspace.media.import"]);
    expect(await actions({ area: "file" })).toEqual(["file.delete"]);
    expect(await actions({ area: "apiKey" })).toEqual(["apiKey.revoke"]);
    expect(await actions({ area: "session" })).toEqual(["session.signInRefused"]);
    expect(await actions({ area: "team" })).toEqual(["team.role.change"]);
    expect(await actions({ area: "instance" })).toEqual(["instance.create"]);
  });

  it("filters by target: its type and id exactly, or part of its id", async () => {
    expect(await actions({ targetType: "workspace" })).toEqual(["workspace.media.import", "workspace.update"]);
    expect(await actions({ targetType: "Workspace", targetId: "ws-1" })).toEqual([
      "workspace.media.import",
      "workspace.update",
    ]);
    expect(await actions({ targetId: "ws" })).toEqual([]);
    expect(await actions({ target: "INST-" })).toEqual(["instance.create", "policy.update"]);
    expect(await actions({ target: "/chat" })).toEqual(["policy.update"]);
  });

  it("filters by time: from inclusive, to exclusive", async () => {
    expect(await actions({ from: at(3, 7), to: undefined })).toEqual(["team.role.change", "session.signInRefused"]);
    expect(await actions({ from: at(3, 2), to: at(3, 4) })).toEqual(["workspace.update", "instance.create"]);
    expect(await actions({ from: at(3, 2), to: at(3, 2) })).toEqual([]);
  });

  it("combines filters", async () => {
    expect(await actions({ actor: "ada", area: "media" })).toEqual(["workspace.media.import"]);
    expect(await actions({ actor: "ada", area: "workspace" })).toEqual([]);
    expect(await actions({ actor: "attache.test", target: "-", from: at(3, 2), to: at(3, 6) })).toEqual([
      "file.delete",
      "workspace.media.import",
      "instance.create",
    ]);
  });

  it("never shows another team's events, whatever the filters", async () => {
    const all = await list({});
    const otherIds = (await db.auditEvent.findMany({ where: { teamId: otherTeamId }, select: { id: true } })).map(
      (event) => event.id,
    );
    expect(otherIds).toHaveLength(2);
    expect(all.events.map((event) => event.id)).not.toEqual(expect.arrayContaining([otherIds[0]]));
    expect(all.events.map((event) => event.id)).not.toEqual(expect.arrayContaining([otherIds[1]]));
    expect(await actions({ area: "policy", target: "inst-1/CHAT" })).toEqual(["policy.update"]);
  });
});

describe("paging", () => {
  it("returns every event exactly once, newest first, across pages, with many events on the same millisecond", async () => {
    const from = at(6, 1);
    const to = at(6, 2);
    const shared = at(6, 1, 500);
    // 17 on one millisecond, and a few around them.
    const events = [
      ...Array.from({ length: 17 }, () => ({ action: "policy.update", createdAt: shared })),
      { action: "policy.reset", createdAt: at(6, 1, 499) },
      { action: "policy.reset", createdAt: at(6, 1, 501) },
      { action: "policy.reset", createdAt: at(6, 1, 0) },
    ];
    await seed(events);
    const expected = await db.auditEvent.findMany({
      where: { teamId, createdAt: { gte: from, lt: to } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(expected).toHaveLength(20);

    for (const limit of [1, 3, 7, 20, 50]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await admin.audit.list({ filter: { from, to }, cursor, limit });
        expect(page.events.length).toBeLessThanOrEqual(limit);
        seen.push(...page.events.map((event) => event.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 100);
      expect(seen, `page size ${limit}`).toEqual(expected.map((event) => event.id));
      expect(pages).toBe(Math.max(1, Math.ceil(20 / limit)));
    }
  });

  it("takes 50 by default and at most 100", async () => {
    const createdAt = at(7, 1);
    await seed(
      Array.from({ length: 120 }, (_, index) => ({ action: "file.delete", createdAt, targetId: `f${index}` })),
    );
    const window = { from: at(7, 1), to: at(7, 2) };
    const first = await admin.audit.list({ filter: window });
    expect(first.events).toHaveLength(50);
    expect((await admin.audit.list({ filter: window, limit: 100 })).events).toHaveLength(100);
    expect(await refusal(admin.audit.list({ filter: window, limit: AUDIT_MAX_PAGE_SIZE + 1 }))).toEqual({
      code: "BAD_REQUEST",
      message: "The page size must be at most 100.",
    });
  });

  it("refuses a cursor it did not issue, or a backwards time range, with BAD_REQUEST and a clear message", async () => {
    const forged = [
      "not-a-cursor",
      Buffer.from("[1,2]").toString("base64url"),
      Buffer.from(JSON.stringify(["2031-01-01T00:00:00.000Z", "x' OR 1=1 --"])).toString("base64url"),
      Buffer.from(JSON.stringify(["yesterday", randomUUID()])).toString("base64url"),
      "x".repeat(600),
    ];
    for (const cursor of forged) {
      expect(await refusal(admin.audit.list({ filter: {}, cursor })), cursor).toEqual({
        code: "BAD_REQUEST",
        message: BAD_CURSOR_MESSAGE,
      });
    }
    expect(await refusal(admin.audit.list({ filter: { from: at(3, 2), to: at(3, 1) } }))).toEqual({
      code: "BAD_REQUEST",
      message: DATE_ORDER_MESSAGE,
    });
    expect(await refusal(admin.audit.list({ filter: { area: "billing" as "policy" } }))).toEqual({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Choose an area: policy, instance, /),
    });
    expect(await refusal(admin.audit.list({ filter: { actor: "a".repeat(201) } }))).toEqual({
      code: "BAD_REQUEST",
      message: "The actor filter has at most 200 characters.",
    });
  });
});

describe("who may read the audit log", () => {
  it("admins and owners; editors and viewers are FORBIDDEN, the signed out UNAUTHORIZED", async () => {
    const owner = callerFor(db, await createSession(db, "owner"));
    expect((await owner.audit.list({ filter: inYear })).events.length).toBeGreaterThan(0);
    for (const role of ["editor", "viewer"] as const) {
      const caller = callerFor(db, await createSession(db, role));
      const error = await trpcErrorOf(caller.audit.list({ filter: {} }));
      expect(error.code, role).toBe("FORBIDDEN");
      expect(error.message).toBe(`This needs the admin role or higher; you are ${role}.`);
    }
    const outsider = callerFor(db, await createSession(db, null));
    expect((await trpcErrorOf(outsider.audit.list({ filter: {} }))).code).toBe("FORBIDDEN");
    expect((await trpcErrorOf(callerFor(db, null).audit.list({ filter: {} }))).code).toBe("UNAUTHORIZED");
  });

  it("a demoted admin loses it on the next call", async () => {
    const session = await createSession(db, "admin");
    const caller = callerFor(db, session);
    await caller.audit.list({ filter: inYear });
    await db.membership.updateMany({ where: { userId: session.user.id }, data: { role: "editor" } });
    expect((await trpcErrorOf(caller.audit.list({ filter: inYear }))).code).toBe("FORBIDDEN");
  });
});

describe("the query plan", () => {
  it("walks the (teamId, createdAt) index newest first, bounded by the cursor, without sorting the team's events", async () => {
    const statements: string[] = [];
    const watched = createDb(url, { onStatement: (sql) => statements.push(sql) });
    try {
      const caller = callerFor(watched, await createSession(watched, "admin"));
      const first = await caller.audit.list({ filter: { actor: "ada" }, limit: 2 });
      statements.length = 0;
      await caller.audit.list({
        filter: { actor: "ada", area: "workspace" },
        limit: 2,
        cursor: first.nextCursor ?? "",
      });
      const select = statements.find((sql) => /FROM "public"\."AuditEvent"/.test(sql));
      expect(select).toBeDefined();
      const client = await db.pool.connect();
      try {
        await client.query("BEGIN");
        // On a table this small a sequential scan is cheaper; the question is whether the index can serve.
        await client.query("SET LOCAL enable_seqscan = off");
        await client.query("SET LOCAL enable_bitmapscan = off");
        const { rows } = await client.query(`EXPLAIN (GENERIC_PLAN) ${select}`);
        const plan = rows.map((row: { "QUERY PLAN": string }) => row["QUERY PLAN"]).join("\n");
        expect(plan).toMatch(/Index Scan Backward using "AuditEvent_teamId_createdAt_idx"/);
        expect(plan).toMatch(/Index Cond: .*"teamId" = .*"createdAt" <= /s);
        // Only ties on one millisecond are sorted by id, as they come (no full Sort of the team's events).
        expect(plan).not.toMatch(/(^|->)\s*Sort\s+\(/m);
        expect(plan).toMatch(/Incremental Sort.*\n.*\n\s*Presorted Key: "createdAt"/);
        await client.query("ROLLBACK");
      } finally {
        client.release();
      }
    } finally {
      await watched.$disconnect();
    }
  });
});
