/** `npm run db:seed`: the idempotent seed, as `npm start` runs it. */
import { arnEnv, launchEnv } from "@/env";
import { createDb } from "@/server/db";
import { openDatabase } from "@/server/launch/database";
import { seed } from "@/server/seed";

const env = launchEnv();
const database = await openDatabase(env, console.info);
const db = createDb(database.url);
try {
  const aws = arnEnv();
  await seed({
    db,
    demo: env.ATTACHE_SEED_DEMO ? env.ATTACHE_SEED_DEMO === "true" : !env.DATABASE_URL,
    arnContext: { region: aws.ATTACHE_AWS_REGION, accountId: aws.ATTACHE_AWS_ACCOUNT_ID },
  });
  console.info("Seeded.");
} finally {
  await db.$disconnect();
  await database.embedded?.stop();
}
// The schema engine leaves a 10-second timer behind; nothing else is pending once we get here.
process.exit();
