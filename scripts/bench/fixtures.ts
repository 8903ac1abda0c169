/**
 * What the benchmark needs in the database, written with plain SQL against the tables of
 * prisma/schema.prisma: an owner in the default team with a next-auth database session (for the
 * console's tRPC query), and the instance to drive. The session is deleted at the end.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The instance `ATTACHE_SEED_DEMO=true` creates (src/server/seed.ts); another one is used if it is gone. */
const DEMO_INSTANCE_ID = "6f0c1d3e-8a52-4c1b-9d7e-2b4a5c6d7e8f";
const BENCH_USER = { id: "attache-bench-owner", email: "bench-owner@attache.test", name: "Benchmark owner" };
/** As long as next-auth's maxAge (7 days), so next-auth does not extend the session during the run. */
const SESSION_DAYS = 7;

export type TFixtures = {
  instanceId: string;
  sessionToken: string;
  postgresVersion: string;
  cleanup(): Promise<void>;
};

export async function prepareFixtures(databaseUrl: string): Promise<TFixtures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const version = await client.query<{ version: string }>("SELECT version()");
    const instance = await client.query<{ id: string }>(
      `SELECT id FROM "Instance" ORDER BY (id = $1) DESC, "createdAt", id LIMIT 1`,
      [DEMO_INSTANCE_ID],
    );
    const instanceId = instance.rows[0]?.id;
    if (!instanceId) throw new Error("The database has no instance to benchmark (set ATTACHE_SEED_DEMO=true).");

    const sessionToken = randomBytes(32).toString("hex");
    await client.query("BEGIN");
    const user = await client.query<{ id: string }>(
      `INSERT INTO "User" (id, email, name, "emailVerified") VALUES ($1, $2, $3, now())
       ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [BENCH_USER.id, BENCH_USER.email, BENCH_USER.name],
    );
    const userId = user.rows[0]?.id;
    const membership = await client.query(
      `INSERT INTO "Membership" (id, "userId", "teamId", role, "updatedAt")
       SELECT $1, $2, t.id, 'owner', now() FROM "Team" t WHERE t.slug = 'default'
       ON CONFLICT ("userId", "teamId") DO UPDATE SET role = 'owner', "updatedAt" = now()`,
      [`${BENCH_USER.id}-membership`, userId],
    );
    if (membership.rowCount !== 1) throw new Error("The database has no default team.");
    await client.query(
      `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
       VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [`attache-bench-${sessionToken.slice(0, 16)}`, sessionToken, userId, SESSION_DAYS],
    );
    await client.query("COMMIT");

    return {
      instanceId,
      sessionToken,
      postgresVersion: version.rows[0]?.version ?? "unknown",
      cleanup: async () => {
        const cleaner = new pg.Client({ connectionString: databaseUrl });
        await cleaner.connect();
        try {
          await cleaner.query(`DELETE FROM "Session" WHERE "sessionToken" = $1`, [sessionToken]);
        } finally {
          await cleaner.end();
        }
      },
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
