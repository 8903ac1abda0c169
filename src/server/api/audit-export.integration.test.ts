import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditExportResponse } from "@/server/api/audit-export";
import { AUDIT_CSV_COLUMNS } from "@/server/audit-log";
import { AUDIT_EXPORT_LIMIT, DATE_ORDER_MESSAGE } from "@/server/audit-log-schemas";
import { createDb, type TDb } from "@/server/db";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/outage";
import { getDefaultTeam } from "@/server/team/team";
import { parseCsv as readCsv } from "@/test/csv";
import { createSession, createTestDatabase } from "@/test/db";
import { closedLoopbackPort } from "@/test/outage";

/** The export route's handler (src/app/(console)/audit/export/route.ts), called as Next.js calls it. */

let db: TDb;
let drop: () => Promise<void>;
let teamId: string;
let adminCookie: string;
const NOW = new Date("2031-05-06T07:08:09.000Z");

const cookieOf = (session: { sessionToken: string }) => `theme=dark; next-auth.session-token=${session.sessionToken}`;

function exportOf(query: string, cookie: string | null = adminCookie) {
  const headers = new Headers(cookie ? { cookie } : {});
  return auditExportResponse({
    db,
    request: new Request(`http://localhost:3000/audit/export?${query}`, { headers }),
    now: NOW,
  });
}

/** The rows of a CSV export, which must end with CRLF. */
function parseCsv(text: string): string[][] {
  const { rows, rest } = readCsv(text);
  expect(rest, "the file ends with CRLF").toBe("");
  return rows;
}

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  teamId = (await getDefaultTeam(db)).id;
  adminCookie = cookieOf(await createSession(db, "admin"));
  const base = { teamId, targetType: "Instance", actorKind: "USER" as const };
  await db.auditEvent.createMany({
    data: [
      {
        ...base,
        id: randomUUID(),
        action: "policy.update",
        actorLabel: '=HYPERLINK("http://evil.test","click")',
        targetType: "AttachedFilesConfiguration",
        targetId: "inst-1/CHAT",
        before: { allowedExtensions: ["pdf"] },
        after: { allowedExtensions: ["pdf", "png"], note: 'say "hi", twice' },
        reason: "line one\nline two, with a comma",
        createdAt: new Date("2030-01-02T03:04:05.006Z"),
      },
      {
        ...base,
        id: randomUUID(),
        action: "instance.create",
        actorLabel: "ada@attache.test",
        targetId: "+1-555-0100",
        after: { alias: "@support" },
        createdAt: new Date("2030-01-03T00:00:00.000Z"),
      },
      {
        ...base,
        id: randomUUID(),
        action: "session.signInRefused",
        actorKind: "ANONYMOUS",
        actorLabel: "-olga@outside.test",
        targetType: "Identity",
        targetId: "\tsub",
        createdAt: new Date("2030-01-04T00:00:00.000Z"),
      },
    ],
  });
});
afterAll(() => drop());

describe("the audit export", () => {
  it("sends CSV as a no-store attachment, RFC 4180 quoted, with formula-like cells made text", async () => {
    const response = await exportOf("format=csv&from=2030-01-01&to=2030-02-01");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="attache-audit-2031-05-06.csv"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-attache-export-count")).toBe("3");
    expect(response.headers.get("x-attache-export-truncated")).toBe("false");
    const text = await response.text();
    expect(text.split("\r\n")[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    const records = rows.map((row) => Object.fromEntries(header?.map((name, index) => [name, row[index]]) ?? []));
    expect(records.map((record) => record.action)).toEqual([
      "session.signInRefused",
      "instance.create",
      "policy.update",
    ]);
    expect(records[0]).toMatchObject({ actor_kind: "ANONYMOUS", actor: "'-olga@outside.test", target_id: "'\tsub" });
    expect(records[1]).toMatchObject({
      actor: "ada@attache.test",
      target_id: "'+1-555-0100",
      after: '{"alias":"@support"}',
    });
    expect(records[2]).toEqual({
      time: "2030-01-02T03:04:05.006Z",
      actor_kind: "USER",
      actor: `'=HYPERLINK("http://evil.test","click")`,
      action: "policy.update",
      area: "policy",
      target_type: "AttachedFilesConfiguration",
      target_id: "inst-1/CHAT",
      reason: "line one\nline two, with a comma",
      before: '{"allowedExtensions":["pdf"]}',
      after: expect.any(String),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    // JSON cells hold the stored JSON (jsonb orders an object's keys its own way).
    expect(JSON.parse(records[2]?.after ?? "")).toEqual({ allowedExtensions: ["pdf", "png"], note: 'say "hi", twice' });
    // As written on the wire: the formula quoted and its quotes doubled.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it("sends JSON with the filters, the count and whether it was cut", async () => {
    const response = await exportOf("format=json&area=policy&actor=HYPERLINK&from=2030-01-01T00:00:00.000Z");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="attache-audit-2031-05-06.json"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      exportedAt: NOW.toISOString(),
      filter: { area: "policy", actor: "HYPERLINK", from: "2030-01-01T00:00:00.000Z" },
      count: 1,
      truncated: false,
      limit: AUDIT_EXPORT_LIMIT,
      events: [
        {
          id: expect.any(String),
          createdAt: "2030-01-02T03:04:05.006Z",
          action: "policy.update",
          area: "policy",
          targetType: "AttachedFilesConfiguration",
          targetId: "inst-1/CHAT",
          actorKind: "USER",
          actorLabel: '=HYPERLINK("http://evil.test","click")',
          actorUserId: null,
          actorApiKeyId: null,
          before: { allowedExtensions: ["pdf"] },
          after: { allowedExtensions: ["pdf", "png"], note: 'say "hi", twice' },
          reason: "line one\nline two, with a comma",
        },
      ],
    });
  });

  it(`holds at most ${AUDIT_EXPORT_LIMIT} events, the newest, and says so when it was cut`, async () => {
    const start = Date.UTC(2029, 0, 1);
    const total = AUDIT_EXPORT_LIMIT + 5;
    await db.auditEvent.createMany({
      data: Array.from({ length: total }, (_, index) => ({
        teamId,
        action: "file.delete",
        targetType: "file",
        targetId: `bulk-${index}`,
        actorKind: "USER" as const,
        actorLabel: "bulk@attache.test",
        createdAt: new Date(start + index * 1000),
      })),
    });
    const window = "from=2029-01-01&to=2029-12-31";
    const csv = await exportOf(`format=csv&${window}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("x-attache-export-truncated")).toBe("true");
    expect(csv.headers.get("x-attache-export-count")).toBe(String(AUDIT_EXPORT_LIMIT));
    expect(csv.headers.get("x-attache-export-limit")).toBe(String(AUDIT_EXPORT_LIMIT));
    const rows = parseCsv(await csv.text());
    expect(rows).toHaveLength(AUDIT_EXPORT_LIMIT + 1);
    expect(rows[1]?.[6]).toBe(`bulk-${total - 1}`);
    expect(rows.at(-1)?.[6]).toBe(`bulk-${total - AUDIT_EXPORT_LIMIT}`);

    const json = await (await exportOf(`format=json&${window}`)).json();
    expect(json).toMatchObject({ count: AUDIT_EXPORT_LIMIT, truncated: true, limit: AUDIT_EXPORT_LIMIT });
    expect(json.events).toHaveLength(AUDIT_EXPORT_LIMIT);

    const narrower = await exportOf(`format=json&from=2029-01-01T00:00:00Z&to=2029-01-01T00:00:10Z`);
    expect(await narrower.json()).toMatchObject({ count: 10, truncated: false });
  });

  it("answers 401 without a session, 403 below admin or off the team, with no-store", async () => {
    for (const cookie of [null, "next-auth.session-token=not-a-session", `next-auth.session-token=${randomUUID()}`]) {
      const response = await exportOf("format=csv", cookie);
      expect(response.status, String(cookie)).toBe(401);
      expect(await response.text()).toBe("Sign in to export the audit log.\n");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-disposition")).toBeNull();
    }
    for (const role of ["viewer", "editor"] as const) {
      const response = await exportOf("format=csv", cookieOf(await createSession(db, role)));
      expect(response.status, role).toBe(403);
      expect(await response.text()).toBe(`This needs the admin role or higher; you are ${role}.\n`);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    const outsider = await exportOf("format=csv", cookieOf(await createSession(db, null)));
    expect(outsider.status).toBe(403);
    expect(await outsider.text()).toMatch(/not a member of this team/);
    const owner = await exportOf("format=json", cookieOf(await createSession(db, "owner")));
    expect(owner.status).toBe(200);
  });

  it("answers 503 (not 401) while the database is unreachable, and says so", async () => {
    const unreachable = createDb(`postgresql://attache:x@127.0.0.1:${await closedLoopbackPort()}/attache`);
    try {
      const response = await auditExportResponse({
        db: unreachable,
        request: new Request("http://localhost:3000/audit/export?format=csv", { headers: { cookie: adminCookie } }),
      });
      expect(response.status).toBe(503);
      expect(await response.text()).toBe(`${DATABASE_UNAVAILABLE_MESSAGE}\n`);
      expect(response.headers.get("retry-after")).toBe("5");
    } finally {
      await unreachable.$disconnect();
    }
  });

  it.each([
    ["format=xml", "The format must be csv or json."],
    ["from=2030-02-30", "The start of the time range must be a date (YYYY-MM-DD) or an ISO 8601 time."],
    ["to=yesterday", "The end of the time range must be a date (YYYY-MM-DD) or an ISO 8601 time."],
    ["from=2030-01-01T00:00:00", "The start of the time range must be a date (YYYY-MM-DD) or an ISO 8601 time."],
    ["from=2030-02-01&to=2030-01-01", DATE_ORDER_MESSAGE],
    ["area=billing", "Choose an area: policy, instance, workspace, media, file, team, apiKey, session."],
    [`actor=${"a".repeat(201)}`, "The actor filter has at most 200 characters."],
    ["actor=%00", "The actor filter cannot contain control characters such as NUL or line breaks."],
    ["area=policy&area=file", "Give the area filter once."],
  ])("answers 400 with a clear message for %s", async (query, message) => {
    const response = await exportOf(query);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(`${message}\n`);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  it("ignores empty filters and unknown parameters", async () => {
    const response = await exportOf("format=json&actor=&area=&target=&from=&to=&utm_source=mail");
    expect(response.status).toBe(200);
    expect((await response.json()).filter).toEqual({});
  });
});
