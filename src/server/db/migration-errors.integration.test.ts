import { randomUUID } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MigrationError } from "@/server/db/migration-errors";
import { migrateDatabase, pendingMigrations } from "@/server/db/migrations";
import { withPgClient } from "@/server/db/pg-admin";
import { adminUrl, createEmptyDatabase } from "@/test/db";

/** `url` with another user and password. */
function as(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

describe("a migration that cannot run says why in one sentence", () => {
  const role = `app_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const password = randomUUID();
  let empty: { url: string; name: string; drop: () => Promise<void> };

  beforeAll(async () => {
    empty = await createEmptyDatabase();
    await withPgClient(adminUrl(), (client) => client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`));
  });
  afterAll(async () => {
    await empty.drop();
    await withPgClient(adminUrl(), (client) => client.query(`DROP ROLE IF EXISTS ${role}`));
  });

  it("a role with no privileges: names both grants, no backtrace, and records nothing", async () => {
    const error = await migrateDatabase(as(empty.url, role, password)).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toBe(
      `The database role "${role}" may not create tables in schema "public" nor schemas in database "${empty.name}": run GRANT CREATE ON DATABASE ${empty.name} TO ${role}; GRANT CREATE ON SCHEMA public TO ${role} (or make it the owner of the database) and start again.`,
    );
    // Refused before the engine ran: no failed migration left behind to block the next start.
    const recorded = await withPgClient(
      empty.url,
      async (client) => (await client.query(`SELECT to_regclass('"_prisma_migrations"') AS t`)).rows[0],
    );
    expect(recorded).toEqual({ t: null });
  });

  it("CREATE on the schema only: names the database grant the init migration's CREATE SCHEMA needs", async () => {
    await withPgClient(empty.url, (client) => client.query(`GRANT CREATE ON SCHEMA public TO ${role}`));
    await expect(migrateDatabase(as(empty.url, role, password))).rejects.toThrow(
      new MigrationError(
        `The database role "${role}" may not create schemas in database "${empty.name}": run GRANT CREATE ON DATABASE ${empty.name} TO ${role} (or make it the owner of the database) and start again.`,
      ),
    );
  });

  it("CREATE on the database only: names the schema grant (PostgreSQL 15+ gives none on public)", async () => {
    await withPgClient(empty.url, async (client) => {
      await client.query(`REVOKE CREATE ON SCHEMA public FROM ${role}`);
      await client.query(`GRANT CREATE ON DATABASE ${empty.name} TO ${role}`);
    });
    await expect(migrateDatabase(as(empty.url, role, password))).rejects.toThrow(
      `The database role "${role}" may not create tables in schema "public": run GRANT CREATE ON SCHEMA public TO ${role} (or make it the owner of the database) and start again.`,
    );
  });

  it("after the grants it says, the same role migrates", async () => {
    await withPgClient(empty.url, (client) => client.query(`GRANT CREATE ON SCHEMA public TO ${role}`));
    const applied = await migrateDatabase(as(empty.url, role, password));
    expect(applied.length).toBeGreaterThan(0);
    expect(await pendingMigrations(as(empty.url, role, password))).toEqual([]);
  });

  it("a database that does not exist", async () => {
    const url = new URL(empty.url);
    url.pathname = "/attache_missing";
    await expect(migrateDatabase(url.toString())).rejects.toThrow(
      new MigrationError(
        `The database "attache_missing" does not exist on ${url.host}: create it (CREATE DATABASE attache_missing OWNER attache) and start again.`,
      ),
    );
    await expect(pendingMigrations(url.toString())).rejects.toThrow(/^The database "attache_missing" does not exist/);
  });

  it("a wrong password", async () => {
    const url = new URL(empty.url);
    await expect(migrateDatabase(as(empty.url, role, "wrong"))).rejects.toThrow(
      new MigrationError(
        `PostgreSQL on ${url.host} refused the password of role "${role}": correct the user and password in DATABASE_URL and start again.`,
      ),
    );
  });

  it("nothing listening on the port", async () => {
    // A port that was free a moment ago.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = server.address() as net.AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const url = new URL(empty.url);
    url.port = String(port);
    await expect(migrateDatabase(url.toString())).rejects.toThrow(
      new MigrationError(
        `Nothing accepts connections on 127.0.0.1:${port} (connection refused): start PostgreSQL or correct the host and port in DATABASE_URL, then start again.`,
      ),
    );
  });
});
