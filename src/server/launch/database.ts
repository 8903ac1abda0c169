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
