import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseTimeouts, serverEnv } from "@/env";
import { PrismaClient } from "@/generated/prisma/client";
import {
  isQueryReadTimeout,
  parseDatabaseUrl,
  pgConnectionConfig,
  type TConnectionTimeouts,
} from "@/server/db/connection";

/**
 * The domain's database: Prisma, plus the `pg` pool under it for the few measured hot paths that
 * run one typed SQL statement instead of several Prisma queries (one pool, one set of connections).
 * `schema` is the PostgreSQL schema it works in (DATABASE_URL's `?schema=`, else "public").
 */
export type TDb = PrismaClient & { readonly pool: pg.Pool; readonly schema: string };

export type TCreateDbOptions = Partial<TConnectionTimeouts> & {
  /** Called with every statement sent on any connection (Prisma's and raw), for tests that count round trips. */
  onStatement?: (sql: string) => void;
};

/**
 * A database client for `databaseUrl` that never waits forever: connecting (and waiting for a pooled
 * connection) is bounded by `connectTimeoutMs`, each statement by PostgreSQL's statement_timeout and,
 * for a server that does not answer at all, by a client-side read timeout a little longer. Timeouts
 * left out come from ATTACHE_DB_CONNECT_TIMEOUT_SECONDS / ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS.
 */
export function createDb(databaseUrl: string, options: TCreateDbOptions = {}): TDb {
  const target = parseDatabaseUrl(databaseUrl);
  const defaults =
    options.connectTimeoutMs === undefined || options.statementTimeoutMs === undefined ? databaseTimeouts() : undefined;
  const timeouts: TConnectionTimeouts = {
    connectTimeoutMs: options.connectTimeoutMs ?? defaults?.connectTimeoutMs ?? 5_000,
    statementTimeoutMs: options.statementTimeoutMs ?? defaults?.statementTimeoutMs ?? 10_000,
  };
  const pool = new pg.Pool(pgConnectionConfig(target, timeouts));
  // An idle connection that PostgreSQL closes (a restart, a terminated backend) is an "error" event
  // on the pool; without a listener it would end the process. The next query opens a new one.
  pool.on("error", (error) => console.error("[attache] A pooled PostgreSQL connection was lost:", error.message));
  const { onStatement } = options;
  pool.on("connect", (client) => {
    // A connection lost while checked out (see below) must not end the process either; its queries
    // fail, and the pool discards it when it is released.
    client.on("error", () => undefined);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      if (onStatement) {
        const first = args[0];
        onStatement(typeof first === "string" ? first : String((first as { text?: string })?.text ?? ""));
      }
      return discardOnReadTimeout(client, query, args);
    }) as typeof client.query;
  });
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { schema: target.schema, disposeExternalPool: true }),
  });
  return Object.assign(prisma, { pool, schema: target.schema });
}

/**
 * When pg gives up on a query (query_timeout), the statement may still be in flight and the
 * connection would answer the next query with its late result, or stay blocked behind it; a
 * transaction's connection even goes back to the pool without an error. So the connection is
 * destroyed at once: the pool never hands it out again and the next query opens a fresh one.
 */
function discardOnReadTimeout(client: pg.PoolClient, query: (...args: unknown[]) => unknown, args: unknown[]) {
  const destroy = (error: unknown) => {
    if (isQueryReadTimeout(error)) (client as unknown as TClientInternals).connection.stream.destroy();
  };
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === "function") {
    return query(...args.slice(0, last), (error: unknown, result: unknown) => {
      destroy(error);
      callback(error, result);
    });
  }
  const result = query(...args);
  if (result instanceof Promise) result.catch(destroy);
  return result;
}

type TClientInternals = { connection: { stream: { destroy(): void } } };

// One client per process; in development Next.js reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { attacheDb?: TDb };

export function getDb(): TDb {
  if (!globalForDb.attacheDb) {
    const env = serverEnv();
    globalForDb.attacheDb = createDb(env.DATABASE_URL, {
      connectTimeoutMs: env.ATTACHE_DB_CONNECT_TIMEOUT_SECONDS * 1000,
      statementTimeoutMs: env.ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS * 1000,
    });
  }
  return globalForDb.attacheDb;
}
