/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
 * SQL from the latest migration's schema to prisma/schema.prisma. Offline; nothing is applied.
 */
import path from "node:path";
import { launchEnv } from "@/env";
import { createMigration } from "@/server/db/migrations";
import { runDatabaseScript } from "@/server/launch/database";

const name = process.argv.slice(2).join("_");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. npm run db:migration -- add_audit_events)");
  process.exit(2);
}

await runDatabaseScript(launchEnv(), async (databaseUrl) => {
  const result = await createMigration({ databaseUrl, name });
  if (result.status === "unchanged") {
    console.info("schema.prisma has no changes since the latest migration; nothing written.");
    return;
  }
  console.info(`Created ${path.relative(process.cwd(), result.directory)}/migration.sql:\n\n${result.sql}`);
  console.info("Apply it with: npm run db:migrate");
});
