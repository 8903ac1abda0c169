import type { Prisma } from "@/generated/prisma/client";
import type { TDb } from "@/server/db";
import { AppError, isUniqueViolation } from "@/server/errors";
import type { TActor } from "@/server/team/team";
import type { TCreateInstance, TInstance, TRenameInstance } from "./instance-schemas";

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

export async function listInstances({ db, actor }: { db: TDb; actor: TActor }): Promise<TInstance[]> {
  return db.instance.findMany({
    where: { teamId: actor.teamId },
    select: instanceSelect,
    orderBy: { createdAt: "asc" },
  });
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
  await assertAliasFree(db, input.alias);
  const id = crypto.randomUUID();
  return db.instance
    .create({
      data: { id, alias: input.alias, arn: instanceArn(id, arnContext), teamId: actor.teamId },
      select: instanceSelect,
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
  const existing = await db.instance.findFirst({ where: { id: input.id, teamId: actor.teamId }, select: { id: true } });
  if (!existing) throw new AppError("NOT_FOUND", "That instance no longer exists.");
  await assertAliasFree(db, input.alias, input.id);
  return db.instance
    .update({ where: { id: input.id }, data: { alias: input.alias }, select: instanceSelect })
    .catch(rethrowAliasClash(input.alias));
}
