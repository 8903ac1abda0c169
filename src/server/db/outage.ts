/**
 * One answer to "did this fail because PostgreSQL can't be reached, or didn't answer in time?", for
 * errors from `pg` (its pool and client), from PostgreSQL itself (SQLSTATEs), and from Prisma with its
 * driver adapter, however deeply they wrap each other. An outage is reported as such (a 503, the
 * console's outage state), never read as "no session" or a generic failure.
 */
import { AppError, DatabaseUnavailableError } from "@/server/errors";

export { DATABASE_UNAVAILABLE_DETAIL, DATABASE_UNAVAILABLE_MESSAGE } from "./outage-rules";

/** Socket errors meaning the server is not there (or went away). */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "EPIPE",
  "ECONNABORTED",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * PostgreSQL's SQLSTATEs for "not answering": class 08 (connection exception) is matched by prefix;
 * admin shutdown, crash shutdown, cannot connect now; too many connections. Not 57014 (a statement
 * PostgreSQL cancelled at its statement_timeout): the database answered, the query was too slow, and
 * retrying it as an outage would only repeat the load. A database that stops answering altogether
 * ends in the client's own read timeout instead, which is an outage.
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const isOutageSqlState = (code: string) => /^08[0-9A-Z]{3}$/.test(code) || SQLSTATES.has(code);

/**
 * Prisma's codes: can't reach the server (P1001), timed out (P1002), operations timed out (P1008), the
 * server closed the connection (P1017), no connection from the pool in time (P2024).
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** What Prisma's pg adapter calls a connection it could not make or lost (DriverAdapterError's cause.kind). */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/**
 * `pg`'s own messages, which carry no code: the connection closed under a query or while connecting
 * (also its connectionTimeoutMillis: "Connection terminated due to connection timeout"), the pool's
 * wait for a connection timing out, query_timeout, a client broken by an earlier connection error; and
 * Prisma's transaction manager when it got no connection within maxWait.
 */
const PG_MESSAGES = [
  /^Connection terminated\b/,
  /timeout exceeded when trying to connect/,
  /^Query read timeout$/,
  /Client has encountered a connection error and is not queryable/,
  /Unable to start a transaction in the given time/,
  /Can't reach database server at /,
];

const MAX_DEPTH = 8;

const isFetchFailure = (value: object) => value instanceof TypeError && value.message === "fetch failed";

type TErrorLike = {
  name?: unknown;
  code?: unknown;
  errorCode?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
  errors?: unknown;
};

function isOutageNode(node: TErrorLike): boolean {
  if (node.name === "PrismaClientInitializationError") return true;
  for (const code of [node.code, node.errorCode, node.originalCode]) {
    if (typeof code !== "string") continue;
    if (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || isOutageSqlState(code)) return true;
  }
  if (typeof node.kind === "string") {
    if (ADAPTER_KINDS.has(node.kind)) return true;
    // A PostgreSQL error Prisma's adapter does not name: its SQLSTATE is `code` (also `originalCode`).
    if (node.kind === "postgres" && typeof node.code === "string" && isOutageSqlState(node.code)) return true;
  }
  return typeof node.message === "string" && PG_MESSAGES.some((pattern) => pattern.test(node.message as string));
}

/**
 * Whether `error` means PostgreSQL can't be reached or didn't answer in time: looks at the error and
 * what it wraps (`cause`, Prisma's `meta.driverAdapterError`, an AggregateError's `errors`), a few
 * levels deep.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH || typeof value !== "object" || value === null || seen.has(value)) return false;
    seen.add(value);
    if (value instanceof DatabaseUnavailableError) return true;
    // Not the database's errors, whatever they wrap: the domain's own (a media URL's host refusing a
    // connection is no outage), the AWS SDK's (the object store), fetch's.
    if (value instanceof AppError || "$metadata" in value || isFetchFailure(value)) return false;
    const node = value as TErrorLike;
    if (isOutageNode(node)) return true;
    if (visit(node.cause, depth + 1)) return true;
    if (typeof node.meta === "object" && node.meta !== null && visit(node.meta.driverAdapterError, depth + 1))
      return true;
    return Array.isArray(node.errors) && node.errors.slice(0, 8).some((inner) => visit(inner, depth + 1));
  };
  return visit(error, 0);
}

/** `error` as the outage error when it is one (so callers can rethrow it); else `error` itself. */
export function asDatabaseUnavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !isDatabaseUnavailable(error)) return error;
  return new DatabaseUnavailableError({ cause: error });
}

/**
 * Whether PostgreSQL answers `SELECT 1` within `timeoutMs` (for pages that must tell an outage apart
 * without a query of their own, such as the sign-in page after a failed sign-in). Any failure is "no".
 */
export async function isDatabaseReachable(
  db: { pool: { query: (text: string) => Promise<unknown> } },
  timeoutMs = 2_000,
): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = db.pool.query("SELECT 1").then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}
