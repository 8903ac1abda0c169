import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSigningKey } from "@/server/api-keys/api-keys";
import type { TDb } from "@/server/db";
import { deleteInstance } from "@/server/instances/instances";
import { createTestApiKey, TEST_SERVER_KEY } from "@/test/aws";
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

describe("deleting an instance", () => {
  const newAlias = () => `del-${randomUUID().slice(0, 8)}`;

  /** Everything stored about an instance. */
  async function storedFor(instanceId: string) {
    const [instances, configurations, revisions, keyLinks] = await Promise.all([
      db.instance.count({ where: { id: instanceId } }),
      db.attachedFilesConfiguration.count({ where: { instanceId } }),
      db.policyRevision.count({ where: { instanceId } }),
      db.apiKeyInstance.count({ where: { instanceId } }),
    ]);
    return { instances, configurations, revisions, keyLinks };
  }

  it("takes its policies and history with it, revokes the keys that reached only it, and is audited", async () => {
    const adminSession = await createSession(db, "admin");
    const admin = callerFor(db, adminSession);
    const [doomed, kept] = [
      await admin.instance.create({ alias: newAlias() }),
      await admin.instance.create({ alias: newAlias() }),
    ];
    await admin.policy.update({ instanceId: doomed.id, scope: "CHAT", maximumSizeLimitInBytes: 1234 });
    await admin.policy.update({ instanceId: kept.id, scope: "CHAT", maximumSizeLimitInBytes: 4321 });
    const onlyDoomed = await createTestApiKey(db, { instanceIds: [doomed.id] });
    const both = await createTestApiKey(db, { instanceIds: [doomed.id, kept.id] });
    const everything = await createTestApiKey(db, { allInstances: true });
    const onlyKept = await createTestApiKey(db, { instanceIds: [kept.id] });
    const alreadyRevoked = await createTestApiKey(db, { instanceIds: [doomed.id] });
    await admin.apiKey.revoke({ id: alreadyRevoked.id });
    const revokedAt = (await db.apiKey.findUniqueOrThrow({ where: { id: alreadyRevoked.id } })).revokedAt;
    const keptBefore = await storedFor(kept.id);

    const deleted = await admin.instance.delete({ id: doomed.id, confirmAlias: `  ${doomed.alias} ` });
    const onlyDoomedRow = await db.apiKey.findUniqueOrThrow({ where: { id: onlyDoomed.id } });
    expect(deleted).toEqual({
      id: doomed.id,
      alias: doomed.alias,
      revokedApiKeys: [{ id: onlyDoomed.id, name: onlyDoomedRow.name, accessKeyId: onlyDoomed.accessKeyId }],
    });
    expect(await storedFor(doomed.id)).toEqual({ instances: 0, configurations: 0, revisions: 0, keyLinks: 0 });
    expect(await storedFor(kept.id)).toEqual(keptBefore);

    expect(onlyDoomedRow).toMatchObject({ revokedByLabel: adminSession.user.email });
    expect(onlyDoomedRow.revokedAt).toBeInstanceOf(Date);
    expect(await findSigningKey({ db, accessKeyId: onlyDoomed.accessKeyId, serverKey: TEST_SERVER_KEY })).toBeNull();
    const signing = (key: { accessKeyId: string }) =>
      findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: TEST_SERVER_KEY });
    expect((await signing(both))?.actor.instanceIds).toEqual([kept.id]);
    expect((await signing(everything))?.actor.allInstances).toBe(true);
    expect((await signing(onlyKept))?.actor.instanceIds).toEqual([kept.id]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: alreadyRevoked.id } })).revokedAt).toEqual(revokedAt);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "instance.delete", targetId: doomed.id } });
    expect(audit).toMatchObject({
      targetType: "Instance",
      actorUserId: adminSession.user.id,
      before: {
        alias: doomed.alias,
        arn: doomed.arn,
        policies: [
          {
            scope: "CHAT",
            maximumSizeLimitInBytes: 1234,
            allowedExtensions: expect.any(Array),
            isDefault: false,
            version: 1,
          },
        ],
      },
    });
    const revocations = await db.auditEvent.findMany({ where: { action: "apiKey.revoke", targetId: onlyDoomed.id } });
    expect(revocations).toEqual([
      expect.objectContaining({ reason: `Its only instance, “${doomed.alias}”, was deleted.` }),
    ]);
    expect((await admin.instance.list()).map((instance) => instance.id)).not.toContain(doomed.id);
  });

  it("is open to owners; editors, viewers and API keys are FORBIDDEN and nothing is deleted", async () => {
    const owner = callerFor(db, await createSession(db, "owner"));
    const target = await owner.instance.create({ alias: newAlias() });
    await owner.policy.update({ instanceId: target.id, scope: "TASK", maximumSizeLimitInBytes: 5 });
    const before = await storedFor(target.id);
    for (const role of ["editor", "viewer"] as const) {
      const caller = callerFor(db, await createSession(db, role));
      const error = await trpcErrorOf(caller.instance.delete({ id: target.id, confirmAlias: target.alias }));
      expect(error.code, role).toBe("FORBIDDEN");
      expect(error.message).toMatch(/admin role/);
    }
    const key = await createTestApiKey(db, { allInstances: true });
    const signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: TEST_SERVER_KEY });
    if (!signing) throw new Error("no signing key");
    await expect(
      deleteInstance({ db, actor: signing.actor, input: { id: target.id, confirmAlias: target.alias } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await storedFor(target.id)).toEqual(before);
    expect((await trpcErrorOf(callerFor(db, null).instance.delete({ id: target.id, confirmAlias: "x" }))).code).toBe(
      "UNAUTHORIZED",
    );

    expect(await owner.instance.delete({ id: target.id, confirmAlias: target.alias })).toMatchObject({ id: target.id });
    expect(await storedFor(target.id)).toMatchObject({ instances: 0, revisions: 0 });
  });

  it("needs the alias typed exactly; an unknown instance or another team's is NOT_FOUND; nothing is written", async () => {
    const admin = callerFor(db, await createSession(db, "admin"));
    const target = await admin.instance.create({ alias: `Del-Case-${randomUUID().slice(0, 4)}` });
    const only = await createTestApiKey(db, { instanceIds: [target.id] });
    const audits = await db.auditEvent.count();
    for (const confirmAlias of [target.alias.toLowerCase(), "", `${target.alias}x`, `${target.alias}\u0000`]) {
      const error = await trpcErrorOf(admin.instance.delete({ id: target.id, confirmAlias }));
      expect(error.code, confirmAlias).toBe("BAD_REQUEST");
      if (!confirmAlias.includes("\u0000")) {
        expect(error.message).toBe(`Type the alias “${target.alias}” exactly to delete it.`);
      }
    }
    const team = await db.team.create({ data: { slug: `other-${randomUUID()}`, name: "Other" }, select: { id: true } });
    const foreignId = randomUUID();
    await db.instance.create({
      data: { id: foreignId, alias: newAlias(), arn: `arn:other:${foreignId}`, teamId: team.id },
    });
    for (const id of [randomUUID(), foreignId]) {
      const error = await trpcErrorOf(admin.instance.delete({ id, confirmAlias: "anything" }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("That instance no longer exists.");
    }
    expect(await db.instance.count({ where: { id: { in: [target.id, foreignId] } } })).toBe(2);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: only.id } })).revokedAt).toBeNull();
    expect(await db.auditEvent.count()).toBe(audits);
  });
});
