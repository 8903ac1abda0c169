import {
  type ConnectClient,
  ConnectServiceException,
  DescribeAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type TDb } from "@/server/db";
import { connectClient } from "@/test/aws";
import { createSession, createTestInstance } from "@/test/db";
import {
  BOOTSTRAP_KEY,
  freePort,
  httpGet,
  killEverything,
  outputOfEverything,
  startAppServer,
  startTestPostgres,
  type TAppServer,
  type TTestPostgres,
  waitFor,
} from "@/test/processes";

/**
 * PostgreSQL going away under a running app server, and coming back, with no restart of the app:
 * stopped (connections refused) and frozen (SIGSTOP: connections accepted, nothing answered). The
 * API answers its modelled 500 promptly, the console's tRPC a 503 with DATABASE_UNAVAILABLE (never
 * 401), a signed-in person's page the outage state (never the sign-in page), /readyz 503; afterwards
 * the same process serves normally again.
 */

/** ATTACHE_DB_CONNECT_TIMEOUT_SECONDS and ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS for this server. */
const DB_TIMEOUT_SECONDS = 2;
/** A frozen database must not hold an answer much longer than the timeouts. */
const FROZEN_ANSWER_BOUND_MS = 8_000;
/** A stopped database refuses connections: the answer is meant to come within a second; this is the test's bound. */
const STOPPED_ANSWER_BOUND_MS = 5_000;
const RECOVERY_BOUND_MS = 30_000;

let postgres: TTestPostgres;
let db: TDb;
let server: TAppServer;
let client: ConnectClient;
let cookie: string;
let instanceId: string;

beforeAll(async () => {
  postgres = await startTestPostgres();
  server = await startAppServer({
    databaseUrl: postgres.url,
    port: await freePort(),
    dataDir: postgres.dataDir,
    env: {
      ATTACHE_DB_CONNECT_TIMEOUT_SECONDS: String(DB_TIMEOUT_SECONDS),
      ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS: String(DB_TIMEOUT_SECONDS),
    },
  });
  db = createDb(postgres.url);
  instanceId = (await createTestInstance(db, "outage")).id;
  const session = await createSession(db, "viewer");
  cookie = `next-auth.session-token=${session.sessionToken}`;
  client = connectClient(server.endpoint, BOOTSTRAP_KEY);
});

afterAll(async () => {
  client?.destroy();
  await postgres?.thaw();
  await killEverything();
  await db?.$disconnect();
  await postgres?.destroy();
});

type TApiAnswer = { ok: true; ms: number } | { ok: false; ms: number; name: string; status: number | undefined };

async function describePolicy(timeoutMs = 20_000): Promise<TApiAnswer> {
  const started = performance.now();
  try {
    await client.send(
      new DescribeAttachedFilesConfigurationCommand({ InstanceId: instanceId, AttachmentScope: "CHAT" }),
      {
        abortSignal: AbortSignal.timeout(timeoutMs),
      },
    );
    return { ok: true, ms: performance.now() - started };
  } catch (error) {
    const ms = performance.now() - started;
    if (error instanceof ConnectServiceException) {
      return { ok: false, ms, name: error.name, status: error.$metadata.httpStatusCode };
    }
    return {
      ok: false,
      ms,
      name: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      status: undefined,
    };
  }
}

/** `me.get` through the console's tRPC endpoint with the session cookie. */
async function trpcMe(timeoutMs = 20_000) {
  const answer = await httpGet(`${server.origin}/api/trpc/me.get`, { headers: { cookie }, timeoutMs });
  let detail: unknown;
  let message: unknown;
  try {
    const error = JSON.parse(answer.text)?.error?.json;
    detail = error?.data?.detail;
    message = error?.message;
  } catch {
    // Not JSON: the status says what happened.
  }
  return { status: answer.status, ms: answer.ms, detail, message };
}

const homePage = () => httpGet(`${server.origin}/`, { headers: { cookie }, timeoutMs: 20_000 });
const readiness = () => httpGet(`${server.origin}/readyz`, { timeoutMs: 20_000 });

/**
 * /readyz until it answers 503 (it may repeat an answer up to a second old), at most `timeoutMs`: the
 * 503 and the slowest of the answers on the way.
 */
async function readinessUnavailable(timeoutMs = 15_000) {
  let slowestMs = 0;
  const answer = await waitFor(
    "/readyz to answer 503",
    async () => {
      const ready = await readiness();
      slowestMs = Math.max(slowestMs, ready.ms);
      return ready.status === 503 ? ready : undefined;
    },
    { timeoutMs, intervalMs: 250 },
  );
  return { ...answer, slowestMs };
}
const round = (ms: number) => Math.round(ms);

async function expectServingNormally() {
  const api = await describePolicy();
  expect(api).toMatchObject({ ok: true });
  const trpc = await trpcMe();
  expect(trpc.status).toBe(200);
  const page = await homePage();
  expect(page.status).toBe(200);
  expect(page.text).not.toContain('data-testid="database-outage"');
}

async function waitForRecovery() {
  const started = performance.now();
  await waitFor("/readyz to answer 200 again", async () => ((await readiness()).status === 200 ? true : undefined), {
    timeoutMs: RECOVERY_BOUND_MS,
    intervalMs: 250,
  });
  await waitFor("the API to answer again", async () => ((await describePolicy()).ok ? true : undefined), {
    timeoutMs: RECOVERY_BOUND_MS,
    intervalMs: 250,
  });
  await expectServingNormally();
  return performance.now() - started;
}

describe("PostgreSQL stopped during traffic", () => {
  it("answers the API's 500 within a second, the console's outage state (never sign-in), and recovers without a restart", async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(outputOfEverything()));
    await postgres.ensureRunning();
    await waitForRecovery();
    const pid = server.pid;

    await postgres.stop();

    const api: TApiAnswer[] = [];
    for (let call = 0; call < 10; call++) api.push(await describePolicy());
    for (const answer of api) {
      expect(answer).toMatchObject({ ok: false, name: "InternalServiceException", status: 500 });
      expect(answer.ms).toBeLessThan(STOPPED_ANSWER_BOUND_MS);
    }
    const apiMax = Math.max(...api.map((answer) => answer.ms));

    const trpc = await trpcMe();
    expect(trpc.status).toBe(503);
    expect(trpc.detail).toBe("DATABASE_UNAVAILABLE");
    expect(trpc.message).toBe("Attache can't reach its database; retrying…");
    expect(trpc.ms).toBeLessThan(STOPPED_ANSWER_BOUND_MS);

    const page = await homePage();
    expect(page.headers.get("location") ?? "").not.toContain("/signin");
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="database-outage"');

    const ready = await readinessUnavailable();
    expect(ready.slowestMs).toBeLessThan(STOPPED_ANSWER_BOUND_MS);
    expect(JSON.parse(ready.text)).toEqual({ status: "unavailable", reason: "database" });

    await postgres.restart();
    const recoveryMs = await waitForRecovery();
    expect(server.pid).toBe(pid);
    expect(server.running).toBe(true);

    console.info(
      `[system] PostgreSQL stopped: 10 API calls → 10 × 500 InternalServiceException, max ${round(apiMax)} ms; ` +
        `tRPC me.get → ${trpc.status} ${trpc.detail} in ${round(trpc.ms)} ms; GET / → ${page.status} outage state in ${round(page.ms)} ms; ` +
        `/readyz → ${ready.status}; after PostgreSQL restarted, the same process (pid ${pid}) served normally again within ${round(recoveryMs)} ms`,
    );
  });
});

describe("PostgreSQL frozen (SIGSTOP) during traffic", () => {
  it("answers every call within the configured timeouts, never hangs, and recovers after SIGCONT", async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(outputOfEverything()));
    await postgres.ensureRunning();
    await waitForRecovery();
    const pid = server.pid;

    await postgres.freeze();
    let thawed = false;
    try {
      // Concurrent API and console calls, and the readiness check, against a database that answers nothing.
      const [api, trpc, page, ready] = await Promise.all([
        Promise.all(Array.from({ length: 4 }, () => describePolicy())),
        Promise.all(Array.from({ length: 3 }, () => trpcMe())),
        homePage(),
        readinessUnavailable(),
      ]);
      // Sequential calls after the first wave (the pool's connections are all stuck or discarded by now).
      const later: TApiAnswer[] = [];
      for (let call = 0; call < 2; call++) later.push(await describePolicy());
      await postgres.thaw();
      thawed = true;

      for (const answer of [...api, ...later]) {
        expect(answer).toMatchObject({ ok: false, name: "InternalServiceException", status: 500 });
        expect(answer.ms).toBeLessThan(FROZEN_ANSWER_BOUND_MS);
      }
      for (const answer of trpc) {
        expect(answer.status).toBe(503);
        expect(answer.detail).toBe("DATABASE_UNAVAILABLE");
        expect(answer.ms).toBeLessThan(FROZEN_ANSWER_BOUND_MS);
      }
      expect(page.headers.get("location") ?? "").not.toContain("/signin");
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-testid="database-outage"');
      expect(page.ms).toBeLessThan(FROZEN_ANSWER_BOUND_MS);
      expect(ready.slowestMs).toBeLessThan(FROZEN_ANSWER_BOUND_MS);

      const recoveryMs = await waitForRecovery();
      expect(server.pid).toBe(pid);
      expect(server.running).toBe(true);

      const max = (answers: Array<{ ms: number }>) => round(Math.max(...answers.map((answer) => answer.ms)));
      console.info(
        `[system] PostgreSQL frozen (timeouts ${DB_TIMEOUT_SECONDS} s/${DB_TIMEOUT_SECONDS} s): ` +
          `${api.length + later.length} API calls → 500 InternalServiceException, max ${max([...api, ...later])} ms; ` +
          `${trpc.length} tRPC calls → 503 DATABASE_UNAVAILABLE, max ${max(trpc)} ms; GET / → ${page.status} outage state in ${round(page.ms)} ms; ` +
          `/readyz → ${ready.status} (slowest answer ${round(ready.slowestMs)} ms); after SIGCONT, served normally again within ${round(recoveryMs)} ms (same pid)`,
      );
    } finally {
      if (!thawed) await postgres.thaw();
    }
  });
});
