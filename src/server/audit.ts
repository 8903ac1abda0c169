import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { actorColumns, type TActor } from "@/server/team/team";

type TAuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

type TAuditEvent = {
  actor: TActor;
  action: string;
  targetType: string;
  targetId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  reason?: string;
};

/** Records one change in the team's audit log, in the caller's transaction. */
export async function recordAudit(db: TAuditWriter, event: TAuditEvent) {
  const { actor, ...rest } = event;
  await db.auditEvent.create({ data: { teamId: actor.teamId, ...actorColumns(actor), ...rest } });
}

/** The same event as a complete AuditEvent row (JSON as text), for a write that inserts it in SQL. */
export function auditRow(event: TAuditEvent) {
  const { actor, before, after, reason, ...rest } = event;
  return {
    id: randomUUID(),
    teamId: actor.teamId,
    ...rest,
    before: before === undefined ? null : JSON.stringify(before),
    after: after === undefined ? null : JSON.stringify(after),
    reason: reason ?? null,
    ...actorColumns(actor),
    createdAt: new Date(),
  };
}
