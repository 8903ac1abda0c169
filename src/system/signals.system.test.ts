import { chmod, mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectSigner } from "@/server/aws/auth/signing-keys";
import { createDb, type TDb } from "@/server/db";
import { DEMO_INSTANCE_ID } from "@/server/seed";
import { createTestInstance } from "@/test/db";
import {
  BOOTSTRAP_KEY,
  freePort,
  httpGet,
  isListening,
  killEverything,
  outputOfEverything,
  processesMatching,
  spawnNpmStart,
  startAppServer,
  startTestPostgres,
  type TTestPostgres,
  waitFor,
} from "@/test/processes";

/**
 * SIGINT and SIGTERM with requests in flight: scripts/serve.ts stops accepting connections, answers
 * every request it already has (here: signed API writes whose bodies are still arriving when the
 * signal comes), logs how many finished and exits 0. And SIGTERM to the `npm start` PID stops the
 * whole launcher (app server, development IdP, embedded PostgreSQL): nothing is left listening and
 * no process is left behind.
 */

const IN_FLIGHT = 20;
const SCOPE = "CHAT";

let postgres: TTestPostgres;
let db: TDb;
let instanceId: string;
const temporaryDirs: string[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
});

afterAll(async () => {
  await killEverything();
  await db?.$disconnect();
  await postgres?.destroy();
  for (const dir of temporaryDirs) await rm(dir, { recursive: true, force: true });
});

type TAnswer = { status: number; body: string } | { error: string };

/**
 * An UpdateAttachedFilesConfiguration signed exactly as the SDK signs it, sent by hand: headers and
 * the first half of the body now, the rest when `finish()` is called. Until then the request is in
 * flight on the server (its handler is reading the body).
 */
async function startSlowWrite(server: { port: number }, size: number, instance = instanceId) {
  const body = JSON.stringify({
    MaximumSizeLimitInBytes: size,
    ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }, { Extension: `n${size % 100_000}` }] },
  });
  const requestPath = `/api/aws/attached-files-configurations/${instance}/${SCOPE}`;
  const signed = await connectSigner(BOOTSTRAP_KEY.accessKeyId, BOOTSTRAP_KEY.secretAccessKey).sign({
    method: "POST",
    protocol: "http:",
    hostname: "127.0.0.1",
    port: server.port,
    path: requestPath,
    query: {},
    headers: {
      host: `127.0.0.1:${server.port}`,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
    },
    body,
  });
  const half = Math.floor(body.length / 2);
  let sentFirstHalf: () => void = () => undefined;
  const firstHalfSent = new Promise<void>((resolve) => {
    sentFirstHalf = resolve;
  });
  let outgoing: ReturnType<typeof request> | undefined;
  const answer = new Promise<TAnswer>((resolve) => {
    outgoing = request(
      {
        host: "127.0.0.1",
        port: server.port,
        method: "POST",
        path: requestPath,
        headers: signed.headers,
        agent: false,
        timeout: 30_000,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      },
    );
    outgoing.on("timeout", () => outgoing?.destroy(new Error("timeout")));
    outgoing.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    outgoing.write(body.slice(0, half), () => sentFirstHalf());
  });
  await firstHalfSent;
  return { size, answer, finish: () => outgoing?.end(body.slice(half)) };
}

async function drainsOn(signal: "SIGINT" | "SIGTERM", base: number) {
  const server = await startAppServer({
    name: `app server (${signal})`,
    databaseUrl: postgres.url,
    port: await freePort(),
    dataDir: postgres.dataDir,
  });
  db ??= createDb(postgres.url);
  instanceId ??= (await createTestInstance(db, "signals")).id;

  const writes = await Promise.all(
    Array.from({ length: IN_FLIGHT }, (_, index) => startSlowWrite(server, base + index)),
  );
  // The server has every request's headers (each is counted in flight) before the signal: a request on
  // a connection opened after them has been answered, and the server had a moment more.
  expect((await httpGet(`${server.origin}/healthz`)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const signalled = performance.now();
  server.signal(signal);
  const stopping = await server.waitForOutput(
    new RegExp(`\\[attache\\] ${signal}: stopping\\. (\\d+) request\\(s\\) in flight`),
    10_000,
  );
  expect(Number(stopping[1])).toBe(IN_FLIGHT);

  // No new connections once draining.
  await waitFor("the listening socket to close", async () => ((await isListening(server.port)) ? undefined : true), {
    timeoutMs: 5_000,
    intervalMs: 50,
  });

  for (const write of writes) write.finish();
  const answers = await Promise.all(writes.map((write) => write.answer));
  const exit = await server.waitForExit(30_000);
  const stoppedMs = performance.now() - signalled;

  for (const [index, answer] of answers.entries()) {
    expect(answer).toMatchObject({ status: 200 });
    expect(JSON.parse((answer as { body: string }).body)).toMatchObject({
      MaximumSizeLimitInBytes: writes[index]?.size,
    });
  }
  expect(exit).toEqual({ code: 0, signal: null });
  const stopped = server.output().match(/\[attache\] Stopped: (\d+) request\(s\) finished[^\n]*/);
  expect(stopped?.[1]).toBe(String(IN_FLIGHT));
  expect(stopped?.[0]).not.toContain("cut");

  // Every answered write is in the history.
  const written = await db.policyRevision.count({
    where: {
      instanceId,
      scope: SCOPE,
      OR: writes.map((write) => ({ after: { path: ["maximumSizeLimitInBytes"], equals: write.size } })),
    },
  });
  expect(written).toBe(IN_FLIGHT);
  return { statuses: answers.map((answer) => ("status" in answer ? answer.status : answer.error)), stoppedMs, stopped };
}

describe("signals to the app server with requests in flight", () => {
  for (const [signal, base] of [
    ["SIGINT", 2_000_000],
    ["SIGTERM", 3_000_000],
  ] as const) {
    it(`${signal}: every request in flight gets its whole answer, new connections are refused, exit 0`, async ({
      onTestFailed,
    }) => {
      onTestFailed(() => console.error(outputOfEverything()));
      const { statuses, stoppedMs, stopped } = await drainsOn(signal, base);
      const ok = statuses.filter((status) => status === 200).length;
      console.info(
        `[system] ${signal}: ${IN_FLIGHT} API writes in flight (bodies half sent) → ${ok}/${IN_FLIGHT} answered 200 after the signal, ` +
          `new connections refused, exit 0 after ${Math.round(stoppedMs)} ms; log: "${stopped?.[0]?.replace("[attache] ", "")}"`,
      );
    });
  }
});

/** A fresh data directory and ports for one `npm start`, with the bootstrap key configured. */
async function npmStartEnv() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "attache-system-npm-"));
  await chmod(dataDir, 0o755);
  temporaryDirs.push(dataDir);
  const [port, idpPort, pgPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    HOST: "127.0.0.1",
    PORT: String(port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    ATTACHE_IDP_PORT: String(idpPort),
    ATTACHE_PG_PORT: String(pgPort),
    ATTACHE_DATA_DIR: dataDir,
    ATTACHE_BOOTSTRAP_ACCESS_KEY_ID: BOOTSTRAP_KEY.accessKeyId,
    ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY: BOOTSTRAP_KEY.secretAccessKey,
  };
  return { env, dataDir, port, idpPort, pgPort };
}

describe("Ctrl-C in a terminal (SIGINT to the npm start process group)", () => {
  it("lets the app server finish its requests in flight before PostgreSQL stops, then exits 0", async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(outputOfEverything()));
    const { env, port, idpPort, pgPort } = await npmStartEnv();
    // In a process group of its own, as a shell runs a foreground job: the signal goes to the group.
    const npm = spawnNpmStart(env, { processGroup: true });
    await npm.waitForOutput(/\[attache\] Attache is ready at /, 180_000);

    const inFlight = 5;
    const writes = await Promise.all(
      Array.from({ length: inFlight }, (_, index) => startSlowWrite({ port }, 4_000_000 + index, DEMO_INSTANCE_ID)),
    );
    expect((await httpGet(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const signalled = performance.now();
    process.kill(-npm.pid, "SIGINT");
    // The app server gets the terminal's SIGINT and the launcher's SIGTERM at about the same moment,
    // and acts on whichever its event loop sees first.
    const stopping = await npm.waitForOutput(
      /\[attache\] SIG(?:INT|TERM): stopping\. (\d+) request\(s\) in flight/,
      10_000,
    );
    expect(Number(stopping[1])).toBe(inFlight);
    // The app server drains; PostgreSQL, which the terminal's signal did not reach, still answers its writes.
    for (const write of writes) write.finish();
    const answers = await Promise.all(writes.map((write) => write.answer));
    const exit = await npm.waitForExit(60_000);
    const stoppedMs = performance.now() - signalled;

    for (const [index, answer] of answers.entries()) {
      expect(answer).toMatchObject({ status: 200 });
      expect(JSON.parse((answer as { body: string }).body)).toMatchObject({
        MaximumSizeLimitInBytes: writes[index]?.size,
      });
    }
    expect(exit).toEqual({ code: 0, signal: null });
    expect(npm.output()).toMatch(new RegExp(`\\[attache\\] Stopped: ${inFlight} request\\(s\\) finished\\.`));
    const stillListening = [];
    for (const closed of [port, idpPort, pgPort]) if (await isListening(closed)) stillListening.push(closed);
    expect(stillListening).toEqual([]);
    console.info(
      `[system] Ctrl-C (SIGINT to the npm start group): ${inFlight} API writes in flight → ` +
        `${answers.filter((answer) => "status" in answer && answer.status === 200).length}/${inFlight} answered 200 ` +
        `(PostgreSQL still up), exit code ${exit.code} after ${Math.round(stoppedMs)} ms, nothing listening`,
    );
  });
});

describe("SIGTERM to the npm start PID", () => {
  it("stops the app server, the development IdP and PostgreSQL: exit 0, nothing listening, no process left", async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(outputOfEverything()));
    const { env, dataDir, port, idpPort, pgPort } = await npmStartEnv();
    const started = performance.now();
    const npm = spawnNpmStart(env);
    await npm.waitForOutput(/\[attache\] Attache is ready at /, 180_000);
    const readyMs = performance.now() - started;
    for (const listening of [port, idpPort, pgPort]) expect(await isListening(listening)).toBe(true);
    const descendantsBefore = processesMatching(dataDir).length + processesMatching(`--port ${port} `).length;
    // PostgreSQL (its command line names the data directory) and the app server: the check below sees them.
    expect(descendantsBefore).toBeGreaterThanOrEqual(2);

    const signalled = performance.now();
    npm.signal("SIGTERM");
    const exit = await npm.waitForExit(60_000);
    const stoppedMs = performance.now() - signalled;

    expect(exit).toEqual({ code: 0, signal: null });
    const stillListening = [];
    for (const closed of [port, idpPort, pgPort]) if (await isListening(closed)) stillListening.push(closed);
    expect(stillListening).toEqual([]);
    // No PostgreSQL (its command line names the data directory) and no app server (--port) left.
    const leftovers = [...processesMatching(dataDir), ...processesMatching(`--port ${port} `)];
    expect(leftovers).toEqual([]);
    expect(npm.output()).toMatch(/\[attache\] Stopped: \d+ request\(s\) finished/);

    console.info(
      `[system] SIGTERM to npm start: ready after ${Math.round(readyMs)} ms, exit code ${exit.code} after ${Math.round(stoppedMs)} ms; ` +
        `ports ${port} (app), ${idpPort} (IdP), ${pgPort} (PostgreSQL) refused afterwards; ` +
        `${descendantsBefore} matching processes before, ${leftovers.length} after`,
    );
  });
});
