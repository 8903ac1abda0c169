/** `npm run db:seed`: the idempotent seed, as `npm start` runs it. */
import { arnContext, launchEnv, seedsDemoData } from "@/env";
import { createDb } from "@/server/db";
import { runDatabaseScript } from "@/server/launch/database";
import { seed } from "@/server/seed";

const env = launchEnv();
await runDatabaseScript(env, async (databaseUrl) => {
  const db = createDb(databaseUrl);
  try {
    await seed({ db, demo: seedsDemoData(env), arnContext: arnContext() });
    console.info("Seeded.");
  } finally {
    await db.$disconnect();
  }
});
