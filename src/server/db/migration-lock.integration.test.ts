import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPrismaPaths, MIGRATION_LOCK_KEY, migrateDatabase, pendingMigrations } from "@/server/db/migrations";
import { withPgClient } from "@/server/db/pg-admin";
import { createEmptyDatabase } from "@/test/db";

describe("migrations under an advisory lock", () => {
  let empty: { url: string; drop: () => Promise<void> };
  let names: string[];
  beforeAll(async () => {
    empty = await createEmptyDatabase();
    names = (await readdir(defaultPrismaPaths().migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  });
  afterAll(() => empty.drop());

  it("two servers migrating one empty database at once: both succeed, each migration is applied once", async () => {
    expect(await pendingMigrations(empty.url)).toEqual(names);
    const [first, second] = await Promise.all([migrateDatabase(empty.url), migrateDatabase(empty.url)]);
    // One of them applied everything, the other found nothing left once it had the lock.
    expect([...first, ...second].sort()).toEqual(names);
    expect([first.length, second.length].sort((a, b) => a - b)).toEqual([0, names.length]);

    const rows = await withPgClient(
      empty.url,
      async (client) =>
        (
          await client.query<{ migration_name: string; count: string }>(
            'SELECT migration_name, count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY 1 ORDER BY 1',
          )
        ).rows,
    );
    expect(rows).toEqual(names.map((name) => ({ migration_name: name, count: "1" })));
    expect(await pendingMigrations(empty.url)).toEqual([]);
  });

  it("waits while another process holds the lock, and gives up with one sentence after lockTimeoutMs", async () => {
    await withPgClient(empty.url, async (holder) => {
      await holder.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY.toString()]);
      await expect(migrateDatabase(empty.url, defaultPrismaPaths(), { lockTimeoutMs: 1000 })).rejects.toThrow(
        /^Another process has been migrating database "attache_empty_[0-9a-f]+" for over 1 second \(advisory lock \d+ is held\): let it finish, or end it, and start again\.$/,
      );
    });
    // Released with the holder's session: the next start goes through (nothing to apply).
    expect(await migrateDatabase(empty.url)).toEqual([]);
  });
});
