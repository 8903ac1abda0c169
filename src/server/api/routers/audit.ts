import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { listAuditEvents } from "@/server/audit-log";
import { ZAuditEventPageSchema, ZListAuditEventsInputSchema } from "@/server/audit-log-schemas";

/** The Audit page: the team's audit events, filtered and paged newest first (exports: /audit/export). */
export const auditRouter = createTRPCRouter({
  list: adminProcedure
    .input(ZListAuditEventsInputSchema)
    .output(ZAuditEventPageSchema)
    .query(({ ctx, input }) => listAuditEvents({ db: ctx.db, actor: ctx.actor, input })),
});
