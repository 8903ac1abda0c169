import { randomBytes, scryptSync } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit";
import type { TDb } from "@/server/db";
import { AppError, isUniqueViolation } from "@/server/errors";
import { assertActorRole, getDefaultTeam, type TActor, type TApiKeyActor, type TUserActor } from "@/server/team/team";
import {
  expiryProblem,
  type TApiKey,
  type TCreateApiKey,
  type TRotateApiKey,
  type TUpdateApiKeyInstances,
} from "./api-key-schemas";
import { openSecret, sealSecret } from "./secret-box";

const PURPOSE = "attache/api-key-secret";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const apiKeySelect = {
  id: true,
  name: true,
  accessKeyId: true,
  allInstances: true,
  isBootstrap: true,
  createdAt: true,
  createdByLabel: true,
  lastUsedAt: true,
  lastUsedAddress: true,
  expiresAt: true,
  rotatedAt: true,
  previousSecretExpiresAt: true,
  revokedAt: true,
  revokedByLabel: true,
  instances: { select: { instance: { select: { id: true, alias: true } } } },
} satisfies Prisma.ApiKeySelect;

function toApiKey(row: Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>): TApiKey {
  const { instances, ...rest } = row;
  return { ...rest, instances: instances.map((link) => link.instance) };
}

const nameTaken = (name: string) =>
  new AppError("CONFLICT", `An active API key called “${name}” already exists. Choose another name.`);

/** The names of the team's active keys, lower-cased as the unique index compares them. */
async function activeKeyNames(
  db: Pick<Prisma.TransactionClient, "apiKey">,
  teamId: string,
  exceptAccessKeyId?: string,
): Promise<Set<string>> {
  const rows = await db.apiKey.findMany({
    where: { teamId, revokedAt: null, ...(exceptAccessKeyId ? { accessKeyId: { not: exceptAccessKeyId } } : {}) },
    select: { name: true },
  });
  return new Set(rows.map((row) => row.name.toLowerCase()));
}

/** "ATCH" and 16 base32 characters, shaped like AWS access key ids so tools accept it. */
function newAccessKeyId(): string {
  return `ATCH${[...randomBytes(16)].map((byte) => BASE32[byte % 32]).join("")}`;
}

const newSecretAccessKey = () => randomBytes(30).toString("base64url");

const sealKeySecret = ({
  serverKey,
  accessKeyId,
  secret,
}: {
  serverKey: string;
  accessKeyId: string;
  secret: string;
}) => sealSecret({ serverKey, purpose: PURPOSE, context: accessKeyId, plaintext: secret });

/** The instances exist in the actor's team; the de-duplicated ids ([] for all instances). */
async function checkedInstanceIds(
  db: Pick<Prisma.TransactionClient, "instance">,
  { teamId, allInstances, instanceIds }: { teamId: string; allInstances: boolean; instanceIds: string[] },
): Promise<string[]> {
  const ids = allInstances ? [] : [...new Set(instanceIds.map((id) => id.toLowerCase()))];
  const found = await db.instance.count({ where: { id: { in: ids }, teamId } });
  if (found !== ids.length) throw new AppError("NOT_FOUND", "One of the chosen instances no longer exists.");
  return ids;
}

const isExpired = (expiresAt: Date | null, now: Date) => expiresAt !== null && expiresAt.getTime() <= now.getTime();

export async function listApiKeys({ db, actor }: { db: TDb; actor: TUserActor }): Promise<TApiKey[]> {
  assertActorRole(actor, "admin");
  const rows = await db.apiKey.findMany({
    where: { teamId: actor.teamId },
    select: apiKeySelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(toApiKey);
}

/** Creates a key; the secret is returned this once and stored only encrypted. */
export async function createApiKey({
  db,
  actor,
  input,
  serverKey,
  now = new Date(),
}: {
  db: TDb;
  actor: TUserActor;
  input: TCreateApiKey;
  serverKey: string;
  now?: Date;
}): Promise<{ key: TApiKey; secretAccessKey: string }> {
  assertActorRole(actor, "admin");
  const expiresAt = input.expiresAt ?? null;
  const problem = expiresAt ? expiryProblem(expiresAt, now) : null;
  if (problem) throw new AppError("INVALID_INPUT", problem);
  const instanceIds = await checkedInstanceIds(db, { teamId: actor.teamId, ...input });
  if ((await activeKeyNames(db, actor.teamId)).has(input.name.toLowerCase())) throw nameTaken(input.name);
  const accessKeyId = newAccessKeyId();
  const secretAccessKey = newSecretAccessKey();
  const key = await db
    .$transaction(async (tx) => {
      const row = await tx.apiKey.create({
        data: {
          teamId: actor.teamId,
          name: input.name,
          accessKeyId,
          secretCiphertext: sealKeySecret({ serverKey, accessKeyId, secret: secretAccessKey }),
          allInstances: input.allInstances,
          expiresAt,
          createdByLabel: actor.label,
          instances: { create: instanceIds.map((instanceId) => ({ instanceId })) },
        },
        select: apiKeySelect,
      });
      await recordAudit(tx, {
        actor,
        action: "apiKey.create",
        targetType: "ApiKey",
        targetId: row.id,
        after: {
          name: row.name,
          accessKeyId,
          allInstances: row.allInstances,
          instanceIds,
          ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
        },
      });
      return toApiKey(row);
    })
    .catch((error: unknown) => {
      // Two admins choosing the same name at once: the partial unique index on active names decides.
      throw isUniqueViolation(error) ? nameTaken(input.name) : error;
    });
  return { key, secretAccessKey };
}

export async function revokeApiKey({ db, actor, id }: { db: TDb; actor: TUserActor; id: string }): Promise<TApiKey> {
  assertActorRole(actor, "admin");
  return db.$transaction(async (tx) => {
    const existing = await tx.apiKey.findFirst({ where: { id, teamId: actor.teamId }, select: { revokedAt: true } });
    if (!existing) throw new AppError("NOT_FOUND", "That API key no longer exists.");
    if (existing.revokedAt) throw new AppError("CONFLICT", "That API key is already revoked.");
    const row = await tx.apiKey.update({
      where: { id },
      data: { revokedAt: new Date(), revokedByLabel: actor.label },
      select: apiKeySelect,
    });
    await recordAudit(tx, { actor, action: "apiKey.revoke", targetType: "ApiKey", targetId: id });
    return toApiKey(row);
  });
}

/** The key, locked for the rest of the transaction; refused unless it is active and not the bootstrap key. */
async function lockChangeableKey(
  tx: Prisma.TransactionClient,
  { actor, id, now }: { actor: TUserActor; id: string; now: Date },
) {
  await tx.$queryRaw`SELECT 1 FROM "ApiKey" WHERE "id" = ${id}::uuid AND "teamId" = ${actor.teamId}::uuid FOR UPDATE`;
  const key = await tx.apiKey.findFirst({
    where: { id, teamId: actor.teamId },
    select: {
      accessKeyId: true,
      secretCiphertext: true,
      previousSecretExpiresAt: true,
      isBootstrap: true,
      expiresAt: true,
      revokedAt: true,
      allInstances: true,
      instances: { select: { instanceId: true } },
    },
  });
  if (!key) throw new AppError("NOT_FOUND", "That API key no longer exists.");
  if (key.revokedAt) throw new AppError("CONFLICT", "That API key is revoked.");
  if (isExpired(key.expiresAt, now))
    throw new AppError("CONFLICT", "That API key has expired. Create a new key instead.");
  if (key.isBootstrap) {
    throw new AppError(
      "CONFLICT",
      "The bootstrap key comes from the configuration: change ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY and restart instead, or create a key in the console.",
    );
  }
  return key;
}

/**
 * Gives the key a new secret (returned this once) under the same access key id. The secret it had
 * keeps working for `graceHours`, so clients can be moved over; a rotation during a grace period
 * replaces the secret from before, which then stops at once.
 */
export async function rotateApiKey({
  db,
  actor,
  input,
  serverKey,
  now = new Date(),
}: {
  db: TDb;
  actor: TUserActor;
  input: TRotateApiKey;
  serverKey: string;
  now?: Date;
}): Promise<{ key: TApiKey; secretAccessKey: string }> {
  assertActorRole(actor, "admin");
  const secretAccessKey = newSecretAccessKey();
  const key = await db.$transaction(async (tx) => {
    const existing = await lockChangeableKey(tx, { actor, id: input.id, now });
    const graceUntil = input.graceHours > 0 ? new Date(now.getTime() + input.graceHours * 60 * 60_000) : null;
    const replacedGrace =
      existing.previousSecretExpiresAt && existing.previousSecretExpiresAt > now
        ? existing.previousSecretExpiresAt
        : null;
    const row = await tx.apiKey.update({
      where: { id: input.id },
      data: {
        secretCiphertext: sealKeySecret({ serverKey, accessKeyId: existing.accessKeyId, secret: secretAccessKey }),
        // The old secret's box is kept as it is: same purpose, same context (the access key id).
        previousSecretCiphertext: graceUntil ? existing.secretCiphertext : null,
        previousSecretExpiresAt: graceUntil,
        rotatedAt: now,
      },
      select: apiKeySelect,
    });
    await recordAudit(tx, {
      actor,
      action: "apiKey.rotate",
      targetType: "ApiKey",
      targetId: input.id,
      ...(replacedGrace ? { before: { graceUntil: replacedGrace.toISOString() } } : {}),
      after: { graceUntil: graceUntil?.toISOString() ?? null },
      ...(replacedGrace
        ? {
            reason:
              "Rotated again during a grace period: the secret from before the previous rotation stopped working.",
          }
        : {}),
    });
    return toApiKey(row);
  });
  return { key, secretAccessKey };
}

/** Widens or narrows the instances a key reaches; audited before → after (nothing when unchanged). */
export async function updateApiKeyInstances({
  db,
  actor,
  input,
  now = new Date(),
}: {
  db: TDb;
  actor: TUserActor;
  input: TUpdateApiKeyInstances;
  now?: Date;
}): Promise<TApiKey> {
  assertActorRole(actor, "admin");
  return db.$transaction(async (tx) => {
    const existing = await lockChangeableKey(tx, { actor, id: input.id, now });
    const instanceIds = (await checkedInstanceIds(tx, { teamId: actor.teamId, ...input })).sort();
    const before = {
      allInstances: existing.allInstances,
      instanceIds: existing.instances.map((link) => link.instanceId).sort(),
    };
    const after = { allInstances: input.allInstances, instanceIds };
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await tx.apiKeyInstance.deleteMany({ where: { apiKeyId: input.id, instanceId: { notIn: instanceIds } } });
      await tx.apiKeyInstance.createMany({
        data: instanceIds.map((instanceId) => ({ apiKeyId: input.id, instanceId })),
        skipDuplicates: true,
      });
      await tx.apiKey.update({ where: { id: input.id }, data: { allInstances: input.allInstances } });
      await recordAudit(tx, { actor, action: "apiKey.scope", targetType: "ApiKey", targetId: input.id, before, after });
    }
    return toApiKey(await tx.apiKey.findUniqueOrThrow({ where: { id: input.id }, select: apiKeySelect }));
  });
}

const BOOTSTRAP_KEY_NAME = "Bootstrap key (from the environment)";

/**
 * Revokes, in the caller's transaction, the active keys whose only instance is `instance` (it is
 * about to be deleted); keys that also reach other instances keep those. Audited per key.
 */
export async function revokeApiKeysOnlyFor(
  tx: Prisma.TransactionClient,
  { actor, instance }: { actor: TActor; instance: { id: string; alias: string } },
): Promise<Array<{ id: string; name: string; accessKeyId: string }>> {
  const keys = await tx.apiKey.findMany({
    where: {
      teamId: actor.teamId,
      revokedAt: null,
      allInstances: false,
      instances: { some: { instanceId: instance.id }, every: { instanceId: instance.id } },
    },
    select: { id: true, name: true, accessKeyId: true },
    orderBy: { createdAt: "asc" },
  });
  if (!keys.length) return [];
  await tx.apiKey.updateMany({
    where: { id: { in: keys.map((key) => key.id) } },
    data: { revokedAt: new Date(), revokedByLabel: actor.label },
  });
  for (const key of keys) {
    await recordAudit(tx, {
      actor,
      action: "apiKey.revoke",
      targetType: "ApiKey",
      targetId: key.id,
      reason: `Its only instance, “${instance.alias}”, was deleted.`,
    });
  }
  return keys;
}

/** Who the audit log says changed the bootstrap key at a start. */
const BOOTSTRAP_ACTOR_LABEL = "ATTACHE_BOOTSTRAP_ACCESS_KEY_ID";
const FINGERPRINT_VERSION = "s1";
/** Starts of several app servers queue on this transaction-scoped advisory lock. */
const BOOTSTRAP_LOCK = "attache:bootstrap-api-key";

/**
 * A one-way fingerprint of the configured values (never the secret itself): scrypt of the access key
 * id and secret, salted with the access key id. It does not depend on ATTACHE_ENCRYPTION_KEY, so a
 * new server key does not look like a new secret, and a stolen database does not give cheap guesses
 * at the secret either.
 */
export function bootstrapFingerprint({
  accessKeyId,
  secretAccessKey,
}: {
  accessKeyId: string;
  secretAccessKey: string;
}): string {
  const hash = scryptSync(
    JSON.stringify([accessKeyId, secretAccessKey]),
    `attache/bootstrap-key-fingerprint/${accessKeyId}`,
    32,
  );
  return `${FINGERPRINT_VERSION}.${hash.toString("base64url")}`;
}

/** What a start did to the configured bootstrap key (the launcher logs it). */
export type TBootstrapKeyResult =
  /** There was no key with this access key id: it was created (audited). */
  | { status: "created"; apiKeyId: string; accessKeyId: string; name: string }
  /** Active with the configured values already: nothing written. */
  | { status: "unchanged"; apiKeyId: string; accessKeyId: string; name: string }
  /** Active, but the configured secret changed: it has the new secret now (audited as apiKey.rotate). */
  | { status: "updated"; apiKeyId: string; accessKeyId: string; name: string }
  /** Revoked, and the configured secret changed since: active again with the new secret (audited). */
  | { status: "reactivated"; apiKeyId: string; accessKeyId: string; name: string }
  /** Revoked in the console and configured with the same values: it stays revoked; nothing written. */
  | {
      status: "revoked";
      apiKeyId: string;
      accessKeyId: string;
      name: string;
      revokedAt: Date;
      revokedByLabel: string | null;
    };

/**
 * A name for the bootstrap key that no other active key of the team has: its own (or the usual one),
 * else the usual one with the first free number.
 */
async function freeBootstrapName(
  db: Pick<Prisma.TransactionClient, "apiKey">,
  teamId: string,
  accessKeyId: string,
  current?: string,
) {
  const taken = await activeKeyNames(db, teamId, accessKeyId);
  let name = current ?? BOOTSTRAP_KEY_NAME;
  for (let suffix = 2; taken.has(name.toLowerCase()); suffix++) name = `${BOOTSTRAP_KEY_NAME} (${suffix})`;
  return name;
}

/**
 * At every start: a key that came from ATTACHE_BOOTSTRAP_ACCESS_KEY_ID but is not the configured one
 * any more (the variable changed or was removed) becomes an ordinary key, as it is — active or
 * revoked — so it can be rotated, scoped or revoked like any other and never reinstated as the
 * bootstrap key (audited, actor SYSTEM). Returns the access key ids it released.
 */
export async function releaseUnconfiguredBootstrapKeys({
  db,
  configuredAccessKeyId,
}: {
  db: TDb;
  configuredAccessKeyId: string | undefined;
}): Promise<string[]> {
  const team = await getDefaultTeam(db);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${BOOTSTRAP_LOCK}, 0))`;
    const released = await tx.apiKey.findMany({
      where: {
        teamId: team.id,
        isBootstrap: true,
        ...(configuredAccessKeyId ? { accessKeyId: { not: configuredAccessKeyId } } : {}),
      },
      select: { id: true, name: true, accessKeyId: true },
    });
    for (const key of released) {
      await tx.apiKey.update({ where: { id: key.id }, data: { isBootstrap: false, bootstrapFingerprint: null } });
      await tx.auditEvent.create({
        data: {
          teamId: team.id,
          actorKind: "SYSTEM",
          actorLabel: BOOTSTRAP_ACTOR_LABEL,
          targetType: "ApiKey",
          targetId: key.id,
          action: "apiKey.release",
          before: { name: key.name, bootstrap: true },
          after: { name: key.name, bootstrap: false },
          reason:
            "ATTACHE_BOOTSTRAP_ACCESS_KEY_ID no longer names this key: it is an ordinary key now, and cannot be reinstated as the bootstrap key.",
        },
      });
    }
    return released.map((key) => key.accessKeyId);
  });
}

/**
 * Makes sure the key configured with ATTACHE_BOOTSTRAP_ACCESS_KEY_ID / _SECRET_ACCESS_KEY exists and
 * reaches every instance, at every start of every app server:
 * - absent: created, active, with the configured secret (audited apiKey.create, actor SYSTEM);
 * - present with the configured values: left as it is, active or revoked in the console (nothing
 *   written; `status: "revoked"` tells the launcher to say so);
 * - present with another secret (the configuration changed): given the configured secret and made
 *   active again (audited apiKey.rotate when it was active, apiKey.reactivate when it was revoked).
 * Servers starting at the same moment queue on an advisory lock, so there is one key and one event.
 */
export async function ensureBootstrapApiKey({
  db,
  accessKeyId,
  secretAccessKey,
  serverKey,
  now = new Date(),
}: {
  db: TDb;
  accessKeyId: string;
  secretAccessKey: string;
  serverKey: string;
  now?: Date;
}): Promise<TBootstrapKeyResult> {
  const team = await getDefaultTeam(db);
  const fingerprint = bootstrapFingerprint({ accessKeyId, secretAccessKey });
  // An admin creating a key with the same name at the same moment: look again and retry.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${BOOTSTRAP_LOCK}, 0))`;
          return await applyBootstrapKey(tx, {
            teamId: team.id,
            accessKeyId,
            secretAccessKey,
            fingerprint,
            serverKey,
            now,
          });
        },
        { maxWait: 10_000, timeout: 15_000 },
      );
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

async function applyBootstrapKey(
  tx: Prisma.TransactionClient,
  {
    teamId,
    accessKeyId,
    secretAccessKey,
    fingerprint,
    serverKey,
    now,
  }: {
    teamId: string;
    accessKeyId: string;
    secretAccessKey: string;
    fingerprint: string;
    serverKey: string;
    now: Date;
  },
): Promise<TBootstrapKeyResult> {
  const existing = await tx.apiKey.findUnique({
    where: { accessKeyId },
    select: {
      id: true,
      teamId: true,
      name: true,
      secretCiphertext: true,
      bootstrapFingerprint: true,
      isBootstrap: true,
      allInstances: true,
      expiresAt: true,
      previousSecretCiphertext: true,
      revokedAt: true,
      revokedByLabel: true,
    },
  });
  if (existing && existing.teamId !== teamId) throw new Error(`Access key ${accessKeyId} belongs to another team.`);
  const secretCiphertext = sealKeySecret({ serverKey, accessKeyId, secret: secretAccessKey });
  const system = { teamId, actorKind: "SYSTEM" as const, actorLabel: BOOTSTRAP_ACTOR_LABEL, targetType: "ApiKey" };

  if (!existing) {
    const name = await freeBootstrapName(tx, teamId, accessKeyId);
    const row = await tx.apiKey.create({
      data: {
        teamId,
        name,
        accessKeyId,
        secretCiphertext,
        bootstrapFingerprint: fingerprint,
        allInstances: true,
        isBootstrap: true,
        createdByLabel: BOOTSTRAP_ACTOR_LABEL,
      },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: {
        ...system,
        action: "apiKey.create",
        targetId: row.id,
        after: { name, accessKeyId, allInstances: true, instanceIds: [] },
        reason: "Created at start from the configuration (ATTACHE_BOOTSTRAP_ACCESS_KEY_ID).",
      },
    });
    return { status: "created", apiKeyId: row.id, accessKeyId, name };
  }

  // A key made in the console, or released when the variable named another key: never adopted, so a
  // revoked (perhaps leaked) key cannot come back because an old configuration names it again.
  if (!existing.isBootstrap) {
    throw new Error(
      `ATTACHE_BOOTSTRAP_ACCESS_KEY_ID names API key ${accessKeyId}, which is not the bootstrap key (it was created in the console, or released when the variable named another key): choose a new access key id.`,
    );
  }

  // Keys stored before fingerprints were: the same values if the stored secret is the configured one.
  const sameValues =
    existing.bootstrapFingerprint === null
      ? openSecret({ serverKey, purpose: PURPOSE, context: accessKeyId, sealed: existing.secretCiphertext }) ===
        secretAccessKey
      : existing.bootstrapFingerprint === fingerprint;
  const base = { apiKeyId: existing.id, accessKeyId, name: existing.name };

  if (sameValues && existing.revokedAt) {
    if (existing.bootstrapFingerprint === null)
      await tx.apiKey.update({ where: { id: existing.id }, data: { bootstrapFingerprint: fingerprint } });
    return { status: "revoked", ...base, revokedAt: existing.revokedAt, revokedByLabel: existing.revokedByLabel };
  }
  const asConfigured =
    existing.allInstances && existing.expiresAt === null && existing.previousSecretCiphertext === null;
  if (sameValues && asConfigured) {
    if (existing.bootstrapFingerprint === null)
      await tx.apiKey.update({ where: { id: existing.id }, data: { bootstrapFingerprint: fingerprint } });
    return { status: "unchanged", ...base };
  }

  // Another secret (or, active, a key no longer as configured): exactly the configured key again.
  const reactivating = existing.revokedAt !== null;
  const name = reactivating ? await freeBootstrapName(tx, teamId, accessKeyId, existing.name) : existing.name;
  await tx.apiKey.update({
    where: { id: existing.id },
    data: {
      name,
      secretCiphertext,
      bootstrapFingerprint: fingerprint,
      previousSecretCiphertext: null,
      previousSecretExpiresAt: null,
      expiresAt: null,
      allInstances: true,
      isBootstrap: true,
      revokedAt: null,
      revokedByLabel: null,
      ...(sameValues ? {} : { rotatedAt: now }),
    },
  });
  await tx.auditEvent.create({
    data: {
      ...system,
      action: reactivating ? "apiKey.reactivate" : "apiKey.rotate",
      targetId: existing.id,
      before: {
        name: existing.name,
        ...(reactivating ? { revokedAt: existing.revokedAt?.toISOString(), revokedBy: existing.revokedByLabel } : {}),
      },
      after: { name, allInstances: true },
      reason: sameValues
        ? "Restored at start to the configuration (ATTACHE_BOOTSTRAP_ACCESS_KEY_ID): every instance, no expiry."
        : reactivating
          ? "The configured secret (ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY) changed since the key was revoked: active again with the new secret."
          : "The configured secret (ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY) changed: the key has the new secret.",
    },
  });
  return { status: reactivating ? "reactivated" : "updated", ...base, name };
}

/**
 * Undoes the revocation of the bootstrap key (the key from the configuration), which a restart with
 * the same configuration no longer does. Other keys stay revoked for good; an expired key cannot be
 * brought back either. Keeps its name unless an active key has taken it meanwhile. Audited.
 */
export async function reinstateApiKey({
  db,
  actor,
  id,
  now = new Date(),
}: {
  db: TDb;
  actor: TUserActor;
  id: string;
  now?: Date;
}): Promise<TApiKey> {
  assertActorRole(actor, "admin");
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "ApiKey" WHERE "id" = ${id}::uuid AND "teamId" = ${actor.teamId}::uuid FOR UPDATE`;
    const existing = await tx.apiKey.findFirst({
      where: { id, teamId: actor.teamId },
      select: {
        accessKeyId: true,
        name: true,
        isBootstrap: true,
        expiresAt: true,
        revokedAt: true,
        revokedByLabel: true,
      },
    });
    if (!existing) throw new AppError("NOT_FOUND", "That API key no longer exists.");
    if (!existing.revokedAt) throw new AppError("CONFLICT", "That API key is not revoked.");
    if (!existing.isBootstrap) {
      throw new AppError(
        "INVALID_INPUT",
        "Only the bootstrap key from the configuration can be reinstated; a revoked key stays revoked. Create a new key instead.",
      );
    }
    if (isExpired(existing.expiresAt, now))
      throw new AppError("CONFLICT", "That API key has expired. Create a new key instead.");
    const name = await freeBootstrapName(tx, actor.teamId, existing.accessKeyId, existing.name);
    const row = await tx.apiKey.update({
      where: { id },
      data: { name, revokedAt: null, revokedByLabel: null },
      select: apiKeySelect,
    });
    await recordAudit(tx, {
      actor,
      action: "apiKey.reinstate",
      targetType: "ApiKey",
      targetId: id,
      before: { name: existing.name, revokedAt: existing.revokedAt.toISOString(), revokedBy: existing.revokedByLabel },
      after: { name },
    });
    return toApiKey(row);
  });
}

export type TSigningKey = {
  actor: TApiKeyActor;
  secretAccessKey: string;
  /** After this the key is refused like a revoked one (null: never). Checked per request, against its time. */
  expiresAt: Date | null;
  /** The secret from before the last rotation and the end of its grace period, if it had one. */
  previous: { secretAccessKey: string; expiresAt: Date } | null;
};

/**
 * A non-revoked key's secrets, expiry and the actor it acts as; null for unknown, revoked or
 * unreadable keys. Whether it has expired, and whether the previous secret's grace period still
 * runs, is for the caller to decide at the request's time.
 */
export async function findSigningKey({
  db,
  accessKeyId,
  serverKey,
}: {
  db: TDb;
  accessKeyId: string;
  serverKey: string;
}): Promise<TSigningKey | null> {
  const row = await db.apiKey.findUnique({
    where: { accessKeyId },
    select: {
      id: true,
      teamId: true,
      name: true,
      secretCiphertext: true,
      previousSecretCiphertext: true,
      previousSecretExpiresAt: true,
      expiresAt: true,
      allInstances: true,
      revokedAt: true,
      instances: { select: { instanceId: true } },
    },
  });
  if (!row || row.revokedAt) return null;
  const open = (sealed: string) => openSecret({ serverKey, purpose: PURPOSE, context: accessKeyId, sealed });
  const secretAccessKey = open(row.secretCiphertext);
  if (secretAccessKey === null) {
    // Not the caller's fault: the server key changed or the row was altered. Say so where operators look.
    console.error(
      `[attache] The secret of API key ${accessKeyId} cannot be decrypted: ATTACHE_ENCRYPTION_KEY differs from the key it was created with.`,
    );
    return null;
  }
  const previousSecret = row.previousSecretCiphertext ? open(row.previousSecretCiphertext) : null;
  return {
    secretAccessKey,
    expiresAt: row.expiresAt,
    previous:
      previousSecret !== null && row.previousSecretExpiresAt
        ? { secretAccessKey: previousSecret, expiresAt: row.previousSecretExpiresAt }
        : null,
    actor: {
      kind: "apiKey",
      apiKeyId: row.id,
      teamId: row.teamId,
      label: `API key ${accessKeyId} (${row.name})`,
      allInstances: row.allInstances,
      instanceIds: row.instances.map((link) => link.instanceId),
    },
  };
}

const USE_PRECISION_MS = 60_000;
const MAX_REMEMBERED_KEYS = 10_000;
/** Longer than any IPv6 address with a zone index; anything longer is cut. */
export const MAX_ADDRESS_LENGTH = 64;

/**
 * Last use (time and client address) is kept to the minute, so a busy key costs one write a
 * minute, not one per request; the address is the one of the use that was written.
 */
export async function markApiKeyUsed({
  db,
  apiKeyId,
  now = new Date(),
  address = null,
}: {
  db: TDb;
  apiKeyId: string;
  now?: Date;
  address?: string | null;
}) {
  await db.apiKey.updateMany({
    where: {
      id: apiKeyId,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - USE_PRECISION_MS) } }],
    },
    data: { lastUsedAt: now, lastUsedAddress: address ? address.slice(0, MAX_ADDRESS_LENGTH) : null },
  });
}

/**
 * `markApiKeyUsed` for a server answering API calls: it remembers when it last wrote each key's use,
 * so a busy key costs this server one statement a minute instead of one per request.
 */
export function createApiKeyUseRecorder({ db }: { db: TDb }) {
  const written = new Map<string, number>();
  return async function recordUse(apiKeyId: string, now = new Date(), address: string | null = null) {
    const last = written.get(apiKeyId);
    if (last !== undefined && Math.abs(now.getTime() - last) < USE_PRECISION_MS) return;
    if (written.size >= MAX_REMEMBERED_KEYS) written.clear();
    written.set(apiKeyId, now.getTime());
    await markApiKeyUsed({ db, apiKeyId, now, address });
  };
}

/**
 * Fails when `serverKey` is not the key the existing API keys were sealed with (a new
 * ATTACHE_ENCRYPTION_KEY, or another server's generated one), so a start never silently locks every
 * API client out.
 */
export async function assertServerKeyOpensApiKeys({ db, serverKey }: { db: TDb; serverKey: string }) {
  const newest = await db.apiKey.findFirst({
    where: { revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { accessKeyId: true, secretCiphertext: true },
  });
  if (!newest) return;
  const opened = openSecret({
    serverKey,
    purpose: PURPOSE,
    context: newest.accessKeyId,
    sealed: newest.secretCiphertext,
  });
  if (opened === null) {
    throw new Error(
      `ATTACHE_ENCRYPTION_KEY cannot decrypt the API keys in this database (for example ${newest.accessKeyId}). ` +
        "Set it to the key they were created with (every app server needs the same value), or revoke and recreate the keys.",
    );
  }
}
