/**
 * Vitest global setup for integration tests: one embedded PostgreSQL for the run (its own port and
 * data directory, apart from `npm start`'s), and a template database with every migration applied,
 * from which each test file clones a fresh database (see ./db.ts).
 */
import path from "node:path";
import type { TestProject } from "vitest/node";
import { testDatabaseEnv } from "@/env";
import { migrateDatabase } from "@/server/db/migrations";
import { createDatabase, dropDatabase } from "@/server/db/pg-admin";
import { startEmbeddedPostgres } from "@/server/launch/embedded-postgres";

export const TEMPLATE_DATABASE = "attache_template";

declare module "vitest" {
  // biome-ignore lint/style/useConsistentTypeDefinitions: declaration merging needs an interface
  export interface ProvidedContext {
    databaseUrls: { template: string; admin: string; prefix: string };
  }
}

export default async function setup(project: TestProject) {
  const env = testDatabaseEnv();
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(env.dataDir, "test"),
    port: env.port,
    database: "postgres",
  });
  const admin = postgres.urlFor("postgres");
  await dropDatabase(admin, TEMPLATE_DATABASE);
  await createDatabase(admin, TEMPLATE_DATABASE);
  await migrateDatabase(postgres.urlFor(TEMPLATE_DATABASE));
  project.provide("databaseUrls", {
    template: TEMPLATE_DATABASE,
    admin,
    prefix: postgres.urlFor(""),
  });
  return async () => {
    await postgres.stop();
  };
}
