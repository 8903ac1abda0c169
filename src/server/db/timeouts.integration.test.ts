import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, type TDb } from "@/server/db";
import { withPgClient } from "@/server/db/pg-admin";
import { adminUrl, createTestDatabase } from "@/test/db";

/**
 * A loopback TCP proxy in front of the test PostgreSQL that can freeze: it stops moving bytes either
 * way (they wait in the kernel's buffers, as with a stopped or partitioned server) but keeps every
 * socket open, and accepts new connections without answering them. Thawing moves the bytes again.
 */
async function startFreezableProxy(target: { host: string; port: number }) {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      if (frozen) from.pause();
      from.on("data", (chunk) => to.write(chunk));
      from.on("close", () => to.destroy());
      from.on("error", () => to.destroy());
    }
    client.on("close", () => {
      sockets.delete(client);
      sockets.delete(upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => {
      frozen = true;
      for (const socket of sockets) socket.pause();
    },
    thaw: () => {
      frozen = false;
      for (const socket of sockets) socket.resume();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const TIMEOUTS = { connectTimeoutMs: 1_000, statementTimeoutMs: 1_000 };
/** Generous next to the 1 s timeouts; without them these calls would wait until the thaw. */
const BOUND_MS = 8_000;

async function timed<T>(work: Promise<T>) {
  const started = Date.now();
  const outcome = await work.then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, ms: Date.now() - started };
}

describe("a frozen PostgreSQL (not refusing, just not answering)", () => {
  let database: { url: string; drop: () => Promise<void> };
  let proxy: Awaited<ReturnType<typeof startFreezableProxy>>;
  let proxiedUrl: string;
  const clients: TDb[] = [];

  const proxied = (timeouts = TIMEOUTS) => {
    const db = createDb(proxiedUrl, timeouts);
    clients.push(db);
    return db;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = await startFreezableProxy({ host: url.hostname, port: Number(url.port) });
    url.port = String(proxy.port);
    proxiedUrl = url.toString();
  });
  afterEach(() => proxy.thaw());
  afterAll(async () => {
    proxy.thaw();
    for (const db of clients) await db.$disconnect().catch(() => undefined);
    await proxy.close();
    await database.drop();
  });

  it("a query on an already pooled connection fails after the query timeout, and works again after the thaw", async () => {
    const db = proxied();
    expect(await db.user.count()).toBe(0);
    // Two pooled connections, one for each query below (a timed-out connection is discarded).
    await Promise.all([db.pool.query("SELECT pg_sleep(0.1)"), db.pool.query("SELECT pg_sleep(0.1)")]);
    expect(db.pool.idleCount).toBe(2);

    proxy.freeze();
    const prisma = await timed(db.user.count());
    expect(prisma.error).toBeInstanceOf(Error);
    expect((prisma.error as Error).message).toBe("Query read timeout");
    expect(prisma.ms).toBeLessThan(BOUND_MS);

    const raw = await timed(db.pool.query("SELECT 1"));
    expect(raw.error).toBeInstanceOf(Error);
    expect((raw.error as Error).message).toBe("Query read timeout");
    expect(raw.ms).toBeLessThan(BOUND_MS);
    expect(db.pool.totalCount).toBe(0);

    proxy.thaw();
    expect(await db.user.count()).toBe(0);
    expect((await db.pool.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("a new connection fails after the connect timeout, and the same client connects after the thaw", async () => {
    const db = proxied();
    proxy.freeze();
    const raw = await timed(db.pool.query("SELECT 1"));
    expect((raw.error as Error).message).toBe("Connection terminated due to connection timeout");
    expect(raw.ms).toBeLessThan(BOUND_MS);

    const prisma = await timed(db.user.count());
    expect(prisma.error).toBeInstanceOf(Error);
    expect((prisma.error as Error).message).toBe("Connection terminated due to connection timeout");
    expect(prisma.ms).toBeLessThan(BOUND_MS);

    proxy.thaw();
    expect(await db.user.count()).toBe(0);
  });

  it("a transaction caught by the freeze does not put its connection back in the pool mid-transaction", async () => {
    // The freeze ends the transaction through the statement timeout; the connections opened after the
    // thaw get a connect timeout that a busy machine's SCRAM handshakes through the proxy never reach.
    const db = proxied({ ...TIMEOUTS, connectTimeoutMs: 15_000 });
    await db.user.count();
    const transaction = timed(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email: "frozen@attache.test" } });
        proxy.freeze();
        return tx.user.count();
      }),
    );
    const outcome = await transaction;
    expect(outcome.error).toBeInstanceOf(Error);
    expect(outcome.ms).toBeLessThan(BOUND_MS);

    proxy.thaw();
    // Every connection the pool hands out now is outside any transaction and sees no half-written user.
    const states = await Promise.all(
      Array.from(
        { length: 12 },
        () =>
          db.$queryRaw<Array<{ inTransaction: boolean; users: number }>>`
          SELECT now() <> statement_timestamp() AS "inTransaction", (SELECT count(*)::int FROM "User") AS users`,
      ),
    );
    expect(states.flat()).toEqual(Array.from({ length: 12 }, () => ({ inTransaction: false, users: 0 })));
    // And PostgreSQL ends up with no session of that transaction left open.
    await expect
      .poll(
        () =>
          withPgClient(
            adminUrl(),
            async (client) =>
              (
                await client.query(
                  "SELECT count(*)::int AS open FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND datname = $1",
                  [new URL(database.url).pathname.slice(1)],
                )
              ).rows[0]?.open,
          ),
        { timeout: 10_000 },
      )
      .toBe(0);
  });

  it("a statement that runs too long on a live server ends with PostgreSQL's own statement timeout", async () => {
    const db = proxied();
    await expect(db.pool.query("SELECT pg_sleep(3)")).rejects.toMatchObject({
      code: "57014",
      message: "canceling statement due to statement timeout",
    });
    // That connection is fine: PostgreSQL cancelled the statement, not the session.
    expect((await db.pool.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});
