import type { TLaunchEnv } from "@/env";
import { startEmbeddedPostgres, type TEmbeddedPostgres } from "./embedded-postgres";

export const EMBEDDED_DATABASE = "attache";

export type TDatabaseHandle = { url: string; embedded: TEmbeddedPostgres | null };

/** DATABASE_URL when configured; otherwise the embedded PostgreSQL in the data directory. */
export async function openDatabase(env: TLaunchEnv, log: (line: string) => void): Promise<TDatabaseHandle> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  log(`Starting embedded PostgreSQL on 127.0.0.1:${env.ATTACHE_PG_PORT} (data in ${env.ATTACHE_DATA_DIR}/pg)…`);
  const embedded = await startEmbeddedPostgres({
    dataDir: env.ATTACHE_DATA_DIR,
    port: env.ATTACHE_PG_PORT,
    database: EMBEDDED_DATABASE,
  });
  return { url: embedded.urlFor(EMBEDDED_DATABASE), embedded };
}

/**
 * For one-shot scripts: runs `task` against the database, reports a failure without a stack trace,
 * stops the embedded PostgreSQL, and exits (the schema engine leaves a 10-second timer behind).
 */
export async function runDatabaseScript(env: TLaunchEnv, task: (databaseUrl: string) => Promise<void>): Promise<never> {
  let database: TDatabaseHandle | undefined;
  try {
    database = await openDatabase(env, console.info);
    await task(database.url);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await database?.embedded?.stop();
  }
  process.exit();
}
