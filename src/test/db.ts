import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import type { TSession } from "@/server/auth";
import { createDb, type TDb } from "@/server/db";
import { createDatabase, dropDatabase } from "@/server/db/pg-admin";
import { createInstance } from "@/server/instances/instances";
import type { TRole } from "@/server/team/role-rules";
import { findActor, getDefaultTeam } from "@/server/team/team";

/** A database with a unique name: a copy of the migrated template, or empty. */
async function createScratchDatabase(kind: "test" | "empty") {
  const urls = inject("databaseUrls");
  const name = `attache_${kind}_${randomUUID().replaceAll("-", "")}`;
  await createDatabase(urls.admin, name, kind === "test" ? { template: urls.template } : {});
  return { url: `${urls.prefix}${name}`, name, drop: () => dropDatabase(urls.admin, name) };
}

/** A fresh, fully migrated database for one test file. */
export async function createTestDatabase(): Promise<{ db: TDb; url: string; drop: () => Promise<void> }> {
  const scratch = await createScratchDatabase("test");
  const db = createDb(scratch.url);
  return {
    db,
    url: scratch.url,
    drop: async () => {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}

/**
 * An empty database with no migrations applied; with `schema`, its URL names that schema
 * (`?schema=`), so migrations, createDb and withPgClient all work in it.
 */
export async function createEmptyDatabase(
  options: { schema?: string } = {},
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const scratch = await createScratchDatabase("empty");
  return { ...scratch, url: options.schema ? `${scratch.url}?schema=${options.schema}` : scratch.url };
}

/** The superuser URL of the test PostgreSQL for `database` (default: the maintenance database). */
export function adminUrl(database?: string): string {
  const urls = inject("databaseUrls");
  return database === undefined ? urls.admin : `${urls.prefix}${database}`;
}

/**
 * A signed-in user with `role` in the default team (null: signed in, but on no team), with a session
 * row (its `sessionToken` works as the session cookie) that signed in at the IdP at `authenticatedAt`
 * (default: now, so recent-sign-in checks pass).
 */
export async function createSession(
  db: TDb,
  role: TRole | null,
  { authenticatedAt = new Date() }: { authenticatedAt?: Date } = {},
): Promise<TSession & { sessionToken: string }> {
  const email = `${role ?? "nobody"}-${randomUUID().slice(0, 8)}@attache.test`;
  const user = await db.user.create({ data: { email, name: `Test ${role ?? "nobody"}` } });
  if (role) {
    const team = await getDefaultTeam(db);
    await db.membership.create({ data: { userId: user.id, teamId: team.id, role } });
  }
  const sessionToken = randomUUID();
  await db.session.create({
    data: {
      sessionToken,
      userId: user.id,
      expires: new Date(Date.now() + 60 * 60_000),
      createdAt: authenticatedAt,
      authenticatedAt,
    },
  });
  return { user: { id: user.id, email, name: user.name, image: null }, authenticatedAt, sessionToken };
}

/** The rows a change would write, to show that a refused request wrote nothing. */
export async function countWrites(db: TDb) {
  const [configurations, revisions, audits, instances] = await Promise.all([
    db.attachedFilesConfiguration.count(),
    db.policyRevision.count(),
    db.auditEvent.count(),
    db.instance.count(),
  ]);
  return { configurations, revisions, audits, instances };
}

/** An instance created by an editor in the console, with a unique alias starting with `prefix`. */
export async function createTestInstance(db: TDb, prefix = "test") {
  const session = await createSession(db, "editor");
  const actor = await findActor({ db, userId: session.user.id });
  if (!actor) throw new Error("editor actor missing");
  return createInstance({
    db,
    actor,
    input: { alias: `${prefix}-${randomUUID().slice(0, 8)}` },
    arnContext: { region: "us-east-1", accountId: "123456789012" },
  });
}
