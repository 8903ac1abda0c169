/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PostgreSQL. */
import { launchEnv } from "@/env";
import { migrateDatabase } from "@/server/db/migrations";
import { runDatabaseScript } from "@/server/launch/database";

await runDatabaseScript(launchEnv(), async (databaseUrl) => {
  const applied = await migrateDatabase(databaseUrl);
  console.info(
    applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "No pending migrations.",
  );
});
