/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
 * SQL from the latest migration's schema to prisma/schema.prisma. Offline; nothing is applied.
 */
import path from "node:path";
import { launchEnv } from "@/env";
import { createMigration } from "@/server/db/migrations";
import { openDatabase } from "@/server/launch/database";

const name = process.argv.slice(2).join("_");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. npm run db:migration -- add_audit_events)");
  process.exit(2);
}

const database = await openDatabase(launchEnv(), console.info);
try {
  const result = await createMigration({ databaseUrl: database.url, name });
  if (result.status === "unchanged") {
    console.info("schema.prisma has no changes since the latest migration; nothing written.");
  } else {
    console.info(`Created ${path.relative(process.cwd(), result.directory)}/migration.sql:\n\n${result.sql}`);
    console.info("Apply it with: npm run db:migrate");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.embedded?.stop();
}
// The schema engine leaves a 10-second timer behind; nothing else is pending once we get here.
process.exit();
