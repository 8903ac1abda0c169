import type { Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createAppListener, type TNodeHandler } from "./app-listener";
import { createLimitedServer, DEFAULT_SERVER_LIMITS, type TServerLimits } from "./server-limits";

/**
 * The server's limits with small values, over raw TCP on loopback: a client cannot hold more than
 * its share of connections, nor keep one busy by sending its headers or body slowly; an upload to
 * the object store is exempt from the body limit (it has its own).
 */

let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => {
    server?.closeAllConnections();
    server?.close(() => resolve()) ?? resolve();
  });
  server = undefined;
});

const ok: TNodeHandler = (incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
  incoming.on("end", () =>
    outgoing.writeHead(200, { "content-type": "text/plain" }).end(`read ${Buffer.concat(chunks).length}`),
  );
};

async function start(limits: Partial<TServerLimits>) {
  const all = { ...DEFAULT_SERVER_LIMITS, ...limits };
  server = createLimitedServer(
    createAppListener({
      aws: { matches: () => false, serve: ok },
      objects: { matches: (target) => target.startsWith("/objects/"), serve: ok },
      next: ok,
      bodyTimeoutMs: all.bodyTimeoutMs,
    }),
    all,
  );
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return (listening.address() as AddressInfo).port;
}

/** A raw TCP connection; `received` is everything the server sent, `ended` settles when it closes. */
async function open(port: number) {
  const socket = connect({ host: "127.0.0.1", port });
  sockets.push(socket);
  let received = "";
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString();
  });
  socket.on("error", () => undefined);
  const ended = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  return { socket, ended, received: () => received };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) until `condition` holds. */
async function until(condition: () => boolean, what: string, tries = 100) {
  for (let attempt = 0; attempt < tries && !condition(); attempt++) await pause(50);
  expect(condition(), what).toBe(true);
}

/** Waits (bounded) until the server holds `count` connections. */
async function untilConnections(count: number) {
  let open = -1;
  for (let attempt = 0; attempt < 100 && open !== count; attempt++) {
    open = await new Promise<number>((resolve) => server?.getConnections((_error, value) => resolve(value)));
    if (open !== count) await pause(20);
  }
  expect(open).toBe(count);
}

const GET = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

describe("the connection cap per client", () => {
  it("answers connections over the cap with 503 and closes them, and admits one again when another closes", async () => {
    const port = await start({ maxConnectionsPerClient: 3 });
    // The cap's connections, each answered and kept alive.
    const held: Array<Awaited<ReturnType<typeof open>>> = [];
    for (let index = 0; index < 3; index++) {
      const connection = await open(port);
      connection.socket.write(GET);
      await until(() => connection.received().includes("read 0"), `connection ${index} answered`);
      held.push(connection);
    }
    for (let extra = 0; extra < 4; extra++) {
      const connection = await open(port);
      connection.socket.write(GET);
      await connection.ended;
      expect(connection.received(), `extra ${extra}`).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
      expect(connection.received()).not.toContain("read 0");
    }
    // The held ones still work; once one closes, a new connection is served.
    held[0]?.socket.write(GET);
    await until(() => (held[0]?.received().match(/read 0/g) ?? []).length === 2, "a held connection answered again");
    held[1]?.socket.destroy();
    await held[1]?.ended;
    await untilConnections(2);
    const again = await open(port);
    again.socket.write(GET);
    await until(() => again.received().includes("read 0"), "a connection after one closed");
  });

  it("is off with 0", async () => {
    const port = await start({ maxConnectionsPerClient: 0 });
    const connections = await Promise.all(Array.from({ length: 5 }, () => open(port)));
    for (const connection of connections) connection.socket.write(GET);
    for (const connection of connections) await until(() => connection.received().includes("read 0"), "answered");
  });
});

describe("slow clients", () => {
  it("are cut off when their headers do not arrive within headersTimeout", async () => {
    const port = await start({ headersTimeoutMs: 400, checkIntervalMs: 100 });
    const slow = await open(port);
    slow.socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n");
    let closed = false;
    void slow.ended.then(() => {
      closed = true;
    });
    // One more header line every 100 ms, for at most 10 s: the server ends it long before.
    for (let line = 0; line < 100 && !closed; line++) {
      slow.socket.write(`X-Slow-${line}: 1\r\n`);
      await pause(100);
    }
    expect(closed).toBe(true);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("are answered 408 and closed when the body does not arrive within the body time limit", async () => {
    const port = await start({ bodyTimeoutMs: 300 });
    const slow = await open(port);
    slow.socket.write("POST /api/trpc/instance.create HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{");
    let closed = false;
    void slow.ended.then(() => {
      closed = true;
    });
    for (let byte = 0; byte < 100 && !closed; byte++) {
      slow.socket.write(" ");
      await pause(100);
    }
    expect(closed).toBe(true);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(slow.received()).toContain("The request body did not arrive in time.");
  });

  it("may take longer over an upload to the object store, which bounds its own time", async () => {
    const port = await start({ bodyTimeoutMs: 300 });
    const upload = await open(port);
    upload.socket.write(
      "PUT /objects/key?X-Attache-Expires=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 8\r\n\r\n",
    );
    for (let byte = 0; byte < 8; byte++) {
      upload.socket.write("x");
      await pause(100);
    }
    await until(() => upload.received().includes("read 8"), "the upload answered");
  });
});
