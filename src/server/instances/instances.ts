import type { Prisma } from "@/generated/prisma/client";
import { revokeApiKeysOnlyFor } from "@/server/api-keys/api-keys";
import { recordAudit } from "@/server/audit";
import type { TDb } from "@/server/db";
import { AppError, isUniqueViolation } from "@/server/errors";
import { assertActorRole, type TActor } from "@/server/team/team";
import { collectUnusedBlobs } from "@/server/workspaces/blobs";
import type {
  TCreateInstance,
  TDeletedInstance,
  TDeleteInstance,
  TInstance,
  TRenameInstance,
} from "./instance-schemas";

export type TArnContext = { region: string; accountId: string };

const instanceSelect = {
  id: true,
  alias: true,
  arn: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.InstanceSelect;

export function instanceArn(id: string, context: TArnContext): string {
  return `arn:aws:connect:${context.region}:${context.accountId}:instance/${id}`;
}

/** The instances `actor` may reach: its team's, narrowed to an API key's scope. */
export function reachableInstances(actor: TActor): Prisma.InstanceWhereInput {
  if (actor.kind === "apiKey" && !actor.allInstances) {
    return { teamId: actor.teamId, id: { in: [...actor.instanceIds] } };
  }
  return { teamId: actor.teamId };
}

export async function listInstances({ db, actor }: { db: TDb; actor: TActor }): Promise<TInstance[]> {
  return db.instance.findMany({
    where: reachableInstances(actor),
    select: instanceSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export type TInstanceCursor = { createdAt: Date; id: string };

const INSTANCES_PAGE_SQL = `
SELECT i."id", i."alias", i."arn",
  i."createdAt" AT TIME ZONE 'UTC' AS "createdAt", i."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt"
FROM "Instance" i
WHERE i."teamId" = $1::uuid
  AND ($2::uuid[] IS NULL OR i."id" = ANY($2::uuid[]))
  AND ($3::timestamptz IS NULL OR (i."createdAt", i."id") > ($3::timestamptz AT TIME ZONE 'UTC', $4::uuid))
ORDER BY i."createdAt", i."id"
LIMIT $5`;

/**
 * One page in creation order; `next` is where the following page starts, if there is one. Every
 * ListInstances call: one typed, prepared statement (timestamps are stored as UTC without a zone).
 */
export async function listInstancesPage({
  db,
  actor,
  limit,
  after,
}: {
  db: TDb;
  actor: TActor;
  limit: number;
  after?: TInstanceCursor;
}): Promise<{ instances: TInstance[]; next: TInstanceCursor | null }> {
  const scoped = actor.kind === "apiKey" && !actor.allInstances ? [...actor.instanceIds] : null;
  const { rows } = await db.pool.query<TInstance>({
    name: "attache.instances-page",
    text: INSTANCES_PAGE_SQL,
    values: [actor.teamId, scoped, after?.createdAt.toISOString() ?? null, after?.id ?? null, limit + 1],
  });
  const instances = rows.slice(0, limit);
  const last = instances.at(-1);
  return { instances, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How `reference` (an instance id, or its ARN as Amazon Connect also accepts) is looked up; null: it names none. */
export function instanceReference(reference: string): { id: string } | { arn: string } | null {
  if (UUID.test(reference)) return { id: reference.toLowerCase() };
  return reference.startsWith("arn:") ? { arn: reference } : null;
}

/**
 * The instance found for `reference`, if `actor` may reach it: NOT_FOUND when it does not exist for
 * this team, FORBIDDEN when an API key's scope leaves it out.
 */
export function assertReachable<T extends { id: string }>(actor: TActor, reference: string, instance: T | null): T {
  if (!instance) throw new AppError("NOT_FOUND", `Instance ${reference} does not exist.`);
  if (actor.kind === "apiKey" && !actor.allInstances && !actor.instanceIds.includes(instance.id)) {
    throw new AppError("FORBIDDEN", `This API key has no access to instance ${instance.id}.`);
  }
  return instance;
}

/** The instance `reference` names, if `actor` may reach it (see assertReachable). */
export async function requireInstance({
  db,
  actor,
  reference,
}: {
  db: TDb;
  actor: TActor;
  reference: string;
}): Promise<TInstance> {
  const where = instanceReference(reference);
  const instance = where
    ? await db.instance.findFirst({ where: { ...where, teamId: actor.teamId }, select: instanceSelect })
    : null;
  return assertReachable(actor, reference, instance);
}

async function assertAliasFree(db: TDb, alias: string, exceptId?: string) {
  const clash = await db.instance.findFirst({
    where: { alias: { equals: alias, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError("CONFLICT", `An instance called "${alias}" already exists. Choose another alias.`);
}

function rethrowAliasClash(alias: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `An instance called "${alias}" already exists. Choose another alias.`);
    }
    throw error;
  };
}

export async function createInstance({
  db,
  actor,
  input,
  arnContext,
}: {
  db: TDb;
  actor: TActor;
  input: TCreateInstance;
  arnContext: TArnContext;
}): Promise<TInstance> {
  assertActorRole(actor, "editor");
  await assertAliasFree(db, input.alias);
  const id = crypto.randomUUID();
  return db
    .$transaction(async (tx) => {
      const instance = await tx.instance.create({
        data: { id, alias: input.alias, arn: instanceArn(id, arnContext), teamId: actor.teamId },
        select: instanceSelect,
      });
      await recordAudit(tx, {
        actor,
        action: "instance.create",
        targetType: "Instance",
        targetId: instance.id,
        after: { alias: instance.alias, arn: instance.arn },
      });
      return instance;
    })
    .catch(rethrowAliasClash(input.alias));
}

export async function renameInstance({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  input: TRenameInstance;
}): Promise<TInstance> {
  assertActorRole(actor, "editor");
  const existing = await db.instance.findFirst({ where: { id: input.id, teamId: actor.teamId }, select: { id: true } });
  if (!existing) throw new AppError("NOT_FOUND", "That instance no longer exists.");
  await assertAliasFree(db, input.alias, input.id);
  return db
    .$transaction(async (tx) => {
      // The row locked as it is read, so the audited "before" is the alias this rename replaced.
      const [current] = await tx.$queryRaw<Array<{ alias: string }>>`
        SELECT "alias" FROM "Instance" WHERE "id" = ${input.id}::uuid FOR UPDATE`;
      if (!current) throw new AppError("NOT_FOUND", "That instance no longer exists.");
      const instance = await tx.instance.update({
        where: { id: input.id },
        data: { alias: input.alias },
        select: instanceSelect,
      });
      if (current.alias !== instance.alias) {
        await recordAudit(tx, {
          actor,
          action: "instance.rename",
          targetType: "Instance",
          targetId: instance.id,
          before: { alias: current.alias },
          after: { alias: instance.alias },
        });
      }
      return instance;
    })
    .catch(rethrowAliasClash(input.alias));
}

/**
 * Deletes an instance with its policies and their history, once the alias is typed exactly; the API
 * keys that reached only this instance are revoked with it. All in one transaction, audited.
 */
export async function deleteInstance({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  input: TDeleteInstance;
}): Promise<TDeletedInstance> {
  assertActorRole(actor, "admin");
  const { deleted, images } = await db.$transaction(async (tx) => {
    const instance = await tx.instance.findFirst({
      where: { id: input.id, teamId: actor.teamId },
      select: {
        id: true,
        alias: true,
        arn: true,
        attachedFilesConfigurations: {
          select: {
            scope: true,
            maximumSizeLimitInBytes: true,
            allowedExtensions: true,
            isDefault: true,
            version: true,
          },
          orderBy: { scope: "asc" },
        },
      },
    });
    if (!instance) throw new AppError("NOT_FOUND", "That instance no longer exists.");
    if (input.confirmAlias !== instance.alias) {
      throw new AppError("INVALID_INPUT", `Type the alias “${instance.alias}” exactly to delete it.`);
    }
    const revokedApiKeys = await revokeApiKeysOnlyFor(tx, { actor, instance });
    const media = await tx.workspaceMedia.findMany({
      where: { workspace: { instanceId: instance.id } },
      select: { contentHash: true, previousContentHash: true },
    });
    // Its policies, their history, its workspaces and the keys' links to it go with it (ON DELETE CASCADE).
    const { count } = await tx.instance.deleteMany({ where: { id: instance.id, teamId: actor.teamId } });
    if (count !== 1) throw new AppError("NOT_FOUND", "That instance no longer exists.");
    await recordAudit(tx, {
      actor,
      action: "instance.delete",
      targetType: "Instance",
      targetId: instance.id,
      before: { alias: instance.alias, arn: instance.arn, policies: instance.attachedFilesConfigurations },
    });
    return {
      deleted: { id: instance.id, alias: instance.alias, revokedApiKeys },
      images: media.flatMap((item) => [item.contentHash, item.previousContentHash ?? []].flat()),
    };
  });
  // Its workspaces' images are no longer used (unless another instance imported the same ones).
  await collectUnusedBlobs(db, images);
  return deleted;
}
