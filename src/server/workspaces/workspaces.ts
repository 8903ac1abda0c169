import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit";
import type { TDb } from "@/server/db";
import { AppError, isUniqueViolation } from "@/server/errors";
import type { TInstance } from "@/server/instances/instance-schemas";
import { requireInstance } from "@/server/instances/instances";
import { assertActorRole, type TActor } from "@/server/team/team";
import { collectUnusedBlobs } from "./blobs";
import { MAX_WORKSPACES_PER_INSTANCE, type TWorkspaceVisibility } from "./workspace-rules";
import type { TWorkspace, TWorkspaceTheme } from "./workspace-schemas";

type TTx = Prisma.TransactionClient;

/** Writers of one workspace queue on its row lock; give them longer than Prisma's defaults. */
export const WORKSPACE_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export const workspaceSelect = {
  id: true,
  arn: true,
  instanceId: true,
  name: true,
  description: true,
  title: true,
  visibility: true,
  theme: true,
  tags: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WorkspaceSelect;
type TWorkspaceRow = Prisma.WorkspaceGetPayload<{ select: typeof workspaceSelect }>;

export function toWorkspace(row: TWorkspaceRow): TWorkspace {
  return {
    ...row,
    // Both were validated against the model's shapes before they were stored.
    theme: (row.theme ?? {}) as TWorkspaceTheme,
    tags: (row.tags ?? {}) as Record<string, string>,
  };
}

/**
 * Names are unique per instance ignoring case, compatibility forms (NFKC: "ﬁ" is "fi", full-width is
 * ASCII) and invisible format characters, so two names that look the same are the same name.
 */
export function workspaceNameKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .toLowerCase();
}

export function workspaceArn(instanceArn: string, workspaceId: string): string {
  return `${instanceArn}/workspace/${workspaceId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a WorkspaceId member (an id, or the workspace's ARN) is looked up; null: it names none. */
function workspaceWhere(instance: TInstance, reference: string): Prisma.WorkspaceWhereInput | null {
  if (UUID.test(reference)) return { id: reference.toLowerCase(), instanceId: instance.id };
  if (reference.startsWith(`${instance.arn}/workspace/`)) return { arn: reference, instanceId: instance.id };
  return null;
}

function notFound(reference: string): AppError {
  return new AppError("NOT_FOUND", `Workspace ${reference} does not exist in this instance.`);
}

function nameTaken(name: string): AppError {
  return new AppError(
    "ALREADY_EXISTS",
    `A workspace called "${name}" already exists in this instance. Choose another name.`,
  );
}

export type TWorkspaceTarget = { db: TDb; actor: TActor; instanceId: string; workspaceId: string };

/** The workspace, if `actor` may reach its instance. */
export async function getWorkspace({ db, actor, instanceId, workspaceId }: TWorkspaceTarget): Promise<TWorkspace> {
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const where = workspaceWhere(instance, workspaceId);
  const row = where ? await db.workspace.findFirst({ where, select: workspaceSelect }) : null;
  if (!row) throw notFound(workspaceId);
  return toWorkspace(row);
}

/** Every workspace of an instance (at most MAX_WORKSPACES_PER_INSTANCE), oldest first. */
export async function listAllWorkspaces({
  db,
  actor,
  instanceId,
}: {
  db: TDb;
  actor: TActor;
  instanceId: string;
}): Promise<{ instance: TInstance; workspaces: TWorkspace[] }> {
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const rows = await db.workspace.findMany({
    where: { instanceId: instance.id },
    select: workspaceSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_WORKSPACES_PER_INSTANCE,
  });
  return { instance, workspaces: rows.map(toWorkspace) };
}

export type TWorkspaceCursor = { createdAt: Date; id: string };

/** One page in creation order; `next` is where the following page starts, if there is one. */
export async function listWorkspacesPage({
  db,
  actor,
  instanceId,
  limit,
  after,
}: {
  db: TDb;
  actor: TActor;
  instanceId: string;
  limit: number;
  after?: TWorkspaceCursor;
}): Promise<{ instance: TInstance; workspaces: TWorkspace[]; next: TWorkspaceCursor | null }> {
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const rows = await db.workspace.findMany({
    where: {
      instanceId: instance.id,
      ...(after
        ? {
            OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }],
          }
        : {}),
    },
    select: workspaceSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
  const workspaces = rows.slice(0, limit).map(toWorkspace);
  const last = workspaces.at(-1);
  return {
    instance,
    workspaces,
    next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

export type TCreateWorkspaceInput = {
  name: string;
  description?: string;
  title?: string;
  visibility?: TWorkspaceVisibility;
  theme?: TWorkspaceTheme;
  tags?: Record<string, string>;
};

/**
 * Creates a workspace: editors and API keys. Creations in one instance are serialized on the
 * instance's row, so the per-instance bound holds under concurrency; a name clash, even a racing one,
 * is ALREADY_EXISTS.
 */
export async function createWorkspace({
  db,
  actor,
  instanceId,
  input,
}: {
  db: TDb;
  actor: TActor;
  instanceId: string;
  input: TCreateWorkspaceInput;
}): Promise<TWorkspace> {
  assertActorRole(actor, "editor");
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const id = crypto.randomUUID();
  try {
    return await db.$transaction(async (tx) => {
      // Serializes creations in the instance without blocking other writes that reference it.
      await tx.$queryRaw`SELECT 1 FROM "Instance" WHERE "id" = ${instance.id}::uuid FOR NO KEY UPDATE`;
      const count = await tx.workspace.count({ where: { instanceId: instance.id } });
      if (count >= MAX_WORKSPACES_PER_INSTANCE) {
        throw new AppError(
          "QUOTA_EXCEEDED",
          `An instance can have at most ${MAX_WORKSPACES_PER_INSTANCE} workspaces; delete one first.`,
        );
      }
      const nameKey = workspaceNameKey(input.name);
      const clash = await tx.workspace.findFirst({ where: { instanceId: instance.id, nameKey }, select: { id: true } });
      if (clash) throw nameTaken(input.name);
      const row = await tx.workspace.create({
        data: {
          id,
          instanceId: instance.id,
          arn: workspaceArn(instance.arn, id),
          name: input.name,
          nameKey,
          description: input.description ?? "",
          title: input.title ?? "",
          visibility: input.visibility ?? "ALL",
          theme: input.theme ?? {},
          tags: input.tags ?? {},
        },
        select: workspaceSelect,
      });
      await recordAudit(tx, {
        actor,
        action: "workspace.create",
        targetType: "Workspace",
        targetId: row.id,
        after: auditView(toWorkspace(row)),
      });
      return toWorkspace(row);
    }, WORKSPACE_TRANSACTION_OPTIONS);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** What the audit log keeps of a workspace (its identity and everything an admin can change). */
function auditView(workspace: TWorkspace): Prisma.InputJsonObject {
  return {
    name: workspace.name,
    description: workspace.description,
    title: workspace.title,
    visibility: workspace.visibility,
    theme: workspace.theme as Prisma.InputJsonObject,
    tags: workspace.tags,
    version: workspace.version,
  };
}

/**
 * Locks the workspace's row, applies `change` and records it in the audit log, in one transaction.
 * With `expectedVersion` (the console), a workspace changed since it was read is CONFLICT.
 */
async function changeWorkspace(
  { db, actor, instanceId, workspaceId }: TWorkspaceTarget,
  action: string,
  change: (current: TWorkspace) => Prisma.WorkspaceUpdateInput,
  expectedVersion?: number,
): Promise<TWorkspace> {
  assertActorRole(actor, "editor");
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const where = workspaceWhere(instance, workspaceId);
  if (!where) throw notFound(workspaceId);
  return db.$transaction(async (tx) => {
    const current = await lockWorkspace(tx, where, workspaceId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new AppError(
        "CONFLICT",
        `This workspace was changed by someone else (version ${current.version}, you had ${expectedVersion}). Reload and try again.`,
      );
    }
    const data = change(current);
    const row = await tx.workspace.update({
      where: { id: current.id },
      data: { ...data, version: { increment: 1 }, updatedAt: new Date() },
      select: workspaceSelect,
    });
    const updated = toWorkspace(row);
    await recordAudit(tx, {
      actor,
      action,
      targetType: "Workspace",
      targetId: current.id,
      before: auditView(current),
      after: auditView(updated),
    });
    return updated;
  }, WORKSPACE_TRANSACTION_OPTIONS);
}

/** The workspace's row, locked for the rest of the transaction. */
export async function lockWorkspace(tx: TTx, where: Prisma.WorkspaceWhereInput, reference: string) {
  const found = await tx.workspace.findFirst({ where, select: { id: true } });
  if (!found) throw notFound(reference);
  await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${found.id}::uuid FOR UPDATE`;
  const row = await tx.workspace.findUnique({ where: { id: found.id }, select: workspaceSelect });
  if (!row) throw notFound(reference);
  return toWorkspace(row);
}

/** The workspace a target names, resolved and reachable; for the media functions. */
export async function resolveWorkspaceWhere({ db, actor, instanceId, workspaceId }: TWorkspaceTarget) {
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const where = workspaceWhere(instance, workspaceId);
  if (!where) throw notFound(workspaceId);
  return { instance, where };
}

export async function updateWorkspaceMetadata(
  target: TWorkspaceTarget & {
    changes: { name?: string; description?: string; title?: string };
    expectedVersion?: number;
  },
): Promise<TWorkspace> {
  const { changes } = target;
  try {
    return await changeWorkspace(
      target,
      "workspace.update",
      () => ({
        ...(changes.name !== undefined ? { name: changes.name, nameKey: workspaceNameKey(changes.name) } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.title !== undefined ? { title: changes.title } : {}),
      }),
      target.expectedVersion,
    );
  } catch (error) {
    if (isUniqueViolation(error) && changes.name !== undefined) throw nameTaken(changes.name);
    throw error;
  }
}

/** Replaces the whole theme (UpdateWorkspaceTheme without Theme clears it, as the model's `{}` body says). */
export function updateWorkspaceTheme(
  target: TWorkspaceTarget & { theme: TWorkspaceTheme; expectedVersion?: number },
): Promise<TWorkspace> {
  return changeWorkspace(
    target,
    "workspace.theme",
    () => ({ theme: target.theme as Prisma.InputJsonObject }),
    target.expectedVersion,
  );
}

export function updateWorkspaceVisibility(
  target: TWorkspaceTarget & { visibility: TWorkspaceVisibility; expectedVersion?: number },
): Promise<TWorkspace> {
  return changeWorkspace(
    target,
    "workspace.visibility",
    () => ({ visibility: target.visibility }),
    target.expectedVersion,
  );
}

/** Deletes a workspace with its media slots (the images stay stored while other slots use them). */
export async function deleteWorkspace(target: TWorkspaceTarget & { confirmName?: string }): Promise<TWorkspace> {
  const { db, actor, workspaceId } = target;
  assertActorRole(actor, "editor");
  const { where } = await resolveWorkspaceWhere(target);
  const deleted = await db.$transaction(async (tx) => {
    const current = await lockWorkspace(tx, where, workspaceId);
    if (target.confirmName !== undefined && target.confirmName !== current.name) {
      throw new AppError("INVALID_INPUT", `Type the name “${current.name}” exactly to delete this workspace.`);
    }
    const media = await tx.workspaceMedia.findMany({
      where: { workspaceId: current.id },
      select: { type: true, contentHash: true, previousContentHash: true },
    });
    await tx.workspace.delete({ where: { id: current.id } });
    await recordAudit(tx, {
      actor,
      action: "workspace.delete",
      targetType: "Workspace",
      targetId: current.id,
      before: { ...auditView(current), media: media.map(({ type, contentHash }) => ({ type, contentHash })) },
    });
    return { current, hashes: media.flatMap((item) => [item.contentHash, item.previousContentHash ?? []].flat()) };
  }, WORKSPACE_TRANSACTION_OPTIONS);
  await collectUnusedBlobs(db, deleted.hashes);
  return deleted.current;
}
