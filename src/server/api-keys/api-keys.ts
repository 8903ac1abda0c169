import { randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit";
import type { TDb } from "@/server/db";
import { AppError, isUniqueViolation } from "@/server/errors";
import { assertActorRole, getDefaultTeam, type TActor, type TApiKeyActor, type TUserActor } from "@/server/team/team";
import type { TApiKey, TCreateApiKey } from "./api-key-schemas";
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
async function activeKeyNames(db: TDb, teamId: string, exceptAccessKeyId?: string): Promise<Set<string>> {
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
}: {
  db: TDb;
  actor: TUserActor;
  input: TCreateApiKey;
  serverKey: string;
}): Promise<{ key: TApiKey; secretAccessKey: string }> {
  assertActorRole(actor, "admin");
  const instanceIds = input.allInstances ? [] : [...new Set(input.instanceIds)];
  const found = await db.instance.count({ where: { id: { in: instanceIds }, teamId: actor.teamId } });
  if (found !== instanceIds.length) throw new AppError("NOT_FOUND", "One of the chosen instances no longer exists.");
  if ((await activeKeyNames(db, actor.teamId)).has(input.name.toLowerCase())) throw nameTaken(input.name);
  const accessKeyId = newAccessKeyId();
  const secretAccessKey = randomBytes(30).toString("base64url");
  const key = await db
    .$transaction(async (tx) => {
      const row = await tx.apiKey.create({
        data: {
          teamId: actor.teamId,
          name: input.name,
          accessKeyId,
          secretCiphertext: sealSecret({
            serverKey,
            purpose: PURPOSE,
            context: accessKeyId,
            plaintext: secretAccessKey,
          }),
          allInstances: input.allInstances,
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
        after: { name: row.name, accessKeyId, allInstances: row.allInstances, instanceIds },
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

/**
 * Makes sure the key configured with ATTACHE_BOOTSTRAP_ACCESS_KEY_ID / _SECRET_ACCESS_KEY exists,
 * is active, reaches every instance, and has exactly that secret.
 */
export async function ensureBootstrapApiKey({
  db,
  accessKeyId,
  secretAccessKey,
  serverKey,
}: {
  db: TDb;
  accessKeyId: string;
  secretAccessKey: string;
  serverKey: string;
}) {
  const team = await getDefaultTeam(db);
  const secretCiphertext = sealSecret({
    serverKey,
    purpose: PURPOSE,
    context: accessKeyId,
    plaintext: secretAccessKey,
  });
  // Another app server starting at the same moment may take the name first: look again and retry.
  for (let attempt = 1; ; attempt++) {
    try {
      await upsertBootstrapKey(db, { teamId: team.id, accessKeyId, secretCiphertext });
      return;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

async function upsertBootstrapKey(
  db: TDb,
  { teamId, accessKeyId, secretCiphertext }: { teamId: string; accessKeyId: string; secretCiphertext: string },
) {
  const existing = await db.apiKey.findUnique({ where: { accessKeyId }, select: { teamId: true, name: true } });
  if (existing && existing.teamId !== teamId) throw new Error(`Access key ${accessKeyId} belongs to another team.`);
  // Re-activated, the key keeps its name unless an active key has taken it meanwhile.
  const taken = await activeKeyNames(db, teamId, accessKeyId);
  let name = existing?.name ?? BOOTSTRAP_KEY_NAME;
  for (let suffix = 2; taken.has(name.toLowerCase()); suffix++) name = `${BOOTSTRAP_KEY_NAME} (${suffix})`;
  await db.apiKey.upsert({
    where: { accessKeyId },
    update: { name, secretCiphertext, allInstances: true, isBootstrap: true, revokedAt: null, revokedByLabel: null },
    create: {
      teamId,
      name,
      accessKeyId,
      secretCiphertext,
      allInstances: true,
      isBootstrap: true,
      createdByLabel: "ATTACHE_BOOTSTRAP_ACCESS_KEY_ID",
    },
  });
}

export type TSigningKey = { actor: TApiKeyActor; secretAccessKey: string };

/** An active key's secret and the actor it acts as; null for unknown, revoked or unreadable keys. */
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
      allInstances: true,
      revokedAt: true,
      instances: { select: { instanceId: true } },
    },
  });
  if (!row || row.revokedAt) return null;
  const secretAccessKey = openSecret({
    serverKey,
    purpose: PURPOSE,
    context: accessKeyId,
    sealed: row.secretCiphertext,
  });
  if (secretAccessKey === null) {
    // Not the caller's fault: the server key changed or the row was altered. Say so where operators look.
    console.error(
      `[attache] The secret of API key ${accessKeyId} cannot be decrypted: ATTACHE_ENCRYPTION_KEY differs from the key it was created with.`,
    );
    return null;
  }
  return {
    secretAccessKey,
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

/** Last use is kept to the minute, so a busy key costs one write a minute, not one per request. */
export async function markApiKeyUsed({ db, apiKeyId, now = new Date() }: { db: TDb; apiKeyId: string; now?: Date }) {
  await db.apiKey.updateMany({
    where: {
      id: apiKeyId,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - USE_PRECISION_MS) } }],
    },
    data: { lastUsedAt: now },
  });
}

/**
 * `markApiKeyUsed` for a server answering API calls: it remembers when it last wrote each key's use,
 * so a busy key costs this server one statement a minute instead of one per request.
 */
export function createApiKeyUseRecorder({ db }: { db: TDb }) {
  const written = new Map<string, number>();
  return async function recordUse(apiKeyId: string, now = new Date()) {
    const last = written.get(apiKeyId);
    if (last !== undefined && Math.abs(now.getTime() - last) < USE_PRECISION_MS) return;
    if (written.size >= MAX_REMEMBERED_KEYS) written.clear();
    written.set(apiKeyId, now.getTime());
    await markApiKeyUsed({ db, apiKeyId, now });
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
