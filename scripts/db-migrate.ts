/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PostgreSQL. */
import { launchEnv } from "@/env";
import { migrateDatabase } from "@/server/db/migrations";
import { openDatabase } from "@/server/launch/database";

const database = await openDatabase(launchEnv(), console.info);
try {
  const applied = await migrateDatabase(database.url);
  console.info(
    applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "No pending migrations.",
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.embedded?.stop();
}
// The schema engine leaves a 10-second timer behind; nothing else is pending once we get here.
process.exit();
