import type { Prisma } from "@/generated/prisma/client";
import { actorColumns, type TActor } from "@/server/team/team";

type TAuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

/** Records one change in the team's audit log, in the caller's transaction. */
export async function recordAudit(
  db: TAuditWriter,
  event: {
    actor: TActor;
    action: string;
    targetType: string;
    targetId: string;
    before?: Prisma.InputJsonValue;
    after?: Prisma.InputJsonValue;
    reason?: string;
  },
) {
  const { actor, ...rest } = event;
  await db.auditEvent.create({ data: { teamId: actor.teamId, ...actorColumns(actor), ...rest } });
}
