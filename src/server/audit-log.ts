import type { Prisma } from "@/generated/prisma/client";
import { toCsv } from "@/lib/csv";
import {
  AUDIT_AREAS,
  AUDIT_EXPORT_LIMIT,
  auditAreaOf,
  BAD_CURSOR_MESSAGE,
  nestedAreaPrefixes,
  type TAuditEvent,
  type TAuditEventPage,
  type TAuditExportFormat,
  type TListAuditEventsInput,
  type TParsedAuditFilter,
  ZListAuditEventsInputSchema,
} from "@/server/audit-log-schemas";
import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { assertActorRole, type TActor } from "@/server/team/team";

/**
 * Reading the team's audit log: the Audit page's list (filters, keyset paging newest first) and its
 * CSV and JSON exports. Admins and owners only. Events are written by src/server/audit.ts.
 */

const auditEventSelect = {
  id: true,
  createdAt: true,
  action: true,
  targetType: true,
  targetId: true,
  actorKind: true,
  actorLabel: true,
  actorUserId: true,
  actorApiKeyId: true,
  before: true,
  after: true,
  reason: true,
} satisfies Prisma.AuditEventSelect;
type TAuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof auditEventSelect }>;

// Prisma's JsonObject types its members as optional; a stored JSON value has no undefined in it.
const toAuditEvent = (row: TAuditEventRow): TAuditEvent => ({
  ...row,
  before: row.before as TAuditEvent["before"],
  after: row.after as TAuditEvent["after"],
  area: auditAreaOf(row.action),
});

type TCursor = { createdAt: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeCursor(event: TCursor): string {
  return Buffer.from(JSON.stringify([event.createdAt.toISOString(), event.id])).toString("base64url");
}

function decodeCursor(cursor: string): TCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      const createdAt = new Date(value[0]);
      if (!Number.isNaN(createdAt.getTime()) && UUID.test(value[1])) return { createdAt, id: value[1] };
    }
  } catch {
    // not base64url JSON: the same answer as any other bad cursor
  }
  throw new AppError("INVALID_INPUT", BAD_CURSOR_MESSAGE);
}

/** LIKE's wildcards (and its escape character) taken literally: Prisma's `contains` does not escape them. */
const literal = (text: string) => text.replace(/[\\%_]/g, "\\$&");

function filterWhere(teamId: string, filter: TParsedAuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.area) {
    and.push({ action: { startsWith: literal(AUDIT_AREAS[filter.area].prefix) } });
    for (const nested of nestedAreaPrefixes(filter.area))
      and.push({ NOT: { action: { startsWith: literal(nested) } } });
  }
  if (filter.target) and.push({ targetId: { contains: literal(filter.target), mode: "insensitive" } });
  return {
    teamId,
    ...(filter.actor ? { actorLabel: { contains: literal(filter.actor), mode: "insensitive" } } : {}),
    ...(filter.targetType ? { targetType: { equals: filter.targetType, mode: "insensitive" } } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/**
 * Newest first, ties on the same millisecond broken by id. The cursor condition is written as
 * `createdAt <= c AND (createdAt < c OR id < i)` rather than a bare OR, so PostgreSQL can bound the
 * scan of the (teamId, createdAt) index with it.
 */
function afterCursor(cursor: TCursor): Prisma.AuditEventWhereInput {
  return {
    AND: [
      { createdAt: { lte: cursor.createdAt } },
      { OR: [{ createdAt: { lt: cursor.createdAt } }, { id: { lt: cursor.id } }] },
    ],
  };
}

async function findEvents(
  db: TDb,
  { teamId, filter, cursor, take }: { teamId: string; filter: TParsedAuditFilter; cursor?: TCursor; take: number },
) {
  const where = filterWhere(teamId, filter);
  return db.auditEvent.findMany({
    where: cursor ? { AND: [where, afterCursor(cursor)] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: auditEventSelect,
  });
}

/** One page of the actor's team's audit events, newest first, with the cursor of the next page. */
export async function listAuditEvents({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  input: TListAuditEventsInput;
}): Promise<TAuditEventPage> {
  assertActorRole(actor, "admin");
  const parsed = ZListAuditEventsInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Invalid filters.");
  const { filter, cursor, limit } = parsed.data;
  const rows = await findEvents(db, {
    teamId: actor.teamId,
    filter,
    cursor: cursor ? decodeCursor(cursor) : undefined,
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { events: page.map(toAuditEvent), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** The columns of a CSV export, in order. */
export const AUDIT_CSV_COLUMNS = [
  "time",
  "actor_kind",
  "actor",
  "action",
  "area",
  "target_type",
  "target_id",
  "reason",
  "before",
  "after",
  "id",
] as const;

const json = (value: Prisma.JsonValue | null) => (value === null ? "" : JSON.stringify(value));

export type TAuditExport = {
  format: TAuditExportFormat;
  body: string;
  /** Events in the export. */
  count: number;
  /** Whether more events matched than an export holds (the newest `limit` are in it). */
  truncated: boolean;
  limit: number;
};

/**
 * Every event matching `filter`, newest first, as CSV (RFC 4180, safe to open in a spreadsheet) or
 * JSON, at most `limit` of them. Admins and owners only.
 */
export async function exportAuditEvents({
  db,
  actor,
  filter,
  format,
  limit = AUDIT_EXPORT_LIMIT,
  now = new Date(),
}: {
  db: TDb;
  actor: TActor;
  filter: TParsedAuditFilter;
  format: TAuditExportFormat;
  limit?: number;
  now?: Date;
}): Promise<TAuditExport> {
  assertActorRole(actor, "admin");
  const rows = await findEvents(db, { teamId: actor.teamId, filter, take: limit + 1 });
  const truncated = rows.length > limit;
  const events = rows.slice(0, limit).map(toAuditEvent);
  const body =
    format === "csv"
      ? toCsv([
          AUDIT_CSV_COLUMNS,
          ...events.map((event) => [
            event.createdAt.toISOString(),
            event.actorKind,
            event.actorLabel,
            event.action,
            event.area ?? "",
            event.targetType,
            event.targetId,
            event.reason ?? "",
            json(event.before),
            json(event.after),
            event.id,
          ]),
        ])
      : JSON.stringify(
          {
            exportedAt: now.toISOString(),
            filter,
            count: events.length,
            truncated,
            limit,
            events: events.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() })),
          },
          null,
          2,
        );
  return { format, body, count: events.length, truncated, limit };
}
