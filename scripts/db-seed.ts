/** `npm run db:seed`: the idempotent seed, as `npm start` runs it. */
import { arnContext, launchEnv, seedsDemoData } from "@/env";
import { createDb } from "@/server/db";
import { openDatabase } from "@/server/launch/database";
import { seed } from "@/server/seed";

const env = launchEnv();
const database = await openDatabase(env, console.info);
const db = createDb(database.url);
try {
  await seed({ db, demo: seedsDemoData(env), arnContext: arnContext() });
  console.info("Seeded.");
} finally {
  await db.$disconnect();
  await database.embedded?.stop();
}
// The schema engine leaves a 10-second timer behind; nothing else is pending once we get here.
process.exit();
