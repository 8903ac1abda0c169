import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/server/db";
import { createSession, createTestDatabase } from "@/test/db";
import { callerFor, trpcErrorOf } from "@/test/trpc";

let db: TDb;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
});
afterAll(() => drop());

describe("instance procedures", () => {
  it("refuse anonymous callers with UNAUTHORIZED", async () => {
    const anonymous = callerFor(db, null);
    expect((await trpcErrorOf(anonymous.instance.list())).code).toBe("UNAUTHORIZED");
    expect((await trpcErrorOf(anonymous.instance.create({ alias: "anon" }))).code).toBe("UNAUTHORIZED");
  });

  it("let an editor create an instance with a Connect-style ARN, which everyone on the team then lists", async () => {
    const editor = callerFor(db, await createSession(db, "editor"));
    const created = await editor.instance.create({ alias: "support-emea" });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.arn).toBe(`arn:aws:connect:us-east-1:000000000000:instance/${created.id}`);

    const viewer = callerFor(db, await createSession(db, "viewer"));
    const listed = await viewer.instance.list();
    expect(listed.map((instance) => instance.alias)).toContain("support-emea");
  });

  it("refuse a viewer's create with FORBIDDEN and write nothing", async () => {
    const viewer = callerFor(db, await createSession(db, "viewer"));
    const before = await db.instance.count();
    const error = await trpcErrorOf(viewer.instance.create({ alias: "viewer-made" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/editor role/);
    expect(await db.instance.count()).toBe(before);
  });

  it("refuse a signed-in user who is on no team with FORBIDDEN", async () => {
    const outsider = callerFor(db, await createSession(db, null));
    expect((await trpcErrorOf(outsider.instance.list())).code).toBe("FORBIDDEN");
  });

  it("re-read the role from the database on every call, so a demotion applies at once", async () => {
    const session = await createSession(db, "editor");
    const caller = callerFor(db, session);
    await caller.instance.create({ alias: "before-demotion" });
    await db.membership.updateMany({ where: { userId: session.user.id }, data: { role: "viewer" } });
    expect((await trpcErrorOf(caller.instance.create({ alias: "after-demotion" }))).code).toBe("FORBIDDEN");
  });

  it("reject an invalid alias with BAD_REQUEST and a field message, writing nothing", async () => {
    const editor = callerFor(db, await createSession(db, "editor"));
    const before = await db.instance.count();
    for (const alias of ["", "has space", "d-reserved", "-lead", "x".repeat(46)]) {
      const error = await trpcErrorOf(editor.instance.create({ alias }));
      expect(error.code).toBe("BAD_REQUEST");
    }
    expect(await db.instance.count()).toBe(before);
  });

  it("reject a duplicate alias, whatever its case, with CONFLICT", async () => {
    const editor = callerFor(db, await createSession(db, "editor"));
    await editor.instance.create({ alias: "Dup-Check" });
    const error = await trpcErrorOf(editor.instance.create({ alias: "dup-check" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("already exists");
  });

  it("rename an instance, keeping its id and ARN, and refuse renames onto another alias", async () => {
    const editor = callerFor(db, await createSession(db, "editor"));
    const original = await editor.instance.create({ alias: "rename-me" });
    await editor.instance.create({ alias: "taken-name" });

    const renamed = await editor.instance.rename({ id: original.id, alias: "renamed" });
    expect(renamed).toMatchObject({ id: original.id, arn: original.arn, alias: "renamed" });
    expect((await trpcErrorOf(editor.instance.rename({ id: original.id, alias: "TAKEN-NAME" }))).code).toBe("CONFLICT");
    // Renaming to its own alias in another case is not a clash with itself.
    expect((await editor.instance.rename({ id: original.id, alias: "Renamed" })).alias).toBe("Renamed");
  });

  it("refuse a viewer's rename and report a missing instance as NOT_FOUND", async () => {
    const editor = callerFor(db, await createSession(db, "editor"));
    const target = await editor.instance.create({ alias: "guarded" });
    const viewer = callerFor(db, await createSession(db, "viewer"));
    expect((await trpcErrorOf(viewer.instance.rename({ id: target.id, alias: "hijacked" }))).code).toBe("FORBIDDEN");
    expect((await db.instance.findUniqueOrThrow({ where: { id: target.id } })).alias).toBe("guarded");
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await trpcErrorOf(editor.instance.rename({ id: missing, alias: "ghost" }))).code).toBe("NOT_FOUND");
  });
});
