import pg from "pg";
import { parseDatabaseUrl, pgConnectionConfig } from "./connection";

/** One short-lived connection: opened, used, always closed; in the schema `?schema=` names (else public). */
export async function withPgClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(
    pgConnectionConfig(parseDatabaseUrl(url), { connectTimeoutMs: 10_000, statementTimeoutMs: 0 }),
  );
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Creates `name` unless it exists, optionally as a copy of `template`. `adminUrl` points at any other database. */
export function createDatabase(adminUrl: string, name: string, options: { template?: string } = {}): Promise<void> {
  return withPgClient(adminUrl, async (client) => {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      await client.query(
        `CREATE DATABASE ${quote(name)}${options.template ? ` TEMPLATE ${quote(options.template)}` : ""}`,
      );
    }
  });
}

export function dropDatabase(adminUrl: string, name: string): Promise<void> {
  return withPgClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
  });
}
