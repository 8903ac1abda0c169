import { z } from "zod";
import { ZBoundedTextSchema } from "@/server/text-schemas";

/**
 * The audit log as the console, tRPC and the export read it. Browser-safe: the Audit page builds its
 * filters and export links with these schemas.
 */

/**
 * The areas an action belongs to, by the prefix of its name (the longest prefix wins, so
 * `workspace.media.import` is media, not workspace). Every action the code records has one; a unit
 * test reads the sources to keep it so.
 */
export const AUDIT_AREAS = {
  policy: { prefix: "policy.", label: "Attachment policies" },
  instance: { prefix: "instance.", label: "Instances" },
  workspace: { prefix: "workspace.", label: "Workspaces" },
  media: { prefix: "workspace.media.", label: "Workspace images" },
  file: { prefix: "file.", label: "Files" },
  team: { prefix: "team.", label: "Team" },
  apiKey: { prefix: "apiKey.", label: "API keys" },
  session: { prefix: "session.", label: "Sign-ins and sessions" },
} as const satisfies Record<string, { prefix: string; label: string }>;

export type TAuditArea = keyof typeof AUDIT_AREAS;
export const AUDIT_AREA_KEYS = Object.keys(AUDIT_AREAS) as [TAuditArea, ...TAuditArea[]];

/** The area of `action`, or null for an action no area claims. */
export function auditAreaOf(action: string): TAuditArea | null {
  let found: TAuditArea | null = null;
  for (const area of AUDIT_AREA_KEYS) {
    const { prefix } = AUDIT_AREAS[area];
    if (action.startsWith(prefix) && (!found || prefix.length > AUDIT_AREAS[found].prefix.length)) found = area;
  }
  return found;
}

/** The prefixes of areas nested inside `area` (media inside workspace), which its filter leaves out. */
export function nestedAreaPrefixes(area: TAuditArea): string[] {
  const { prefix } = AUDIT_AREAS[area];
  return AUDIT_AREA_KEYS.map((other) => AUDIT_AREAS[other].prefix).filter(
    (other) => other !== prefix && other.startsWith(prefix),
  );
}

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 100;
/** An export holds at most this many events, the newest first; the response says when it was cut. */
export const AUDIT_EXPORT_LIMIT = 10_000;

export const AUDIT_ACTOR_KINDS = ["USER", "API_KEY", "SYSTEM", "ANONYMOUS"] as const;
export type TAuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export const BAD_CURSOR_MESSAGE = "That page of the audit log is no longer valid; start from the first page.";
export const DATE_ORDER_MESSAGE = "The end of the time range must be on or after its start.";

/** An optional filter text: blank is no filter. */
const optionalText = (label: string, max: number) =>
  ZBoundedTextSchema({ label, max })
    .optional()
    .transform((value) => (value ? value : undefined));

const dateSchema = (label: string) => z.date({ error: `${label} must be a date and time.` }).optional();

/** `from` is inclusive and `to` exclusive, so one day is [midnight, next midnight). */
export const ZAuditFilterSchema = z
  .object({
    /** Part of the actor's name as recorded (an email, an API key's name), ignoring case. */
    actor: optionalText("The actor filter", 200),
    area: z.enum(AUDIT_AREA_KEYS, { error: `Choose an area: ${AUDIT_AREA_KEYS.join(", ")}.` }).optional(),
    /** The target's type exactly, ignoring case ("Instance", "ApiKey"). */
    targetType: optionalText("The target type", 100),
    /** The target's id exactly. */
    targetId: optionalText("The target id", 300),
    /** Part of the target's id, ignoring case. */
    target: optionalText("The target filter", 300),
    from: dateSchema("The start of the time range"),
    to: dateSchema("The end of the time range"),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    message: DATE_ORDER_MESSAGE,
    path: ["to"],
  });
export type TAuditFilter = z.input<typeof ZAuditFilterSchema>;
export type TParsedAuditFilter = z.output<typeof ZAuditFilterSchema>;

export const ZListAuditEventsInputSchema = z.object({
  filter: ZAuditFilterSchema.prefault({}),
  cursor: z.string({ error: BAD_CURSOR_MESSAGE }).max(512, BAD_CURSOR_MESSAGE).nullish(),
  limit: z
    .number({ error: "The page size must be a number." })
    .int("The page size must be a whole number.")
    .min(1, "The page size must be at least 1.")
    .max(AUDIT_MAX_PAGE_SIZE, `The page size must be at most ${AUDIT_MAX_PAGE_SIZE}.`)
    .default(AUDIT_PAGE_SIZE),
});
export type TListAuditEventsInput = z.input<typeof ZListAuditEventsInputSchema>;

export const ZAuditEventSchema = z.object({
  id: z.string(),
  createdAt: z.date(),
  action: z.string(),
  area: z.enum(AUDIT_AREA_KEYS).nullable(),
  targetType: z.string(),
  targetId: z.string(),
  actorKind: z.enum(AUDIT_ACTOR_KINDS),
  actorLabel: z.string(),
  actorUserId: z.string().nullable(),
  actorApiKeyId: z.string().nullable(),
  before: z.json().nullable(),
  after: z.json().nullable(),
  reason: z.string().nullable(),
});
export type TAuditEvent = z.infer<typeof ZAuditEventSchema>;

export const ZAuditEventPageSchema = z.object({
  events: z.array(ZAuditEventSchema),
  nextCursor: z.string().nullable(),
});
export type TAuditEventPage = z.infer<typeof ZAuditEventPageSchema>;

// The filters as a URL carries them: the Audit page's own address and its export links.

export const AUDIT_EXPORT_FORMATS = ["csv", "json"] as const;
export type TAuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 with a time and a zone (Z or ±hh:mm), as Date#toISOString writes it. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A YYYY-MM-DD day (UTC midnight) or an ISO 8601 instant with its zone; blank is none. */
const urlDate = (label: string) =>
  z
    .string()
    .max(40, `${label} must be a date (YYYY-MM-DD) or an ISO 8601 time.`)
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const date = DAY.test(value) ? new Date(`${value}T00:00:00Z`) : INSTANT.test(value) ? new Date(value) : null;
      if (!date || Number.isNaN(date.getTime()) || (DAY.test(value) && date.toISOString().slice(0, 10) !== value)) {
        context.addIssue({ code: "custom", message: `${label} must be a date (YYYY-MM-DD) or an ISO 8601 time.` });
        return z.NEVER;
      }
      return date;
    });

/** The export's query string: the list's filters, plus the format. */
export const ZAuditExportQuerySchema = z.object({
  format: z.enum(AUDIT_EXPORT_FORMATS, { error: "The format must be csv or json." }).default("csv"),
  actor: z.string().optional(),
  area: z.string().optional(),
  targetType: z.string().optional(),
  targetId: z.string().optional(),
  target: z.string().optional(),
  from: urlDate("The start of the time range"),
  to: urlDate("The end of the time range"),
});

/** The query string's names, in the order export links write them. */
export const AUDIT_QUERY_KEYS = ["actor", "area", "targetType", "targetId", "target", "from", "to"] as const;
