import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createCaller } from "@/server/api/root";
import type { TSession } from "@/server/auth";
import { createDb, type TDb } from "@/server/db";
import type { TRole } from "@/server/team/roles";
import { getDefaultTeam } from "@/server/team/team";

async function admin(run: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: inject("databaseUrls").admin });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, fully migrated database for one test file. */
export async function createTestDatabase(): Promise<{ db: TDb; url: string; drop: () => Promise<void> }> {
  const urls = inject("databaseUrls");
  const name = `attache_test_${randomUUID().replaceAll("-", "")}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${urls.template}"`));
  const url = `${urls.prefix}${name}`;
  const db = createDb(url);
  return {
    db,
    url,
    drop: async () => {
      await db.$disconnect();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** An empty database with no migrations applied. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `attache_empty_${randomUUID().replaceAll("-", "")}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    url: `${inject("databaseUrls").prefix}${name}`,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/** A signed-in user with `role` in the default team (null: signed in, but on no team). */
export async function createSession(db: TDb, role: TRole | null): Promise<TSession> {
  const email = `${role ?? "nobody"}-${randomUUID().slice(0, 8)}@attache.test`;
  const user = await db.user.create({ data: { email, name: `Test ${role ?? "nobody"}` } });
  if (role) {
    const team = await getDefaultTeam(db);
    await db.membership.create({ data: { userId: user.id, teamId: team.id, role } });
  }
  return { user: { id: user.id, email, name: user.name, image: null } };
}

export function callerFor(db: TDb, session: TSession | null) {
  return createCaller({ db, session });
}
