/**
 * `npm run bench`: Attache's production server against a bare node:http + pg baseline doing the
 * minimal equivalent work on the same PostgreSQL, both driven by autocannon from a third process.
 *
 * 1. Starts Attache with scripts/start.ts (builds if stale, migrates, seeds) on ports 3200/3201 and an
 *    embedded PostgreSQL on 54369 in a fresh .attache/bench (or on DATABASE_URL when it is set), with
 *    a bootstrap API key and rate limits too high to ever throttle.
 * 2. Adds an owner with a next-auth database session, starts the baseline (baseline.ts, port 3202)
 *    and the driver (drive.ts), and checks one request of each kind on both.
 * 3. Per operation: a warm-up per target, then for each connection count the measured runs,
 *    interleaved Attache, baseline, Attache, baseline… so drift affects both alike.
 * 4. Prints the medians, the ratios and the targets, and writes the JSON report.
 * Exits 0 whether or not the targets are met; non-zero only when the harness itself fails. Every
 * process it starts is stopped at the end, on an error and on Ctrl-C.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { inheritedEnv, launchEnv } from "@/env";
import { prepareFixtures } from "./fixtures";
import { forkTs } from "./ipc";
import { parseOptions, type TBenchOptions, USAGE } from "./options";
import type { TBaselineApi, TDriverApi, TOperation, TRunFigures, TRunRequest, TTarget } from "./protocol";
import { checkTargets, formatSummary, gitInfo, machineInfo, summarize, writeReport } from "./report";
import { logProblems, startAttache, waitUntilReady } from "./server";

const DATA_DIR = path.join(".attache", "bench");
const PORTS = { attache: 3200, idp: 3201, baseline: 3202, postgres: 54369 } as const;
const ATTACHE_ORIGIN = `http://127.0.0.1:${PORTS.attache}`;
const CONSOLE_URL = `http://localhost:${PORTS.attache}`;
const ACCESS_KEY_ID = "ATTACHEBENCHKEY0001";
const REGION = "us-east-1";
/** The scope Describe and Update use. */
const SCOPE = "CHAT";
/** Attache's default pool (the pg driver's default through Prisma's adapter); the baseline uses the same. */
const BASELINE_POOL_SIZE = 10;
/** The first start may run `next build`, which takes minutes on a small machine. */
const READY_TIMEOUT_MS = 20 * 60_000;

const log = (line: string) => console.info(`[bench] ${line}`);

const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
let cleaning: Promise<void> | undefined;

/** Stops everything started so far, newest first, once; later callers wait for the same cleanup. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const { name, run } of cleanups.reverse()) {
      await run().catch((error: unknown) =>
        console.error(`[bench] Stopping ${name} failed: ${error instanceof Error ? error.message : error}`),
      );
    }
  })();
  return cleaning;
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench] ${signal}: stopping everything…`);
    void cleanup().then(() => process.exit(130));
  });
}

/** A fresh data directory, except the reports of earlier runs. */
async function resetDataDir() {
  if (existsSync(DATA_DIR)) {
    for (const entry of await readdir(DATA_DIR)) {
      if (!/^report.*\.json$/.test(entry)) await rm(path.join(DATA_DIR, entry), { recursive: true, force: true });
    }
  }
  await mkdir(DATA_DIR, { recursive: true });
}

/** The embedded PostgreSQL's URL, built as src/server/launch/database.ts builds it. */
async function embeddedDatabaseUrl() {
  const password = (await readFile(path.join(DATA_DIR, "pg-password"), "utf8")).trim();
  return `postgresql://attache:${encodeURIComponent(password)}@127.0.0.1:${PORTS.postgres}/attache`;
}

/** Warm-ups, then for each connection count the runs, interleaved attache, baseline, attache… */
function plan(options: TBenchOptions, operation: TOperation) {
  const warmups: TRunRequest[] =
    options.warmupSeconds > 0
      ? (["attache", "baseline"] as const).map((target) => ({
          target,
          operation,
          connections: Math.max(...options.connections),
          durationSeconds: options.warmupSeconds,
        }))
      : [];
  const measured: Array<TRunRequest & { run: number }> = [];
  for (const connections of options.connections) {
    for (let run = 1; run <= options.runs; run++) {
      for (const target of ["attache", "baseline"] as const) {
        measured.push({ target, operation, connections, durationSeconds: options.durationSeconds, run });
      }
    }
  }
  return { warmups, measured };
}

const describeRun = (figures: TRunFigures) =>
  `${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.latencyMs.p50.toFixed(2)} ms, ` +
  `p99 ${figures.latencyMs.p99.toFixed(2)} ms, non-2xx ${figures.non2xx} (5xx ${figures.status5xx})` +
  (figures.errors ? `, ${figures.errors} connection errors` : "");

async function main(options: TBenchOptions) {
  const startedAt = new Date().toISOString();
  const externalDatabaseUrl = launchEnv().DATABASE_URL;
  if (externalDatabaseUrl) {
    log("Using DATABASE_URL: the benchmark writes policy revisions and audit events there.");
    await mkdir(DATA_DIR, { recursive: true });
  } else {
    await resetDataDir();
  }
  const secretAccessKey = randomBytes(24).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...inheritedEnv(),
    NODE_ENV: "production",
    ATTACHE_DATA_DIR: DATA_DIR,
    HOST: "127.0.0.1",
    PORT: String(PORTS.attache),
    ATTACHE_IDP_PORT: String(PORTS.idp),
    ATTACHE_PG_PORT: String(PORTS.postgres),
    NEXTAUTH_URL: CONSOLE_URL,
    // The drivers sign for 127.0.0.1 (no name lookup in the measured path); the console's name stays valid too.
    ATTACHE_API_HOSTS: `${new URL(ATTACHE_ORIGIN).host},${new URL(CONSOLE_URL).host}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ATTACHE_SEED_DEMO: "true",
    ATTACHE_BOOTSTRAP_ACCESS_KEY_ID: ACCESS_KEY_ID,
    ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY: secretAccessKey,
    ATTACHE_AWS_RATE_LIMITS: "100000000/1",
  };

  const logFile = path.join(DATA_DIR, "server.log");
  log(`Starting Attache (scripts/start.ts; builds if stale) on ${ATTACHE_ORIGIN}; its output goes to ${logFile}.`);
  const server = await startAttache({ env, logFile });
  cleanups.push({ name: "Attache", run: server.stop });
  await waitUntilReady(server, `${ATTACHE_ORIGIN}/signin`, READY_TIMEOUT_MS);
  if (interrupted) return;
  log("Attache is ready.");

  const databaseUrl = externalDatabaseUrl ?? (await embeddedDatabaseUrl());
  const fixtures = await prepareFixtures(databaseUrl);
  cleanups.push({ name: "the benchmark session", run: fixtures.cleanup });

  const baseline = forkTs<TBaselineApi>(path.join("scripts", "bench", "baseline.ts"), "baseline");
  cleanups.push({ name: "the baseline", run: () => baseline.stop() });
  const { origin: baselineOrigin } = await baseline.call(
    "start",
    {
      port: PORTS.baseline,
      databaseUrl,
      accessKeyId: ACCESS_KEY_ID,
      consoleUrl: CONSOLE_URL,
      poolSize: BASELINE_POOL_SIZE,
    },
    60_000,
  );
  log(`Baseline is ready on ${baselineOrigin}.`);

  const driver = forkTs<TDriverApi>(path.join("scripts", "bench", "drive.ts"), "driver");
  cleanups.push({ name: "the driver", run: () => driver.stop() });
  const origins: Record<TTarget, string> = { attache: ATTACHE_ORIGIN, baseline: baselineOrigin };
  await driver.call(
    "setup",
    {
      origins,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey },
      region: REGION,
      instanceId: fixtures.instanceId,
      scope: SCOPE,
      sessionToken: fixtures.sessionToken,
    },
    60_000,
  );
  // Attache first: its update creates the configuration row the baseline's update bumps.
  for (const target of ["attache", "baseline"] as const) {
    const verified = await driver.call("verify", { target }, 60_000);
    log(`${target} answers ${verified.map((check) => `${check.operation} ${check.status}`).join(", ")}.`);
  }

  const plans = options.operations.map((operation) => ({ operation, ...plan(options, operation) }));
  const totalSeconds = plans.reduce(
    (total, item) => total + [...item.warmups, ...item.measured].reduce((sum, run) => sum + run.durationSeconds, 0),
    0,
  );
  log(
    `Measuring ${options.operations.join(", ")} at ${options.connections.join(", ")} connections, ` +
      `${options.runs} × ${options.durationSeconds} s each; about ${Math.ceil(totalSeconds / 60)} min.`,
  );

  const warmups: TRunFigures[] = [];
  const runs: TRunFigures[] = [];
  const runTimeout = (seconds: number) => (seconds + 120) * 1000;
  for (const item of plans) {
    for (const request of item.warmups) {
      if (interrupted) return;
      const figures = await driver.call("run", request, runTimeout(request.durationSeconds));
      warmups.push(figures);
      log(`${item.operation} warm-up ${request.target} c=${request.connections}: ${describeRun(figures)}`);
    }
    for (const { run, ...request } of item.measured) {
      if (interrupted) return;
      const figures = await driver.call("run", request, runTimeout(request.durationSeconds));
      runs.push(figures);
      log(
        `${item.operation} c=${request.connections} run ${run}/${options.runs} ${request.target}: ${describeRun(figures)}`,
      );
    }
  }

  const medians = summarize(runs, options.operations, options.connections);
  const targets = checkTargets(medians, options.operations);
  const serverLogProblems = await logProblems(logFile);
  console.info(`\n${formatSummary(medians, targets, options.runs)}\n`);
  if (serverLogProblems.length) {
    console.info(
      `Problems in Attache's log (${logFile}):\n${serverLogProblems.map((line) => `  ${line}`).join("\n")}\n`,
    );
  }
  const paths = await writeReport(
    {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: machineInfo(fixtures.postgresVersion),
      git: gitInfo(),
      options,
      setup: {
        attache: ATTACHE_ORIGIN,
        baseline: baselineOrigin,
        database: externalDatabaseUrl ? "DATABASE_URL" : `embedded PostgreSQL on 127.0.0.1:${PORTS.postgres}`,
        baselinePoolSize: BASELINE_POOL_SIZE,
        instanceId: fixtures.instanceId,
        scope: SCOPE,
        rateLimits: env.ATTACHE_AWS_RATE_LIMITS,
      },
      warmups,
      runs,
      medians,
      targets,
      serverLogProblems,
    },
    { out: options.out, dir: DATA_DIR },
  );
  log(`Report: ${paths.join(", ")}`);
}

let options: TBenchOptions | null;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
  process.exit(2);
}
if (!options) {
  console.info(USAGE);
  process.exit(0);
}

try {
  await main(options);
} catch (error) {
  // On Ctrl-C the children die of the same SIGINT; give our own handler the chance to run first.
  await new Promise((resolve) => setTimeout(resolve, 200));
  if (!interrupted) {
    console.error(`\n[bench] The benchmark failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
if (interrupted) process.exitCode = 130;
// Nothing else should keep the loop alive; exit explicitly in case a library left a timer behind.
process.exit();
