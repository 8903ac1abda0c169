import { Agent, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startHttpServer } from "@/test/http";
import { createAppListener, type TNodeHandler } from "./app-listener";
import { trackGracefulShutdown } from "./graceful-shutdown";
import { createHealthHandler, isHealthPath } from "./health-route";
import { createLimitedServer, DEFAULT_SERVER_LIMITS } from "./server-limits";

/**
 * Draining and health checks on a real HTTP server on loopback, the way scripts/serve.ts assembles
 * them: requests in flight when shutdown begins get their whole answer; new connections are refused;
 * what outlives the grace period is cut; /readyz turns 503 the moment draining starts.
 */

let server: Server | undefined;
const agents: Agent[] = [];

afterEach(async () => {
  for (const agent of agents.splice(0)) agent.destroy();
  await new Promise<void>((resolve) => {
    server?.closeAllConnections();
    server?.close(() => resolve()) ?? resolve();
  });
  server = undefined;
});

type TAnswer = { status: number; body: string; connection: string | undefined } | { error: string };

function get(port: number, path: string, agent?: Agent): Promise<TAnswer> {
  return new Promise((resolve) => {
    const outgoing = request({ host: "127.0.0.1", port, path, agent, timeout: 15_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body, connection: response.headers.connection }),
      );
      response.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error("timeout")));
    outgoing.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    outgoing.end();
  });
}

/** Answers /slow after `delayMs` (so it is in flight when shutdown begins), /hang never, anything else at once. */
function slowHandler(delayMs: number): { handler: TNodeHandler; arrived: () => number } {
  let arrived = 0;
  const handler: TNodeHandler = (incoming, outgoing) => {
    if (incoming.url === "/hang") {
      arrived++;
      return;
    }
    const answer = () => outgoing.writeHead(200, { "content-type": "text/plain" }).end(`done ${incoming.url}`);
    if (incoming.url?.startsWith("/slow")) {
      arrived++;
      setTimeout(answer, delayMs);
    } else answer();
  };
  return { handler, arrived: () => arrived };
}

async function start(
  handler: TNodeHandler,
  { graceMs, database = async () => undefined }: { graceMs: number; database?: () => Promise<unknown> },
) {
  let shutdown: ReturnType<typeof trackGracefulShutdown> | undefined;
  const health = createHealthHandler({
    database,
    draining: () => shutdown?.draining ?? false,
    checkTimeoutMs: 300,
    cacheMs: 0,
  });
  const listening = createLimitedServer(
    createAppListener({
      aws: { matches: () => false, serve: handler },
      health: { matches: isHealthPath, serve: health },
      next: handler,
    }),
    DEFAULT_SERVER_LIMITS,
  );
  server = listening;
  shutdown = trackGracefulShutdown(listening, { graceMs });
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return { port: (listening.address() as AddressInfo).port, shutdown };
}

async function until(condition: () => boolean) {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe("graceful shutdown", () => {
  it("lets every request in flight finish, says Connection: close, and refuses new connections", async () => {
    const { handler, arrived } = slowHandler(400);
    const { port, shutdown } = await start(handler, { graceMs: 10_000 });
    const inFlight = Array.from({ length: 25 }, (_, index) => get(port, `/slow/${index}`, new Agent()));
    await until(() => arrived() === 25);
    expect(shutdown.inFlight).toBe(25);

    const drained = shutdown.drain();
    expect(shutdown.draining).toBe(true);
    expect(await get(port, "/after")).toEqual({ error: "ECONNREFUSED" });

    const answers = await Promise.all(inFlight);
    answers.forEach((answer, index) => {
      expect(answer).toEqual({ status: 200, body: `done /slow/${index}`, connection: "close" });
    });
    expect(await drained).toEqual({ completed: 25, cut: 0 });
    expect(shutdown.drain()).toBe(drained);
  });

  it("closes idle kept-alive connections at once, and a request already on one finishes", async () => {
    const { handler, arrived } = slowHandler(300);
    const { port, shutdown } = await start(handler, { graceMs: 10_000 });
    const idle = new Agent({ keepAlive: true });
    const busy = new Agent({ keepAlive: true });
    agents.push(idle, busy);
    expect(await get(port, "/warm", idle)).toMatchObject({ status: 200, connection: "keep-alive" });
    expect(await get(port, "/warm", busy)).toMatchObject({ status: 200, connection: "keep-alive" });
    const slow = get(port, "/slow/kept", busy);
    await until(() => arrived() === 1);

    const drained = shutdown.drain();
    expect(await slow).toEqual({ status: 200, body: "done /slow/kept", connection: "close" });
    expect(await drained).toEqual({ completed: 1, cut: 0 });
  });

  it("cuts what is still running when the grace period ends, and reports it", async () => {
    const { handler, arrived } = slowHandler(0);
    const { port, shutdown } = await start(handler, { graceMs: 200 });
    const hanging = [get(port, "/hang"), get(port, "/hang"), get(port, "/hang")];
    await until(() => arrived() === 3);
    expect(await shutdown.drain()).toEqual({ completed: 0, cut: 3 });
    for (const answer of await Promise.all(hanging)) expect(answer).toEqual({ error: "ECONNRESET" });
  });

  it("with nothing in flight, stops at once", async () => {
    const { handler } = slowHandler(0);
    const { shutdown } = await start(handler, { graceMs: 60_000 });
    expect(await shutdown.drain()).toEqual({ completed: 0, cut: 0 });
  });
});

describe("health and readiness", () => {
  it("/healthz is 200 while serving; /readyz is 200 while the database answers", async () => {
    const { handler } = slowHandler(0);
    const { port } = await start(handler, { graceMs: 1_000 });
    expect(await get(port, "/healthz")).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(await get(port, "/readyz")).toMatchObject({ status: 200, body: '{"status":"ready"}' });
  });

  it("/readyz is 503 when the database check fails or does not answer in time, /healthz stays 200", async () => {
    const { handler } = slowHandler(0);
    let database: "down" | "frozen" = "down";
    const { port } = await start(handler, {
      graceMs: 1_000,
      database: () =>
        database === "down" ? Promise.reject(new Error("connect ECONNREFUSED")) : new Promise(() => undefined),
    });
    const unavailable = { status: 503, body: '{"status":"unavailable","reason":"database"}' };
    expect(await get(port, "/readyz")).toMatchObject(unavailable);
    database = "frozen";
    expect(await get(port, "/readyz")).toMatchObject(unavailable);
    expect(await get(port, "/healthz")).toMatchObject({ status: 200 });
  });

  it("/readyz asks the database once for any number of probes at a time, and keeps the answer a moment", async () => {
    let checks = 0;
    const health = createHealthHandler({
      database: async () => {
        checks++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      },
      draining: () => false,
      cacheMs: 60_000,
    });
    const { origin, close } = await startHttpServer((incoming, outgoing) => void health(incoming, outgoing));
    try {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () => fetch(`${origin}/readyz`).then((response) => response.status)),
      );
      expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));
      expect((await fetch(`${origin}/readyz`)).status).toBe(200);
      expect(checks).toBe(1);
    } finally {
      await close();
    }
  });

  it("/readyz is 503 once draining began, whatever the database says", async () => {
    const health = createHealthHandler({ database: async () => undefined, draining: () => true });
    const { origin, close } = await startHttpServer((incoming, outgoing) => void health(incoming, outgoing));
    try {
      const response = await fetch(`${origin}/readyz`);
      expect({ status: response.status, body: await response.text() }).toEqual({
        status: 503,
        body: '{"status":"draining"}',
      });
      expect(response.headers.get("cache-control")).toBe("no-store");
    } finally {
      await close();
    }
  });

  it("answers only GET and HEAD", async () => {
    const { handler } = slowHandler(0);
    const { port } = await start(handler, { graceMs: 1_000 });
    const answer = await new Promise<number>((resolve) => {
      const outgoing = request({ host: "127.0.0.1", port, path: "/readyz", method: "POST" }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      outgoing.on("error", () => resolve(0));
      outgoing.end();
    });
    expect(answer).toBe(405);
  });
});
