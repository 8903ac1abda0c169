import { createServer, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type TDb } from "@/server/db";
import { createTestDatabase } from "@/test/db";
import { closedLoopbackPort } from "@/test/outage";
import { isDatabaseReachable, isDatabaseUnavailable } from "./outage";

/**
 * The outage classifier against the errors a real PostgreSQL (and a real refused or silent port)
 * produces through `pg` and Prisma: what an outage, and the pg timeouts, look like in practice.
 */

let db: TDb;
let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase());
});
afterAll(async () => {
  await drop?.();
});

/** What `work` rejects with; fails the test when it resolves. */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("isDatabaseUnavailable with real errors", () => {
  it("knows a database that refuses connections, through pg and through Prisma (models, raw, transactions)", async () => {
    const down = createDb(`postgresql://u:p@127.0.0.1:${await closedLoopbackPort()}/x`);
    try {
      const errors = [
        await failureOf(() => down.pool.query("SELECT 1")),
        await failureOf(() => down.user.findFirst()),
        await failureOf(() => down.user.updateMany({ where: { id: "x" }, data: { name: "y" } })),
        await failureOf(() => down.$queryRaw`SELECT 1`),
        await failureOf(() => down.$transaction(async (tx) => tx.user.findFirst())),
      ];
      for (const error of errors) expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    } finally {
      await down.$disconnect();
    }
  });

  it("knows pg's connection timeout (a server that never answers) and its pool's wait timing out", async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const pool = new pg.Pool({
      connectionString: `postgresql://u:p@127.0.0.1:${port}/x`,
      connectionTimeoutMillis: 200,
    });
    try {
      const timeout = await failureOf(() => pool.query("SELECT 1"));
      expect(String((timeout as Error).message)).toMatch(/timeout/);
      expect(isDatabaseUnavailable(timeout)).toBe(true);
    } finally {
      await pool.end();
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }

    const busy = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 1000 });
    const client = await busy.connect();
    try {
      const waited = await failureOf(() => busy.query("SELECT 1"));
      expect((waited as Error).message).toBe("timeout exceeded when trying to connect");
      expect(isDatabaseUnavailable(waited)).toBe(true);
    } finally {
      client.release();
      await busy.end();
    }
  });

  it("tells statement_timeout (57014: answered, too slow) from pg's query_timeout (no answer)", async () => {
    const limited = new pg.Pool({ connectionString: url, statement_timeout: 50 });
    const slow = await failureOf(() => limited.query("SELECT pg_sleep(2)"));
    expect((slow as { code?: string }).code).toBe("57014");
    expect(isDatabaseUnavailable(slow)).toBe(false);
    await limited.end();

    const prismaSlow = await failureOf(() =>
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL statement_timeout = 50");
        await tx.$queryRawUnsafe("SELECT pg_sleep(2)");
      }),
    );
    expect(isDatabaseUnavailable(prismaSlow)).toBe(false);

    const unanswered = new pg.Pool({ connectionString: url, query_timeout: 50 });
    const readTimeout = await failureOf(() => unanswered.query("SELECT pg_sleep(2)"));
    expect((readTimeout as Error).message).toBe("Query read timeout");
    expect(isDatabaseUnavailable(readTimeout)).toBe(true);
    await unanswered.end();
  });

  it("knows a connection PostgreSQL ends under a query (an administrator's shutdown, 57P01)", async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => undefined);
    await client.connect();
    const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;
    const sleeping = failureOf(() => client.query("SELECT pg_sleep(5)"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await db.$queryRawUnsafe("SELECT pg_terminate_backend($1)", pid);
    const ended = await sleeping;
    expect(isDatabaseUnavailable(ended)).toBe(true);
    await client.end().catch(() => undefined);
  });

  it("leaves the database's answers that are no outage alone", async () => {
    const email = `outage-${Date.now()}@attache.test`;
    await db.user.create({ data: { email } });
    expect(isDatabaseUnavailable(await failureOf(() => db.user.create({ data: { email } })))).toBe(false);
    expect(isDatabaseUnavailable(await failureOf(() => db.$queryRawUnsafe("SELECT * FROM no_such_table")))).toBe(false);
    expect(isDatabaseUnavailable(await failureOf(() => db.pool.query("SELEC 1")))).toBe(false);
    expect(isDatabaseUnavailable(await failureOf(() => db.user.update({ where: { id: "none" }, data: {} })))).toBe(
      false,
    );
  });
});

describe("isDatabaseReachable (the sign-in page's check)", () => {
  it("is true for a database that answers, false for one that refuses or never answers, within its timeout", async () => {
    expect(await isDatabaseReachable(db)).toBe(true);
    const down = createDb(`postgresql://u:p@127.0.0.1:${await closedLoopbackPort()}/x`);
    expect(await isDatabaseReachable(down)).toBe(false);
    await down.$disconnect();

    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const frozen = createDb(`postgresql://u:p@127.0.0.1:${(silent.address() as { port: number }).port}/x`, {
      connectTimeoutMs: 60_000,
      statementTimeoutMs: 60_000,
    });
    const started = Date.now();
    expect(await isDatabaseReachable(frozen, 300)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    for (const socket of held) socket.destroy();
    await frozen.$disconnect();
    await new Promise((resolve) => silent.close(resolve));
  });
});
