import { createHash, randomUUID } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMigration,
  defaultPrismaPaths,
  migrateDatabase,
  SNAPSHOT_FILE,
  type TPrismaPaths,
} from "@/server/db/migrations";
import { withPgClient } from "@/server/db/pg-admin";
import { createEmptyDatabase } from "@/test/db";

function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  return withPgClient(url, async (client) => (await client.query<T>(sql)).rows);
}

describe("migrations through the WebAssembly schema engine", () => {
  let empty: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    empty = await createEmptyDatabase();
  });
  afterAll(() => empty.drop());

  it("apply every migration to an empty database and record them as the Prisma CLI does", async () => {
    const names = (await readdir(defaultPrismaPaths().migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(await migrateDatabase(empty.url)).toEqual(names);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(
      empty.url,
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(path.join(defaultPrismaPaths().migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await query<{ table_name: string }>(
      empty.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["User", "Session", "Membership", "Instance"]),
    );
  });

  it("apply nothing the second time", async () => {
    expect(await migrateDatabase(empty.url)).toEqual([]);
  });
});

describe("creating a migration offline", () => {
  let workdir: string;
  let paths: TPrismaPaths;
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    workdir = await mkdtemp(path.join(os.tmpdir(), "attache-migration-"));
    await cp(path.resolve("prisma"), path.join(workdir, "prisma"), { recursive: true });
    paths = defaultPrismaPaths(workdir);
    database = await createEmptyDatabase();
    await migrateDatabase(database.url, paths);
  });
  afterAll(async () => {
    await database.drop();
    await rm(workdir, { recursive: true, force: true });
  });

  it("writes nothing when schema.prisma has not changed", async () => {
    expect(await createMigration({ databaseUrl: database.url, name: "noop", paths })).toEqual({ status: "unchanged" });
  });

  it("writes the DDL for a new model, with a snapshot, and it applies", async () => {
    const schema = await readFile(paths.schemaPath, "utf8");
    await writeFile(
      paths.schemaPath,
      `${schema}\nmodel Probe {\n  id    String @id @default(cuid())\n  label String @unique\n  size  Int    @default(0)\n}\n`,
    );
    const result = await createMigration({
      databaseUrl: database.url,
      name: "Add probe!",
      paths,
      now: new Date("2030-01-02T03:04:05Z"),
    });
    if (result.status !== "created") throw new Error("expected a migration");
    expect(path.basename(result.directory)).toBe("20300102030405_add_probe");
    expect(result.sql).toContain('CREATE TABLE "Probe"');
    expect(result.sql).toContain('"size" INTEGER NOT NULL DEFAULT 0');
    expect(result.sql).toContain('CREATE UNIQUE INDEX "Probe_label_key" ON "Probe"("label")');
    expect(result.sql).not.toContain('CREATE TABLE "User"');
    expect(await readFile(path.join(result.directory, SNAPSHOT_FILE), "utf8")).toContain("model Probe");

    expect(await migrateDatabase(database.url, paths)).toEqual(["20300102030405_add_probe"]);
    const columns = await query<{ column_name: string }>(
      database.url,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'Probe' ORDER BY column_name",
    );
    expect(columns.map((row) => row.column_name)).toEqual(["id", "label", "size"]);
  });
});

describe("the migration that makes active API key names unique", () => {
  const MIGRATION = "20261126141800_unique_active_api_key_names";
  let workdir: string;
  let paths: TPrismaPaths;
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    workdir = await mkdtemp(path.join(os.tmpdir(), "attache-migration-"));
    await cp(path.resolve("prisma"), path.join(workdir, "prisma"), { recursive: true });
    paths = defaultPrismaPaths(workdir);
    database = await createEmptyDatabase();
  });
  afterAll(async () => {
    await database.drop();
    await rm(workdir, { recursive: true, force: true });
  });

  it("renames existing duplicates by creation order, then refuses a new active duplicate", async () => {
    const held = path.join(workdir, MIGRATION);
    await cp(path.join(paths.migrationsDir, MIGRATION), held, { recursive: true });
    await rm(path.join(paths.migrationsDir, MIGRATION), { recursive: true });
    await migrateDatabase(database.url, paths);

    const team = randomUUID();
    const other = randomUUID();
    let created = Date.parse("2030-01-01T00:00:00Z");
    const key = (teamId: string, name: string, revoked = false) => {
      created += 1000;
      return `('${randomUUID()}', '${teamId}', '${name}', 'ATCH${randomUUID().replaceAll("-", "").slice(0, 16)}', 'x', 'test', '${new Date(created).toISOString()}', ${revoked ? "now()" : "NULL"})`;
    };
    await query(
      database.url,
      `INSERT INTO "Team" ("id", "slug", "name") VALUES ('${team}', 'a', 'A'), ('${other}', 'b', 'B');
       INSERT INTO "ApiKey" ("id", "teamId", "name", "accessKeyId", "secretCiphertext", "createdByLabel", "createdAt", "revokedAt") VALUES
       ${[
         key(team, "Nightly"),
         key(team, "nightly"),
         key(team, "Nightly (2)"),
         key(team, "NIGHTLY"),
         key(team, "Nightly", true),
         key(team, "x".repeat(100)),
         key(team, "X".repeat(100)),
         key(other, "Nightly"),
       ].join(",\n")};`,
    );

    await cp(held, path.join(paths.migrationsDir, MIGRATION), { recursive: true });
    expect(await migrateDatabase(database.url, paths)).toEqual([MIGRATION]);

    const rows = await query<{ teamId: string; name: string; revoked: boolean }>(
      database.url,
      `SELECT "teamId", "name", "revokedAt" IS NOT NULL AS "revoked" FROM "ApiKey" ORDER BY "createdAt"`,
    );
    expect(rows.map((row) => [row.teamId === team ? "a" : "b", row.name, row.revoked])).toEqual([
      ["a", "Nightly", false],
      ["a", "nightly (3)", false],
      ["a", "Nightly (2)", false],
      ["a", "NIGHTLY (4)", false],
      ["a", "Nightly", true],
      ["a", "x".repeat(100), false],
      ["a", `${"X".repeat(96)} (2)`, false],
      ["b", "Nightly", false],
    ]);

    const insert = (name: string, revoked: boolean) =>
      query(
        database.url,
        `INSERT INTO "ApiKey" ("id", "teamId", "name", "accessKeyId", "secretCiphertext", "createdByLabel", "createdAt", "revokedAt") VALUES ${key(team, name, revoked)}`,
      );
    await expect(insert("NIGHTLY", false)).rejects.toThrow(/ApiKey_teamId_lower_name_active_key/);
    await expect(insert("NIGHTLY", true)).resolves.toBeDefined();
  });
});
