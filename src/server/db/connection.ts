/**
 * How a DATABASE_URL becomes `pg` connection settings. `pg` does not understand Prisma's `?schema=`
 * parameter, so it is taken out of the URL here and becomes the connection's search_path (sent in the
 * startup message, so it costs no round trip) and the schema Prisma qualifies its tables with.
 */
import type pg from "pg";

/** The schema when the URL names none, as with the Prisma CLI. */
export const DEFAULT_SCHEMA = "public";

/** PostgreSQL truncates identifiers beyond 63 bytes; a longer name would silently mean another schema. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export type TDatabaseTarget = {
  /** The URL without `schema`, for `pg`. */
  connectionString: string;
  /** The schema everything lives in: `?schema=`, else "public". */
  schema: string;
  /** The role and database the URL names, for messages (empty when the URL leaves them to libpq defaults). */
  role: string;
  database: string;
  host: string;
  /** The URL's own `?options=` (e.g. a pooler's endpoint id), sent ahead of Attache's search_path. */
  options: string;
};

export class DatabaseUrlError extends Error {}

/**
 * Parameters `pg` would take from the URL over Attache's own settings (pg lets the connection string
 * win), each with the setting to use instead.
 */
const OVERRIDING_PARAMETERS: Record<string, string> = {
  statement_timeout: "ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS",
  query_timeout: "ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS",
  idle_in_transaction_session_timeout: "ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS",
  connect_timeout: "ATTACHE_DB_CONNECT_TIMEOUT_SECONDS",
};

/** Splits `?schema=` off a postgresql:// URL and checks the name; throws DatabaseUrlError with one clear sentence. */
export function parseDatabaseUrl(databaseUrl: string): TDatabaseTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new DatabaseUrlError("DATABASE_URL is not a URL: it must look like postgresql://user:password@host:5432/db.");
  }
  const schemas = url.searchParams.getAll("schema");
  if (schemas.length > 1) throw new DatabaseUrlError("DATABASE_URL names ?schema= more than once: keep one.");
  const schema = schemas[0] ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema) || /^pg_/i.test(schema)) {
    throw new DatabaseUrlError(
      `DATABASE_URL's ?schema=${JSON.stringify(schema)} is not a schema name Attache accepts: use 1 to 63 letters, digits and underscores, starting with a letter or underscore and not with "pg_".`,
    );
  }
  for (const [parameter, setting] of Object.entries(OVERRIDING_PARAMETERS)) {
    if (url.searchParams.has(parameter)) {
      throw new DatabaseUrlError(
        `DATABASE_URL sets ?${parameter}=, which Attache sets itself: remove it and set ${setting} instead.`,
      );
    }
  }
  const options = url.searchParams.getAll("options");
  if (options.length > 1) throw new DatabaseUrlError("DATABASE_URL names ?options= more than once: keep one.");
  if (/search_path/i.test(options[0] ?? "")) {
    throw new DatabaseUrlError("DATABASE_URL's ?options= sets search_path: name the schema with ?schema= instead.");
  }
  url.searchParams.delete("schema");
  url.searchParams.delete("options");
  return {
    options: options[0]?.trim() ?? "",
    connectionString: url.toString(),
    schema,
    role: decodeURIComponent(url.username),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")),
    host: url.port ? `${url.hostname}:${url.port}` : url.hostname,
  };
}

/** `name` as SQL: bare when that means the same (lower case, no keyword risk is taken: quoted otherwise). */
export function sqlIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && name !== "user" ? name : `"${name.replaceAll('"', '""')}"`;
}

/** A double-quoted identifier, always (for search_path and generated SQL). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export type TConnectionTimeouts = {
  /** Opening a connection (and, for a pool, waiting for a free one). */
  connectTimeoutMs: number;
  /**
   * PostgreSQL's statement_timeout; the client gives up a little later (query_timeout), because a
   * frozen server never enforces its own. 0: no statement timeout (migrations).
   */
  statementTimeoutMs: number;
};

/** The client-side bound: a little above the server's, so a slow statement normally ends with the server's own error. */
export function queryTimeoutMs(statementTimeoutMs: number): number {
  return statementTimeoutMs + Math.min(5_000, Math.max(500, Math.round(statementTimeoutMs / 10)));
}

/**
 * `pg` settings for `target`: search_path, connect timeout, TCP keepalive, and (unless 0) the
 * statement, idle-in-transaction and client read timeouts. All of it travels in the startup message.
 */
export function pgConnectionConfig(target: TDatabaseTarget, timeouts: TConnectionTimeouts): pg.ClientConfig {
  const { connectTimeoutMs, statementTimeoutMs } = timeouts;
  return {
    connectionString: target.connectionString,
    // One schema, as Prisma does: unqualified names in raw SQL, functions and triggers resolve there.
    // The URL's own options (taken out of it, or pg would let them replace these) come first.
    options: [target.options, `-c search_path=${quoteIdentifier(target.schema)}`].filter(Boolean).join(" "),
    connectionTimeoutMillis: connectTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(statementTimeoutMs > 0
      ? {
          statement_timeout: statementTimeoutMs,
          // A transaction left open between statements (a stuck request) holds locks: end its session.
          idle_in_transaction_session_timeout: statementTimeoutMs * 2,
          query_timeout: queryTimeoutMs(statementTimeoutMs),
        }
      : {}),
  };
}

/** pg's error when query_timeout passes without an answer. */
export function isQueryReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === "Query read timeout";
}
