/**
 * The baseline: the least work that gives the same answers, on the same routes and the same
 * PostgreSQL, so the driver sends it exactly the requests it sends Attache. A bare node:http server
 * with one `pg` Pool (max 10 connections, as Attache's Prisma pg adapter) — no framework, no SigV4
 * verification, no API key lookup, no rate limiting, no validation library: it is the floor.
 *
 * Once at start-up it reads the bench API key's id and label (Attache reads them per request).
 * Per request, exactly:
 * - GET  /api/aws/attached-files-configurations/{InstanceId}/{Scope} (DescribeAttachedFilesConfiguration):
 *   one SELECT of the AttachedFilesConfiguration row for (instanceId, scope); answers the modelled JSON
 *   (the documented default when there is no row).
 * - POST /api/aws/attached-files-configurations/{InstanceId}/{Scope} (UpdateAttachedFilesConfiguration,
 *   body {"MaximumSizeLimitInBytes": n}): one statement with CTEs that locks the row, bumps its version
 *   with the new size, inserts the PolicyRevision (before/after) and the AuditEvent, and returns the
 *   row; answers the modelled JSON. (It does not create a missing row: the run creates it through
 *   Attache before measuring.)
 * - GET  /api/aws/instance (ListInstances): one SELECT of up to 10 of the key's team's instances.
 * - GET  /api/trpc/policy.forInstance?batch=1&input=… (the console's tRPC query): one SELECT of the
 *   session from the `next-auth.session-token` cookie joined to its Membership in the default team,
 *   then one SELECT of the instance joined to its configurations; answers the tRPC batch shape with
 *   superjson (the four scopes, defaults filled in).
 * Anything else is 404.
 */
import http from "node:http";
import pg from "pg";
import superjson from "superjson";
import { ATTACHMENT_SCOPES, DEFAULT_POLICY } from "@/server/policies/policy-schemas";
import { serveIpc } from "./ipc";
import { AWS_API_PREFIX, SESSION_COOKIE, type TBaselineApi, type TBaselineConfig, TRPC_PREFIX } from "./protocol";

// timestamp(3) columns hold UTC (as Prisma writes them); pg would read them as local time.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value) => new Date(`${value.replace(" ", "T")}Z`));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPES: readonly string[] = ATTACHMENT_SCOPES;
const MAX_SIZE = 104_857_600;
const MAX_BODY_BYTES = 1024 * 1024;

type TKey = { apiKeyId: string; teamId: string; label: string };
type TConfigurationRow = {
  scope: string;
  maximumSizeLimitInBytes: number;
  allowedExtensions: string[];
  isDefault: boolean;
  version: number;
  updatedAt: Date;
  updatedBy: string;
};

const DESCRIBE_SQL = `SELECT "maximumSizeLimitInBytes", "allowedExtensions", "updatedAt"
  FROM "AttachedFilesConfiguration" WHERE "instanceId" = $1 AND scope = $2`;

const UPDATE_SQL = `WITH current AS (
    SELECT "instanceId", scope, "maximumSizeLimitInBytes", "allowedExtensions", "isDefault"
    FROM "AttachedFilesConfiguration" WHERE "instanceId" = $1 AND scope = $2 FOR UPDATE
  ), changed AS (
    UPDATE "AttachedFilesConfiguration" c
    SET "maximumSizeLimitInBytes" = $3, "isDefault" = false, version = c.version + 1, "updatedAt" = now(), "updatedBy" = $4
    FROM current
    WHERE c."instanceId" = current."instanceId" AND c.scope = current.scope
    RETURNING c."instanceId", c.scope, c.version, c."maximumSizeLimitInBytes", c."allowedExtensions", c."updatedAt",
      jsonb_build_object('maximumSizeLimitInBytes', current."maximumSizeLimitInBytes",
        'allowedExtensions', to_jsonb(current."allowedExtensions"), 'isDefault', current."isDefault") AS before,
      jsonb_build_object('maximumSizeLimitInBytes', c."maximumSizeLimitInBytes",
        'allowedExtensions', to_jsonb(c."allowedExtensions"), 'isDefault', false) AS after
  ), revision AS (
    INSERT INTO "PolicyRevision" (id, "instanceId", scope, version, kind, before, after, "actorKind", "actorApiKeyId", "actorLabel")
    SELECT gen_random_uuid(), "instanceId", scope, version, 'UPDATE'::"PolicyChangeKind", before, after,
      'API_KEY'::"ActorKind", $5::uuid, $4 FROM changed
  ), audit AS (
    INSERT INTO "AuditEvent" (id, "teamId", action, "targetType", "targetId", before, after, "actorKind", "actorApiKeyId", "actorLabel")
    SELECT gen_random_uuid(), i."teamId", 'policy.update', 'AttachedFilesConfiguration',
      changed."instanceId"::text || '/' || changed.scope::text, changed.before, changed.after,
      'API_KEY'::"ActorKind", $5::uuid, $4
    FROM changed JOIN "Instance" i ON i.id = changed."instanceId"
  )
  SELECT "maximumSizeLimitInBytes", "allowedExtensions", "updatedAt" FROM changed`;

const LIST_SQL = `SELECT id, arn, alias, "createdAt" FROM "Instance" WHERE "teamId" = $1 ORDER BY "createdAt", id LIMIT 10`;

const SESSION_SQL = `SELECT m."teamId" FROM "Session" s
  JOIN "Membership" m ON m."userId" = s."userId"
  JOIN "Team" t ON t.id = m."teamId" AND t.slug = 'default'
  WHERE s."sessionToken" = $1 AND s.expires > now()`;

const POLICIES_SQL = `SELECT i.id, i.alias, i.arn, c.scope, c."maximumSizeLimitInBytes", c."allowedExtensions",
    c."isDefault", c.version, c."updatedAt", c."updatedBy"
  FROM "Instance" i LEFT JOIN "AttachedFilesConfiguration" c ON c."instanceId" = i.id
  WHERE i.id = $1 AND i."teamId" = $2`;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const epochSeconds = (date: Date) => date.getTime() / 1000;

function configurationJson(
  instanceId: string,
  scope: string,
  row: { maximumSizeLimitInBytes: number; allowedExtensions: readonly string[]; updatedAt?: Date },
) {
  return {
    InstanceId: instanceId,
    AttachmentScope: scope,
    MaximumSizeLimitInBytes: row.maximumSizeLimitInBytes,
    ExtensionConfiguration: { AllowedExtensions: row.allowedExtensions.map((Extension) => ({ Extension })) },
    ...(row.updatedAt ? { LastModifiedTime: epochSeconds(row.updatedAt) } : {}),
  };
}

function readBody(incoming: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) incoming.destroy(new HttpError(413, "The body is too large."));
      else chunks.push(chunk);
    });
    incoming.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    incoming.on("error", reject);
  });
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function createHandler(pool: pg.Pool, key: TKey, consoleUrl: string) {
  async function configuration(method: string, instanceId: string, scope: string, incoming: http.IncomingMessage) {
    if (!UUID.test(instanceId) || !SCOPES.includes(scope)) throw new HttpError(400, "Bad instance id or scope.");
    if (method === "GET") {
      const { rows } = await pool.query(DESCRIBE_SQL, [instanceId, scope]);
      return { AttachedFilesConfiguration: configurationJson(instanceId, scope, rows[0] ?? DEFAULT_POLICY) };
    }
    const body = JSON.parse(await readBody(incoming)) as { MaximumSizeLimitInBytes?: unknown };
    const size = body.MaximumSizeLimitInBytes;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > MAX_SIZE) {
      throw new HttpError(400, "MaximumSizeLimitInBytes must be a whole number from 1 to 104857600.");
    }
    const { rows } = await pool.query(UPDATE_SQL, [instanceId, scope, size, key.label, key.apiKeyId]);
    if (!rows[0]) throw new HttpError(404, "No configuration row to update (the baseline does not create one).");
    return configurationJson(instanceId, scope, rows[0]);
  }

  async function listInstances() {
    const { rows } = await pool.query<{ id: string; arn: string; alias: string; createdAt: Date }>(LIST_SQL, [
      key.teamId,
    ]);
    return {
      InstanceSummaryList: rows.map((row) => ({
        Id: row.id,
        Arn: row.arn,
        IdentityManagementType: "CONNECT_MANAGED",
        InstanceAlias: row.alias,
        CreatedTime: epochSeconds(row.createdAt),
        InstanceStatus: "ACTIVE",
        InboundCallsEnabled: true,
        OutboundCallsEnabled: true,
        InstanceAccessUrl: `${consoleUrl}/attachments/${row.id}`,
      })),
    };
  }

  async function policyForInstance(url: URL, incoming: http.IncomingMessage) {
    const input = JSON.parse(url.searchParams.get("input") ?? "{}") as { 0?: { json?: { instanceId?: unknown } } };
    const instanceId = input[0]?.json?.instanceId;
    if (typeof instanceId !== "string" || !UUID.test(instanceId)) throw new HttpError(400, "Bad input.");
    const token = cookieValue(incoming.headers.cookie, SESSION_COOKIE);
    const session = token ? await pool.query<{ teamId: string }>(SESSION_SQL, [token]) : undefined;
    const teamId = session?.rows[0]?.teamId;
    if (!teamId) throw new HttpError(401, "Sign in to continue.");
    const { rows } = await pool.query<
      { id: string; alias: string; arn: string } & ({ scope: null } | TConfigurationRow)
    >(POLICIES_SQL, [instanceId, teamId]);
    const instance = rows[0];
    if (!instance) throw new HttpError(404, "No such instance.");
    const byScope = new Map(rows.flatMap((row) => (row.scope ? [[row.scope, row as TConfigurationRow]] : [])));
    const policies = ATTACHMENT_SCOPES.map((scope) => {
      const row = byScope.get(scope);
      return row
        ? {
            scope,
            maximumSizeLimitInBytes: row.maximumSizeLimitInBytes,
            allowedExtensions: row.allowedExtensions,
            isDefault: row.isDefault,
            version: row.version,
            updatedAt: row.updatedAt,
            updatedBy: row.updatedBy,
          }
        : {
            scope,
            ...DEFAULT_POLICY,
            allowedExtensions: [...DEFAULT_POLICY.allowedExtensions],
            isDefault: true,
            version: 0,
            updatedAt: null,
            updatedBy: null,
          };
    });
    const data = { instance: { id: instance.id, alias: instance.alias, arn: instance.arn }, policies };
    return [{ result: { data: superjson.serialize(data) } }];
  }

  return async function handle(incoming: http.IncomingMessage, outgoing: http.ServerResponse) {
    let status = 200;
    let answer: unknown;
    try {
      const url = new URL(incoming.url ?? "/", "http://baseline");
      const method = incoming.method ?? "GET";
      const segments = url.pathname.split("/");
      if (url.pathname.startsWith(`${AWS_API_PREFIX}/attached-files-configurations/`) && segments.length === 6) {
        if (method !== "GET" && method !== "POST") throw new HttpError(405, "Use GET or POST.");
        answer = await configuration(
          method,
          decodeURIComponent(segments[4] ?? ""),
          decodeURIComponent(segments[5] ?? ""),
          incoming,
        );
      } else if (url.pathname === `${AWS_API_PREFIX}/instance` && method === "GET") {
        answer = await listInstances();
      } else if (url.pathname === `${TRPC_PREFIX}/policy.forInstance` && method === "GET") {
        answer = await policyForInstance(url, incoming);
      } else {
        throw new HttpError(404, "Not found.");
      }
    } catch (error) {
      status = error instanceof HttpError ? error.status : error instanceof SyntaxError ? 400 : 500;
      answer = { Message: error instanceof Error ? error.message : String(error) };
      if (status === 500) console.error("[baseline] Request failed:", error);
    }
    const body = JSON.stringify(answer);
    outgoing.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    outgoing.end(body);
  };
}

async function start(config: TBaselineConfig) {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize });
  pool.on("error", (error) => console.error("[baseline] Idle database connection failed:", error.message));
  const { rows } = await pool.query<{ id: string; teamId: string; name: string }>(
    `SELECT id, "teamId", name FROM "ApiKey" WHERE "accessKeyId" = $1 AND "revokedAt" IS NULL`,
    [config.accessKeyId],
  );
  const row = rows[0];
  if (!row) throw new Error(`The API key ${config.accessKeyId} is not in the database.`);
  const key = { apiKeyId: row.id, teamId: row.teamId, label: `API key ${config.accessKeyId} (${row.name})` };
  const handler = createHandler(pool, key, config.consoleUrl.replace(/\/+$/, ""));
  const server = http.createServer((incoming, outgoing) => void handler(incoming, outgoing));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, "127.0.0.1", resolve);
  });
  return { origin: `http://127.0.0.1:${config.port}` };
}

serveIpc<TBaselineApi>({ start });
