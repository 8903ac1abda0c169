import { readdir } from "node:fs/promises";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type TDb } from "@/server/db";
import { DatabaseUrlError } from "@/server/db/connection";
import { defaultPrismaPaths, migrateDatabase, pendingMigrations } from "@/server/db/migrations";
import { withPgClient } from "@/server/db/pg-admin";
import { getScopePolicy, updatePolicy } from "@/server/policies/policies";
import { findActor } from "@/server/team/team";
import { adminUrl, createEmptyDatabase, createSession, createTestInstance } from "@/test/db";

function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  return withPgClient(url, async (client) => (await client.query<T>(sql, values)).rows);
}

describe("DATABASE_URL with ?schema=tenant_a", () => {
  let empty: { url: string; name: string; drop: () => Promise<void> };
  let db: TDb;
  let names: string[];

  beforeAll(async () => {
    empty = await createEmptyDatabase({ schema: "tenant_a" });
    names = (await readdir(defaultPrismaPaths().migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  });
  afterAll(async () => {
    await db?.$disconnect();
    await empty.drop();
  });

  it("migrates into tenant_a (created on the way): tables, types, functions, triggers and _prisma_migrations", async () => {
    expect(await pendingMigrations(empty.url)).toEqual(names);
    expect(await migrateDatabase(empty.url)).toEqual(names);
    expect(await pendingMigrations(empty.url)).toEqual([]);

    // A plain connection, outside the schema: look in the catalogs.
    const plain = adminUrl(empty.name);
    const tables = await query<{ schema: string; table: string }>(
      plain,
      `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    expect(new Set(tables.map((row) => row.schema))).toEqual(new Set(["tenant_a"]));
    expect(tables.map((row) => row.table)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "User", "Instance", "AttachedFilesConfiguration", "AuditEvent"]),
    );
    const functions = await query<{ schema: string; name: string }>(
      plain,
      `SELECT n.nspname AS schema, p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.proname LIKE 'attache_%'`,
    );
    expect(functions.length).toBeGreaterThan(0);
    expect(new Set(functions.map((row) => row.schema))).toEqual(new Set(["tenant_a"]));
    // Each trigger function finds its tables in tenant_a whatever search_path fires it.
    const settings = await query<{ config: string[] | null }>(
      plain,
      "SELECT p.proconfig AS config FROM pg_proc p WHERE p.proname LIKE 'attache_%'",
    );
    for (const { config } of settings) expect(config).toContain('search_path="tenant_a"');
    const triggers = await query<{ schema: string }>(
      plain,
      `SELECT DISTINCT n.nspname AS schema FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal`,
    );
    expect(triggers).toEqual([{ schema: "tenant_a" }]);
    const types = await query<{ schema: string }>(
      plain,
      `SELECT DISTINCT n.nspname AS schema FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype = 'e'`,
    );
    expect(types).toEqual([{ schema: "tenant_a" }]);
    const recorded = await query<{ count: string }>(plain, 'SELECT count(*) FROM "tenant_a"."_prisma_migrations"');
    expect(Number(recorded[0]?.count)).toBe(names.length);

    // Nothing is migrated in public: for a URL without ?schema= every migration is still pending.
    expect(await pendingMigrations(plain)).toEqual(names);
  });

  it("keeps the URL's own ?options= and still works in tenant_a", async () => {
    const url = new URL(empty.url);
    url.searchParams.set("options", "-c application_name=attache_probe");
    const probe = createDb(url.toString());
    try {
      const rows = await probe.$queryRaw<Array<{ path: string; app: string }>>`
        SELECT current_setting('search_path') AS path, current_setting('application_name') AS app`;
      expect(rows).toEqual([{ path: '"tenant_a"', app: "attache_probe" }]);
      expect(await probe.user.count()).toBeGreaterThanOrEqual(0);
    } finally {
      await probe.$disconnect();
    }
  });

  it("works there through createDb: a policy written and read with the domain functions (Prisma and raw SQL)", async () => {
    db = createDb(empty.url);
    expect(db.schema).toBe("tenant_a");
    const instance = await createTestInstance(db, "tenant");
    const session = await createSession(db, "editor");
    const actor = await findActor({ db, userId: session.user.id });
    if (!actor) throw new Error("editor actor missing");
    await updatePolicy({
      db,
      actor,
      input: {
        instanceId: instance.id,
        scope: "CASE",
        maximumSizeLimitInBytes: 4096,
        allowedExtensions: ["pdf", "txt"],
        expectedVersion: undefined,
        reason: "tenant schema test",
      },
    });
    const policy = await getScopePolicy({ db, actor, instanceId: instance.id, scope: "CASE" });
    expect(policy).toMatchObject({ maximumSizeLimitInBytes: 4096, allowedExtensions: ["pdf", "txt"] });

    const plain = adminUrl(empty.name);
    const rows = await query<{ maximumSizeLimitInBytes: string }>(
      plain,
      'SELECT "maximumSizeLimitInBytes" FROM "tenant_a"."AttachedFilesConfiguration" WHERE "instanceId" = $1',
      [instance.id],
    );
    expect(rows.map((row) => Number(row.maximumSizeLimitInBytes))).toEqual([4096]);
    const inPublic = await query<{ exists: boolean }>(
      plain,
      `SELECT to_regclass('public."AttachedFilesConfiguration"') IS NOT NULL AS exists`,
    );
    expect(inPublic).toEqual([{ exists: false }]);
    // The append-only trigger on audit events (a function in tenant_a) still guards them.
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only|append only|may not/i);
  });

  it("refuses a schema name that is not a plain identifier, in one sentence", () => {
    for (const bad of ["tenant-a", 'x";drop', "pg_temp", "a".repeat(64), ""]) {
      expect(() => createDb(`${adminUrl(empty.name)}?schema=${encodeURIComponent(bad)}`)).toThrow(DatabaseUrlError);
    }
    expect(() => createDb(`${adminUrl(empty.name)}?schema=tenant-a`)).toThrow(
      'DATABASE_URL\'s ?schema="tenant-a" is not a schema name Attache accepts: use 1 to 63 letters, digits and underscores, starting with a letter or underscore and not with "pg_".',
    );
  });
});
