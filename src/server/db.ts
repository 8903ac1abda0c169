import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { serverEnv } from "@/env";
import { PrismaClient } from "@/generated/prisma/client";

/**
 * The domain's database: Prisma, plus the `pg` pool under it for the few measured hot paths that
 * run one typed SQL statement instead of several Prisma queries (one pool, one set of connections).
 */
export type TDb = PrismaClient & { readonly pool: pg.Pool };

export function createDb(
  databaseUrl: string,
  options: {
    /** Called with every statement sent on any connection (Prisma's and raw), for tests that count round trips. */
    onStatement?: (sql: string) => void;
  } = {},
): TDb {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle connection that PostgreSQL closes (a restart, a terminated backend) is an "error" event
  // on the pool; without a listener it would end the process. The next query opens a new one.
  pool.on("error", (error) => console.error("[attache] A pooled PostgreSQL connection was lost:", error.message));
  const { onStatement } = options;
  if (onStatement) {
    pool.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const first = args[0];
        onStatement(typeof first === "string" ? first : String((first as { text?: string })?.text ?? ""));
        return query(...args);
      }) as typeof client.query;
    });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  return Object.assign(prisma, { pool });
}

// One client per process; in development Next.js reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { attacheDb?: TDb };

export function getDb(): TDb {
  globalForDb.attacheDb ??= createDb(serverEnv().DATABASE_URL);
  return globalForDb.attacheDb;
}
