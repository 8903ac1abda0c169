import { exportAuditEvents } from "@/server/audit-log";
import { AUDIT_QUERY_KEYS, ZAuditExportQuerySchema, ZAuditFilterSchema } from "@/server/audit-log-schemas";
import { sessionFromCookies } from "@/server/auth";
import type { TDb } from "@/server/db";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/outage";
import { AppError } from "@/server/errors";
import { NOT_A_MEMBER } from "@/server/team/team";

/**
 * GET /audit/export?format=csv|json&actor=…&area=…&target=…&from=…&to=…: the Audit page's filtered
 * events as a download. A plain request (a link the browser follows), so it checks the session cookie
 * and the role itself: 401 signed out, 403 below admin, 400 for filters it cannot read, 503 while
 * the database is unreachable (never read as signed out), never a 500 for anything the caller sent.
 */
export async function auditExportResponse(input: { db: TDb; request: Request; now?: Date }): Promise<Response> {
  try {
    return await exportResponse(input);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return problem(503, DATABASE_UNAVAILABLE_MESSAGE);
    throw error;
  }
}

async function exportResponse({
  db,
  request,
  now = new Date(),
}: {
  db: TDb;
  request: Request;
  now?: Date;
}): Promise<Response> {
  const found = await sessionFromCookies(db, request.headers.get("cookie"));
  if (!found) return problem(401, "Sign in to export the audit log.");
  if (!found.actor) return problem(403, NOT_A_MEMBER);

  const params = new URL(request.url).searchParams;
  const repeated = [...new Set(params.keys())].find((key) => params.getAll(key).length > 1);
  if (repeated) return problem(400, `Give the ${repeated} filter once.`);
  const query = ZAuditExportQuerySchema.safeParse(Object.fromEntries(params));
  if (!query.success) return problem(400, query.error.issues[0]?.message ?? "The filters could not be read.");
  const { format, ...rest } = query.data;
  const filter = ZAuditFilterSchema.safeParse(
    Object.fromEntries(AUDIT_QUERY_KEYS.flatMap((key) => (rest[key] === "" ? [] : [[key, rest[key]]]))),
  );
  if (!filter.success) return problem(400, filter.error.issues[0]?.message ?? "The filters could not be read.");

  try {
    const exported = await exportAuditEvents({ db, actor: found.actor, filter: filter.data, format, now });
    return new Response(exported.body, {
      status: 200,
      headers: {
        "Content-Type":
          format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="attache-audit-${now.toISOString().slice(0, 10)}.${format}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Attache-Export-Count": String(exported.count),
        "X-Attache-Export-Truncated": String(exported.truncated),
        "X-Attache-Export-Limit": String(exported.limit),
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") return problem(403, error.message);
    if (error instanceof AppError && error.code === "INVALID_INPUT") return problem(400, error.message);
    throw error;
  }
}

function problem(status: 400 | 401 | 403 | 503, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: {
      ...(status === 503 ? { "Retry-After": "5" } : {}),
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
