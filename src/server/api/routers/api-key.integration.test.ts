import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverEnv } from "@/env";
import { RECENT_SIGN_IN_MESSAGE } from "@/server/api/trpc";
import {
  ensureBootstrapApiKey,
  findSigningKey,
  MAX_ADDRESS_LENGTH,
  markApiKeyUsed,
  releaseUnconfiguredBootstrapKeys,
} from "@/server/api-keys/api-keys";
import type { TSession } from "@/server/auth";
import { createSigningKeyCache } from "@/server/aws/auth/signing-keys";
import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { createSession, createTestDatabase } from "@/test/db";
import { callerFor, trpcErrorOf } from "@/test/trpc";

let db: TDb;
let drop: () => Promise<void>;
let adminSession: TSession;
let admin: ReturnType<typeof callerFor>;
const serverKey = () => serverEnv().ATTACHE_ENCRYPTION_KEY;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  adminSession = await createSession(db, "admin");
  admin = callerFor(db, adminSession);
});
afterAll(() => drop());

const newInstance = () => admin.instance.create({ alias: `keys-${randomUUID().slice(0, 8)}` });

describe("an admin creating an API key", () => {
  it("gets the secret once; only its ciphertext is stored, and signing finds it scoped to the chosen instances", async () => {
    const [chosen, other] = [await newInstance(), await newInstance()];
    const { key, secretAccessKey } = await admin.apiKey.create({
      name: "  Nightly sync  ",
      allInstances: false,
      instanceIds: [chosen.id, chosen.id],
    });
    expect(key).toMatchObject({
      name: "Nightly sync",
      allInstances: false,
      isBootstrap: false,
      instances: [{ id: chosen.id, alias: chosen.alias }],
      createdByLabel: adminSession.user.email,
      lastUsedAt: null,
      revokedAt: null,
      revokedByLabel: null,
    });
    expect(key.accessKeyId).toMatch(/^ATCH[A-Z2-7]{16}$/);
    expect(secretAccessKey.length).toBeGreaterThanOrEqual(40);

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretCiphertext).not.toContain(secretAccessKey);
    expect(JSON.stringify(row)).not.toContain(secretAccessKey);

    const signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: serverKey() });
    expect(signing).toEqual({
      secretAccessKey,
      expiresAt: null,
      previous: null,
      actor: {
        kind: "apiKey",
        apiKeyId: key.id,
        teamId: row.teamId,
        label: `API key ${key.accessKeyId} (Nightly sync)`,
        allInstances: false,
        instanceIds: [chosen.id],
      },
    });
    expect(signing?.actor.instanceIds).not.toContain(other.id);

    // Listing never shows the secret again.
    const listed = await admin.apiKey.list();
    expect(listed.find((candidate) => candidate.id === key.id)).toEqual(key);
    expect(JSON.stringify(listed)).not.toContain(secretAccessKey);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "apiKey.create", targetId: key.id } });
    expect(audit).toMatchObject({ actorUserId: adminSession.user.id, actorLabel: adminSession.user.email });
    expect(JSON.stringify(audit)).not.toContain(secretAccessKey);
  });

  it("for all instances gets an actor that reaches every instance", async () => {
    const { key } = await admin.apiKey.create({ name: "Everything", allInstances: true, instanceIds: [] });
    expect(key).toMatchObject({ allInstances: true, instances: [] });
    const signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: serverKey() });
    expect(signing?.actor).toMatchObject({ allInstances: true, instanceIds: [] });
  });

  it("gives every key its own access key id and secret", async () => {
    const input = { allInstances: true, instanceIds: [] };
    const [first, second] = [
      await admin.apiKey.create({ ...input, name: "Twin 1" }),
      await admin.apiKey.create({ ...input, name: "Twin 2" }),
    ];
    expect(first.key.accessKeyId).not.toBe(second.key.accessKeyId);
    expect(first.secretAccessKey).not.toBe(second.secretAccessKey);
  });

  it("is refused without a name, without instances, or with an instance that does not exist; nothing is written", async () => {
    const before = await db.apiKey.count();
    const missing = randomUUID();
    const cases = [
      { input: { name: "   ", allInstances: true, instanceIds: [] }, code: "BAD_REQUEST" },
      { input: { name: "No scope", allInstances: false, instanceIds: [] }, code: "BAD_REQUEST" },
      { input: { name: "Ghost", allInstances: false, instanceIds: [missing] }, code: "NOT_FOUND" },
      {
        input: { name: "nul\u0000name", allInstances: true, instanceIds: [] },
        code: "BAD_REQUEST",
        message: "A name cannot contain control characters such as NUL or line breaks.",
      },
      {
        input: { name: "two\nlines", allInstances: true, instanceIds: [] },
        code: "BAD_REQUEST",
        message: "A name cannot contain control characters such as NUL or line breaks.",
      },
      {
        input: { name: "n".repeat(101), allInstances: true, instanceIds: [] },
        code: "BAD_REQUEST",
        message: "A name has at most 100 characters.",
      },
    ];
    for (const { input, code, message } of cases) {
      const error = await trpcErrorOf(admin.apiKey.create(input));
      expect(error.code, input.name).toBe(code);
      if (message) expect(error.message).toContain(message);
    }
    expect(await db.apiKey.count()).toBe(before);
  });
});

describe("API key names", () => {
  it("are unique among the team's active keys, ignoring case; a revoked key's name is free again", async () => {
    const { key } = await admin.apiKey.create({ name: "Nightly export", allInstances: true, instanceIds: [] });
    const before = await db.apiKey.count();
    const error = await trpcErrorOf(
      admin.apiKey.create({ name: "  NIGHTLY export ", allInstances: true, instanceIds: [] }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("An active API key called “NIGHTLY export” already exists. Choose another name.");
    expect(await db.apiKey.count()).toBe(before);
    expect(
      await db.auditEvent.count({
        where: { action: "apiKey.create", after: { path: ["name"], equals: "NIGHTLY export" } },
      }),
    ).toBe(0);

    await admin.apiKey.revoke({ id: key.id });
    const again = await admin.apiKey.create({ name: "nightly EXPORT", allInstances: true, instanceIds: [] });
    expect(again.key.name).toBe("nightly EXPORT");
  });

  it("stay unique when admins create keys with the same name at the same moment", async () => {
    const before = await db.apiKey.count();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) =>
        admin.apiKey.create({ name: index % 2 ? "Race key" : "RACE KEY", allInstances: true, instanceIds: [] }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const codes = results.flatMap((result) =>
      result.status === "rejected"
        ? [result.reason instanceof Error && "code" in result.reason ? result.reason.code : result.reason]
        : [],
    );
    expect(codes).toEqual(["CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT"]);
    expect(await db.apiKey.count()).toBe(before + 1);
  });
});

describe("revoking an API key", () => {
  it("stops it signing at once, records who revoked it, and cannot be repeated", async () => {
    const { key } = await admin.apiKey.create({ name: "Short-lived", allInstances: true, instanceIds: [] });
    const revoked = await admin.apiKey.revoke({ id: key.id });
    expect(revoked).toMatchObject({ id: key.id, revokedByLabel: adminSession.user.email });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: serverKey() })).toBeNull();

    const listed = await admin.apiKey.list();
    expect(listed.find((candidate) => candidate.id === key.id)?.revokedAt).toEqual(revoked.revokedAt);
    // Active keys are listed before revoked ones.
    const firstRevoked = listed.findIndex((candidate) => candidate.revokedAt !== null);
    expect(listed.slice(firstRevoked).every((candidate) => candidate.revokedAt !== null)).toBe(true);

    expect((await trpcErrorOf(admin.apiKey.revoke({ id: key.id }))).code).toBe("CONFLICT");
    expect((await trpcErrorOf(admin.apiKey.revoke({ id: randomUUID() }))).code).toBe("NOT_FOUND");
    expect(await db.auditEvent.count({ where: { action: "apiKey.revoke", targetId: key.id } })).toBe(1);
  });
});

describe("API key procedures for other roles", () => {
  it("let an owner in, and refuse editors and viewers with FORBIDDEN, writing nothing", async () => {
    const owner = callerFor(db, await createSession(db, "owner"));
    expect(Array.isArray(await owner.apiKey.list())).toBe(true);

    const { key } = await admin.apiKey.create({ name: "Guarded", allInstances: true, instanceIds: [] });
    for (const role of ["editor", "viewer"] as const) {
      const caller = callerFor(db, await createSession(db, role));
      const before = await db.apiKey.count();
      for (const attempt of [
        () => caller.apiKey.list(),
        () => caller.apiKey.create({ name: `${role} key`, allInstances: true, instanceIds: [] }),
        () => caller.apiKey.rotate({ id: key.id, graceHours: 24 }),
        () => caller.apiKey.updateInstances({ id: key.id, allInstances: true, instanceIds: [] }),
        () => caller.apiKey.revoke({ id: key.id }),
      ]) {
        const error = await trpcErrorOf(attempt());
        expect(error.code, role).toBe("FORBIDDEN");
        expect(error.message).toMatch(/admin role/);
      }
      expect(await db.apiKey.count()).toBe(before);
    }
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
    expect((await trpcErrorOf(callerFor(db, null).apiKey.list())).code).toBe("UNAUTHORIZED");
  });
});

describe("the bootstrap key", () => {
  const ensure = (accessKeyId: string, secretAccessKey: string) =>
    ensureBootstrapApiKey({ db, accessKeyId, secretAccessKey, serverKey: serverKey() });
  const auditsOf = (targetId: string) =>
    db.auditEvent.findMany({ where: { targetType: "ApiKey", targetId }, orderBy: { createdAt: "asc" } });

  it("is created once (audited, by the configuration), stays one row, reaches every instance, and signs with the configured secret", async () => {
    const accessKeyId = "ATCHBOOTSTRAPTEST001";
    const created = await ensure(accessKeyId, "first-secret-0123456789");
    expect(created).toEqual({
      status: "created",
      apiKeyId: expect.any(String),
      accessKeyId,
      name: "Bootstrap key (from the environment)",
    });
    expect(await ensure(accessKeyId, "first-secret-0123456789")).toEqual({ ...created, status: "unchanged" });
    expect(await db.apiKey.count({ where: { accessKeyId } })).toBe(1);

    const listed = (await admin.apiKey.list()).find((key) => key.accessKeyId === accessKeyId);
    expect(listed).toMatchObject({ isBootstrap: true, allInstances: true, revokedAt: null });
    const signing = await findSigningKey({ db, accessKeyId, serverKey: serverKey() });
    expect(signing).toMatchObject({ secretAccessKey: "first-secret-0123456789", actor: { allInstances: true } });

    // One event for the creation, none for the unchanged start.
    const audits = await auditsOf(created.apiKeyId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: "apiKey.create",
      actorKind: "SYSTEM",
      actorLabel: "ATTACHE_BOOTSTRAP_ACCESS_KEY_ID",
      actorUserId: null,
      actorApiKeyId: null,
      after: { name: created.name, accessKeyId, allInstances: true },
    });
    // A fingerprint of the configured values is kept, never the secret.
    const row = await db.apiKey.findUniqueOrThrow({ where: { accessKeyId } });
    expect(row.bootstrapFingerprint).toMatch(/^s1\.[\w-]{43}$/);
    expect(JSON.stringify(row)).not.toContain("first-secret-0123456789");
  });

  it("revoked in the console stays revoked at the next starts with the same configuration, writing nothing", async () => {
    const accessKeyId = "ATCHBOOTSTRAPSTAYS01";
    const { apiKeyId, name } = await ensure(accessKeyId, "stays-secret-0123456789");
    const revoked = await admin.apiKey.revoke({ id: apiKeyId });
    const before = {
      audits: await db.auditEvent.count(),
      row: await db.apiKey.findUniqueOrThrow({ where: { accessKeyId } }),
    };

    for (let start = 0; start < 2; start++) {
      expect(await ensure(accessKeyId, "stays-secret-0123456789")).toEqual({
        status: "revoked",
        apiKeyId,
        accessKeyId,
        name,
        revokedAt: revoked.revokedAt,
        revokedByLabel: adminSession.user.email,
      });
    }
    expect(await findSigningKey({ db, accessKeyId, serverKey: serverKey() })).toBeNull();
    expect({
      audits: await db.auditEvent.count(),
      row: await db.apiKey.findUniqueOrThrow({ where: { accessKeyId } }),
    }).toEqual(before);
  });

  it("revoked before fingerprints were kept, stays revoked with the same secret (and gets its fingerprint)", async () => {
    const accessKeyId = "ATCHBOOTSTRAPLEGACY1";
    const { apiKeyId } = await ensure(accessKeyId, "legacy-secret-0123456789");
    await admin.apiKey.revoke({ id: apiKeyId });
    await db.apiKey.update({ where: { id: apiKeyId }, data: { bootstrapFingerprint: null } });
    expect((await ensure(accessKeyId, "legacy-secret-0123456789")).status).toBe("revoked");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKeyId } })).bootstrapFingerprint).not.toBeNull();
    expect((await ensure(accessKeyId, "legacy-secret-0123456789")).status).toBe("revoked");
  });

  it("is re-activated after a revoke when the configured secret changed, audited by the configuration", async () => {
    const accessKeyId = "ATCHBOOTSTRAPTEST002";
    const { apiKeyId: id } = await ensure(accessKeyId, "first-secret-0123456789");
    await admin.apiKey.revoke({ id });
    expect(await findSigningKey({ db, accessKeyId, serverKey: serverKey() })).toBeNull();

    expect(await ensure(accessKeyId, "rotated-secret-0123456789")).toMatchObject({
      status: "reactivated",
      apiKeyId: id,
    });
    const row = await db.apiKey.findUniqueOrThrow({ where: { accessKeyId } });
    expect(row).toMatchObject({ id, revokedAt: null, revokedByLabel: null, isBootstrap: true });
    const signing = await findSigningKey({ db, accessKeyId, serverKey: serverKey() });
    expect(signing?.secretAccessKey).toBe("rotated-secret-0123456789");
    expect((await auditsOf(id)).map((event) => [event.action, event.actorKind])).toEqual([
      ["apiKey.create", "SYSTEM"],
      ["apiKey.revoke", "USER"],
      ["apiKey.reactivate", "SYSTEM"],
    ]);
    expect(await ensure(accessKeyId, "rotated-secret-0123456789")).toMatchObject({ status: "unchanged" });
  });

  it("active, takes a changed secret at the next start (audited as a rotation); the old one stops", async () => {
    const accessKeyId = "ATCHBOOTSTRAPUPDATE1";
    const { apiKeyId } = await ensure(accessKeyId, "old-secret-0123456789");
    expect(await ensure(accessKeyId, "new-secret-0123456789")).toMatchObject({ status: "updated", apiKeyId });
    const signing = await findSigningKey({ db, accessKeyId, serverKey: serverKey() });
    expect(signing).toMatchObject({ secretAccessKey: "new-secret-0123456789", previous: null });
    const audits = await auditsOf(apiKeyId);
    expect(audits.map((event) => event.action)).toEqual(["apiKey.create", "apiKey.rotate"]);
    expect(audits[1]).toMatchObject({ actorKind: "SYSTEM", actorLabel: "ATTACHE_BOOTSTRAP_ACCESS_KEY_ID" });
    expect(JSON.stringify(audits)).not.toContain("secret-0123456789");
  });

  it("started by several servers at the same moment is one key with one event", async () => {
    const accessKeyId = "ATCHBOOTSTRAPRACE001";
    const results = await Promise.all(Array.from({ length: 4 }, () => ensure(accessKeyId, "race-secret-0123456789")));
    expect(results.map((result) => result.status).sort()).toEqual(["created", "unchanged", "unchanged", "unchanged"]);
    const rows = await db.apiKey.findMany({ where: { accessKeyId } });
    expect(rows).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { targetType: "ApiKey", targetId: rows[0]?.id } })).toBe(1);

    // The same for a changed secret after a revoke: re-activated once.
    await admin.apiKey.revoke({ id: rows[0]?.id ?? "" });
    const again = await Promise.all(Array.from({ length: 4 }, () => ensure(accessKeyId, "race-secret-9876543210")));
    expect(again.map((result) => result.status).sort()).toEqual(["reactivated", "unchanged", "unchanged", "unchanged"]);
    expect(await db.auditEvent.count({ where: { action: "apiKey.reactivate", targetId: rows[0]?.id } })).toBe(1);
  });

  it("starts even when an active key already has its name, and is re-activated under a free name", async () => {
    // Another active key carries the bootstrap key's usual name.
    await ensure("ATCHBOOTSTRAPTEST001", "first-secret-0123456789");
    const taken = await db.apiKey.findFirstOrThrow({
      where: { name: "Bootstrap key (from the environment)", revokedAt: null },
    });
    const accessKeyId = "ATCHBOOTSTRAPTEST003";
    const created = await ensure(accessKeyId, "first-secret-0123456789");
    // (other tests' bootstrap keys hold some numbers already)
    expect(created).toMatchObject({
      status: "created",
      name: expect.stringMatching(/^Bootstrap key \(from the environment\) \(\d+\)$/),
    });

    // Revoked, its name is taken by a new key; a start with a new secret re-activates it under another free name.
    await admin.apiKey.revoke({ id: created.apiKeyId });
    await admin.apiKey.create({ name: created.name.toLowerCase(), allInstances: true, instanceIds: [] });
    const result = await ensure(accessKeyId, "second-secret-0123456789");
    expect(result).toMatchObject({
      status: "reactivated",
      name: expect.stringMatching(/^Bootstrap key \(from the environment\) \(\d+\)$/),
    });
    expect(result.name).not.toBe(created.name);
    const reactivated = await db.apiKey.findUniqueOrThrow({ where: { accessKeyId } });
    expect(reactivated).toMatchObject({ name: result.name, revokedAt: null });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: taken.id } })).revokedAt).toBeNull();
    const activeNames = (await db.apiKey.findMany({ where: { revokedAt: null }, select: { name: true } })).map((key) =>
      key.name.toLowerCase(),
    );
    expect(new Set(activeNames).size).toBe(activeNames.length);

    // An unchanged start keeps the name.
    await ensure(accessKeyId, "second-secret-0123456789");
    expect((await db.apiKey.findUniqueOrThrow({ where: { accessKeyId } })).name).toBe(reactivated.name);
  });
});

describe("reinstating a revoked key", () => {
  const ensure = (accessKeyId: string, secretAccessKey: string) =>
    ensureBootstrapApiKey({ db, accessKeyId, secretAccessKey, serverKey: serverKey() });

  it("brings the bootstrap key back (audited); the next start leaves it active; another server accepts it at once", async () => {
    const accessKeyId = "ATCHBOOTSTRAPREIN001";
    const secretAccessKey = "reinstate-secret-0123456789";
    const { apiKeyId } = await ensure(accessKeyId, secretAccessKey);
    // Another app server's key cache, whose clock stands still: only a NOTIFY makes it look again.
    const cache = createSigningKeyCache({ db, serverKey: serverKey(), now: () => 0 });
    await cache.ready;
    try {
      expect(await cache.get(accessKeyId)).not.toBeNull();
      await admin.apiKey.revoke({ id: apiKeyId });
      await expect.poll(() => cache.get(accessKeyId), { timeout: 2000 }).toBeNull();

      const reinstated = await admin.apiKey.reinstate({ id: apiKeyId });
      expect(reinstated).toMatchObject({ id: apiKeyId, revokedAt: null, revokedByLabel: null, isBootstrap: true });
      await expect
        .poll(async () => (await cache.get(accessKeyId))?.secretAccessKey, { timeout: 2000 })
        .toBe(secretAccessKey);
      const [event] = await db.auditEvent.findMany({ where: { action: "apiKey.reinstate", targetId: apiKeyId } });
      expect(event).toMatchObject({
        actorKind: "USER",
        actorUserId: adminSession.user.id,
        before: { name: reinstated.name, revokedBy: adminSession.user.email },
        after: { name: reinstated.name },
      });
      expect(await ensure(accessKeyId, secretAccessKey)).toMatchObject({ status: "unchanged" });

      // Reinstating twice is refused.
      const again = await trpcErrorOf(admin.apiKey.reinstate({ id: apiKeyId }));
      expect(again.code).toBe("CONFLICT");
      expect(again.message).toBe("That API key is not revoked.");

      // Revoked again, then re-activated by a start with a new secret: the other server follows at once.
      await admin.apiKey.revoke({ id: apiKeyId });
      await expect.poll(() => cache.get(accessKeyId), { timeout: 2000 }).toBeNull();
      await ensure(accessKeyId, "reinstate-secret-9876543210");
      await expect
        .poll(async () => (await cache.get(accessKeyId))?.secretAccessKey, { timeout: 2000 })
        .toBe("reinstate-secret-9876543210");
    } finally {
      await cache.close();
    }
  });

  it("is refused for a key made in the console, an expired bootstrap key and an unknown id, writing nothing", async () => {
    const { key } = await admin.apiKey.create({ name: "Gone for good", allInstances: true, instanceIds: [] });
    await admin.apiKey.revoke({ id: key.id });
    const { apiKeyId: expiredId } = await ensure("ATCHBOOTSTRAPREIN002", "expired-secret-0123456789");
    await admin.apiKey.revoke({ id: expiredId });
    await db.apiKey.update({ where: { id: expiredId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await db.auditEvent.count();

    const fromConsole = await trpcErrorOf(admin.apiKey.reinstate({ id: key.id }));
    expect(fromConsole.code).toBe("BAD_REQUEST");
    expect(fromConsole.message).toBe(
      "Only the bootstrap key from the configuration can be reinstated; a revoked key stays revoked. Create a new key instead.",
    );
    const expired = await trpcErrorOf(admin.apiKey.reinstate({ id: expiredId }));
    expect(expired.code).toBe("CONFLICT");
    expect(expired.message).toMatch(/expired/);
    expect((await trpcErrorOf(admin.apiKey.reinstate({ id: randomUUID() }))).code).toBe("NOT_FOUND");

    expect(await db.auditEvent.count()).toBe(before);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).not.toBeNull();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: expiredId } })).revokedAt).not.toBeNull();
  });

  it("needs an admin or owner with a recent sign-in", async () => {
    const { apiKeyId } = await ensure("ATCHBOOTSTRAPREIN003", "roles-secret-0123456789");
    await admin.apiKey.revoke({ id: apiKeyId });
    for (const role of ["editor", "viewer"] as const) {
      const error = await trpcErrorOf(callerFor(db, await createSession(db, role)).apiKey.reinstate({ id: apiKeyId }));
      expect(error.code, role).toBe("FORBIDDEN");
      expect(error.message).toMatch(/admin role/);
    }
    const stale = callerFor(
      db,
      await createSession(db, "admin", { authenticatedAt: new Date(Date.now() - 60 * 60_000) }),
    );
    const error = await trpcErrorOf(stale.apiKey.reinstate({ id: apiKeyId }));
    expect(error.code).toBe("FORBIDDEN");
    expect((error.cause as AppError).detail).toBe("RECENT_SIGN_IN");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKeyId } })).revokedAt).not.toBeNull();

    const owner = callerFor(db, await createSession(db, "owner"));
    await expect(owner.apiKey.reinstate({ id: apiKeyId })).resolves.toMatchObject({ revokedAt: null });
  });
});

describe("a key's last use", () => {
  it("is written at most once a minute", async () => {
    const { key } = await admin.apiKey.create({ name: "Busy", allInstances: true, instanceIds: [] });
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    const start = new Date("2030-01-01T12:00:00.000Z");
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

    await markApiKeyUsed({ db, apiKeyId: key.id, now: start });
    expect(await lastUsed()).toEqual(start);
    await markApiKeyUsed({ db, apiKeyId: key.id, now: at(30) });
    await markApiKeyUsed({ db, apiKeyId: key.id, now: at(59) });
    expect(await lastUsed()).toEqual(start);
    await markApiKeyUsed({ db, apiKeyId: key.id, now: at(61) });
    expect(await lastUsed()).toEqual(at(61));

    const listed = (await admin.apiKey.list()).find((candidate) => candidate.id === key.id);
    expect(listed?.lastUsedAt).toEqual(at(61));
  });
});

describe("a key's last address", () => {
  it("keeps the client address written with the time, bounded in length", async () => {
    const { key } = await admin.apiKey.create({ name: "Address", allInstances: true, instanceIds: [] });
    const at = new Date("2030-02-01T08:00:00.000Z");
    await markApiKeyUsed({ db, apiKeyId: key.id, now: at, address: "192.0.2.7" });
    await markApiKeyUsed({ db, apiKeyId: key.id, now: new Date(at.getTime() + 1000), address: "198.51.100.1" });
    const listed = (await admin.apiKey.list()).find((candidate) => candidate.id === key.id);
    expect(listed).toMatchObject({ lastUsedAt: at, lastUsedAddress: "192.0.2.7" });

    await markApiKeyUsed({ db, apiKeyId: key.id, now: new Date(at.getTime() + 120_000), address: "f".repeat(500) });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.lastUsedAddress).toBe("f".repeat(MAX_ADDRESS_LENGTH));
  });
});

describe("actions that need a recent sign-in", () => {
  const hourAgo = () => new Date(Date.now() - 60 * 60_000);

  it("refuse create, rotate and scope changes after an old sign-in with FORBIDDEN and detail RECENT_SIGN_IN, writing nothing", async () => {
    const stale = callerFor(db, await createSession(db, "admin", { authenticatedAt: hourAgo() }));
    const instance = await newInstance();
    const { key } = await admin.apiKey.create({
      name: "Stale target",
      allInstances: false,
      instanceIds: [instance.id],
    });
    const before = { keys: await db.apiKey.count(), audits: await db.auditEvent.count() };
    for (const [label, attempt] of [
      ["create", () => stale.apiKey.create({ name: "Stale", allInstances: true, instanceIds: [] })],
      ["rotate", () => stale.apiKey.rotate({ id: key.id, graceHours: 24 })],
      ["widen", () => stale.apiKey.updateInstances({ id: key.id, allInstances: true, instanceIds: [] })],
    ] as const) {
      const error = await trpcErrorOf(attempt());
      expect(error.code, label).toBe("FORBIDDEN");
      expect(error.cause, label).toBeInstanceOf(AppError);
      expect((error.cause as AppError).detail, label).toBe("RECENT_SIGN_IN");
      expect(error.message).toBe(RECENT_SIGN_IN_MESSAGE);
    }
    expect({ keys: await db.apiKey.count(), audits: await db.auditEvent.count() }).toEqual(before);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row).toMatchObject({ allInstances: false, rotatedAt: null });

    // Listing and revoking (the way to cut a leaked key off) do not need one.
    expect((await stale.apiKey.list()).some((candidate) => candidate.id === key.id)).toBe(true);
    await expect(stale.apiKey.revoke({ id: key.id })).resolves.toMatchObject({ id: key.id });
  });

  it("let the same actions through right after a sign-in", async () => {
    const fresh = callerFor(db, await createSession(db, "admin", { authenticatedAt: new Date(Date.now() - 60_000) }));
    const { key } = await fresh.apiKey.create({
      name: "Fresh",
      allInstances: false,
      instanceIds: [(await newInstance()).id],
    });
    await expect(fresh.apiKey.rotate({ id: key.id, graceHours: 1 })).resolves.toMatchObject({ key: { id: key.id } });
    await expect(
      fresh.apiKey.updateInstances({ id: key.id, allInstances: true, instanceIds: [] }),
    ).resolves.toMatchObject({ allInstances: true });
  });
});

describe("rotating an API key", () => {
  it("gives a new secret once under the same access key id; the old one keeps signing for the chosen grace period", async () => {
    const { key, secretAccessKey: first } = await admin.apiKey.create({
      name: "Rotating",
      allInstances: true,
      instanceIds: [],
    });
    const startedAt = Date.now();
    const rotated = await admin.apiKey.rotate({ id: key.id, graceHours: 24 });
    expect(rotated.key.accessKeyId).toBe(key.accessKeyId);
    expect(rotated.secretAccessKey).not.toBe(first);
    expect(rotated.secretAccessKey.length).toBeGreaterThanOrEqual(40);
    const graceUntil = rotated.key.previousSecretExpiresAt;
    expect(graceUntil).toBeInstanceOf(Date);
    expect(Math.abs((graceUntil?.getTime() ?? 0) - startedAt - 24 * 60 * 60_000)).toBeLessThan(60_000);
    expect(rotated.key.rotatedAt).toBeInstanceOf(Date);

    const signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: serverKey() });
    expect(signing).toMatchObject({
      secretAccessKey: rotated.secretAccessKey,
      previous: { secretAccessKey: first, expiresAt: graceUntil },
    });
    // Neither secret is stored or audited in the clear.
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(JSON.stringify(row)).not.toContain(first);
    expect(JSON.stringify(row)).not.toContain(rotated.secretAccessKey);
    const listed = (await admin.apiKey.list()).find((candidate) => candidate.id === key.id);
    expect(listed).toEqual(rotated.key);
    expect(JSON.stringify(listed)).not.toContain(rotated.secretAccessKey);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "apiKey.rotate", targetId: key.id } });
    expect(audit).toMatchObject({
      actorUserId: adminSession.user.id,
      before: null,
      after: { graceUntil: graceUntil?.toISOString() },
    });
    expect(JSON.stringify(audit)).not.toContain(rotated.secretAccessKey);
  });

  it("without a grace period stops the old secret at once", async () => {
    const { key } = await admin.apiKey.create({ name: "Hard cut", allInstances: true, instanceIds: [] });
    const rotated = await admin.apiKey.rotate({ id: key.id, graceHours: 0 });
    expect(rotated.key.previousSecretExpiresAt).toBeNull();
    const signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: serverKey() });
    expect(signing).toMatchObject({ secretAccessKey: rotated.secretAccessKey, previous: null });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "apiKey.rotate", targetId: key.id } });
    expect(audit.after).toEqual({ graceUntil: null });
  });

  it("again during a grace period replaces the secret from before, and says so in the audit log", async () => {
    const { key, secretAccessKey: original } = await admin.apiKey.create({
      name: "Twice",
      allInstances: true,
      instanceIds: [],
    });
    const once = await admin.apiKey.rotate({ id: key.id, graceHours: 168 });
    const twice = await admin.apiKey.rotate({ id: key.id, graceHours: 1 });
    const signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: serverKey() });
    expect(signing?.secretAccessKey).toBe(twice.secretAccessKey);
    expect(signing?.previous?.secretAccessKey).toBe(once.secretAccessKey);
    expect(JSON.stringify(signing)).not.toContain(original);

    const audits = await db.auditEvent.findMany({
      where: { action: "apiKey.rotate", targetId: key.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({
      before: { graceUntil: once.key.previousSecretExpiresAt?.toISOString() },
      after: { graceUntil: twice.key.previousSecretExpiresAt?.toISOString() },
    });
    expect(audits[1]?.reason).toMatch(/stopped working/);
  });

  it("is refused for a revoked, an expired or the bootstrap key, for an unknown id and an unlisted grace period", async () => {
    const { key: revoked } = await admin.apiKey.create({ name: "Rotate revoked", allInstances: true, instanceIds: [] });
    await admin.apiKey.revoke({ id: revoked.id });
    const { key: expired } = await admin.apiKey.create({ name: "Rotate expired", allInstances: true, instanceIds: [] });
    await db.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await ensureBootstrapApiKey({
      db,
      accessKeyId: "ATCHBOOTSTRAPROTATE1",
      secretAccessKey: "bootstrap-secret-0123456789",
      serverKey: serverKey(),
    });
    const bootstrap = await db.apiKey.findUniqueOrThrow({ where: { accessKeyId: "ATCHBOOTSTRAPROTATE1" } });

    const cases = [
      { id: revoked.id, code: "CONFLICT", message: /revoked/ },
      { id: expired.id, code: "CONFLICT", message: /expired/ },
      { id: bootstrap.id, code: "CONFLICT", message: /ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY/ },
      { id: randomUUID(), code: "NOT_FOUND", message: /no longer exists/ },
    ];
    for (const { id, code, message } of cases) {
      const error = await trpcErrorOf(admin.apiKey.rotate({ id, graceHours: 24 }));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    const invalid = await trpcErrorOf(admin.apiKey.rotate({ id: revoked.id, graceHours: 5 as 24 }));
    expect(invalid.code).toBe("BAD_REQUEST");
    expect(invalid.message).toContain("Choose a grace period: none, 1 hour, 24 hours or 7 days.");
    expect(
      await db.auditEvent.count({ where: { action: "apiKey.rotate", targetId: { in: cases.map((c) => c.id) } } }),
    ).toBe(0);
  });
});

describe("an API key's expiry", () => {
  it("is optional, stored when given, and refused in the past or more than 2 years ahead", async () => {
    const in30Days = new Date(Date.now() + 30 * 24 * 60 * 60_000);
    const { key } = await admin.apiKey.create({
      name: "Expiring",
      allInstances: true,
      instanceIds: [],
      expiresAt: in30Days,
    });
    expect(key.expiresAt).toEqual(in30Days);
    const signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: serverKey() });
    expect(signing?.expiresAt).toEqual(in30Days);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "apiKey.create", targetId: key.id } });
    expect(audit.after).toMatchObject({ expiresAt: in30Days.toISOString() });

    const { key: forever } = await admin.apiKey.create({
      name: "Forever",
      allInstances: true,
      instanceIds: [],
      expiresAt: null,
    });
    expect(forever.expiresAt).toBeNull();

    const before = await db.apiKey.count();
    for (const [expiresAt, message] of [
      [new Date(Date.now() - 60_000), "The expiry must be in the future."],
      [new Date(Date.now() + 731 * 24 * 60 * 60_000), "A key can expire at most 2 years from now."],
      [new Date(Number.NaN), "Choose a valid expiry date."],
    ] as const) {
      const error = await trpcErrorOf(
        admin.apiKey.create({ name: `Bad expiry ${randomUUID()}`, allInstances: true, instanceIds: [], expiresAt }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain(message);
    }
    expect(await db.apiKey.count()).toBe(before);
  });
});

describe("changing which instances a key reaches", () => {
  it("widens and narrows, audited before → after; signing sees the new scope; an unchanged scope writes nothing", async () => {
    const [first, second] = [await newInstance(), await newInstance()];
    const { key } = await admin.apiKey.create({ name: "Scoped", allInstances: false, instanceIds: [first.id] });
    const scopeAudits = () =>
      db.auditEvent.findMany({ where: { action: "apiKey.scope", targetId: key.id }, orderBy: { createdAt: "asc" } });
    const sorted = (ids: string[]) => [...ids].sort();

    const widened = await admin.apiKey.updateInstances({
      id: key.id,
      allInstances: false,
      instanceIds: [second.id, first.id],
    });
    expect(widened.instances.map((instance) => instance.id).sort()).toEqual(sorted([first.id, second.id]));
    const all = await admin.apiKey.updateInstances({ id: key.id, allInstances: true, instanceIds: [second.id] });
    expect(all).toMatchObject({ allInstances: true, instances: [] });
    let signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: serverKey() });
    expect(signing?.actor).toMatchObject({ allInstances: true, instanceIds: [] });

    const narrowed = await admin.apiKey.updateInstances({ id: key.id, allInstances: false, instanceIds: [second.id] });
    expect(narrowed).toMatchObject({ allInstances: false, instances: [{ id: second.id }] });
    signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: serverKey() });
    expect(signing?.actor).toMatchObject({ allInstances: false, instanceIds: [second.id] });

    await admin.apiKey.updateInstances({ id: key.id, allInstances: false, instanceIds: [second.id, second.id] });
    const audits = await scopeAudits();
    expect(audits.map((audit) => [audit.before, audit.after])).toEqual([
      [
        { allInstances: false, instanceIds: [first.id] },
        { allInstances: false, instanceIds: sorted([first.id, second.id]) },
      ],
      [
        { allInstances: false, instanceIds: sorted([first.id, second.id]) },
        { allInstances: true, instanceIds: [] },
      ],
      [
        { allInstances: true, instanceIds: [] },
        { allInstances: false, instanceIds: [second.id] },
      ],
    ]);
    expect(audits[0]).toMatchObject({ actorUserId: adminSession.user.id });
  });

  it("is refused without instances, with an unknown instance, and for a revoked or the bootstrap key", async () => {
    const instance = await newInstance();
    const { key } = await admin.apiKey.create({
      name: "Scope refusals",
      allInstances: false,
      instanceIds: [instance.id],
    });
    const empty = await trpcErrorOf(admin.apiKey.updateInstances({ id: key.id, allInstances: false, instanceIds: [] }));
    expect(empty.code).toBe("BAD_REQUEST");
    const ghost = await trpcErrorOf(
      admin.apiKey.updateInstances({ id: key.id, allInstances: false, instanceIds: [randomUUID()] }),
    );
    expect(ghost.code).toBe("NOT_FOUND");
    await ensureBootstrapApiKey({
      db,
      accessKeyId: "ATCHBOOTSTRAPSCOPE01",
      secretAccessKey: "bootstrap-secret-0123456789",
      serverKey: serverKey(),
    });
    const bootstrap = await db.apiKey.findUniqueOrThrow({ where: { accessKeyId: "ATCHBOOTSTRAPSCOPE01" } });
    const forBootstrap = await trpcErrorOf(
      admin.apiKey.updateInstances({ id: bootstrap.id, allInstances: false, instanceIds: [instance.id] }),
    );
    expect(forBootstrap.code).toBe("CONFLICT");
    await admin.apiKey.revoke({ id: key.id });
    const revoked = await trpcErrorOf(
      admin.apiKey.updateInstances({ id: key.id, allInstances: true, instanceIds: [] }),
    );
    expect(revoked.code).toBe("CONFLICT");
    expect(await db.auditEvent.count({ where: { action: "apiKey.scope", targetId: key.id } })).toBe(0);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).allInstances).toBe(false);
  });
});

// Last in the file: releasing touches every bootstrap key the tests above made.
describe("a bootstrap key no longer configured", () => {
  it("becomes an ordinary key as it is (audited), which cannot be reinstated as the bootstrap key", async () => {
    const configured = "ATCHBOOTSTRAPKEEP001";
    const dropped = await ensureBootstrapApiKey({
      db,
      accessKeyId: "ATCHBOOTSTRAPDROP001",
      secretAccessKey: "dropped-secret-0123456789",
      serverKey: serverKey(),
    });
    await admin.apiKey.revoke({ id: dropped.apiKeyId });
    const kept = await ensureBootstrapApiKey({
      db,
      accessKeyId: configured,
      secretAccessKey: "kept-secret-0123456789",
      serverKey: serverKey(),
    });

    const released = await releaseUnconfiguredBootstrapKeys({ db, configuredAccessKeyId: configured });
    expect(released).toContain("ATCHBOOTSTRAPDROP001");
    expect(released).not.toContain(configured);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: dropped.apiKeyId } });
    expect(row).toMatchObject({ isBootstrap: false, bootstrapFingerprint: null });
    expect(row.revokedAt).not.toBeNull();
    expect(
      await db.auditEvent.findFirst({ where: { action: "apiKey.release", targetId: dropped.apiKeyId } }),
    ).toMatchObject({ actorKind: "SYSTEM", actorLabel: "ATTACHE_BOOTSTRAP_ACCESS_KEY_ID" });
    expect((await trpcErrorOf(admin.apiKey.reinstate({ id: dropped.apiKeyId }))).code).toBe("BAD_REQUEST");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: kept.apiKeyId } })).isBootstrap).toBe(true);

    // An old configuration naming the released (revoked, perhaps leaked) key again cannot bring it back.
    await expect(
      ensureBootstrapApiKey({
        db,
        accessKeyId: "ATCHBOOTSTRAPDROP001",
        secretAccessKey: "another-secret-0123456789",
        serverKey: serverKey(),
      }),
    ).rejects.toThrow(
      /^ATTACHE_BOOTSTRAP_ACCESS_KEY_ID names API key ATCHBOOTSTRAPDROP001, which is not the bootstrap key/,
    );
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: dropped.apiKeyId } })).revokedAt).not.toBeNull();

    // A second start releases nothing more; with no key configured, the last one is released too.
    expect(await releaseUnconfiguredBootstrapKeys({ db, configuredAccessKeyId: configured })).toEqual([]);
    expect(await releaseUnconfiguredBootstrapKeys({ db, configuredAccessKeyId: undefined })).toEqual([configured]);
  });
});
