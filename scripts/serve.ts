/**
 * Attache's HTTP server. Two ways in:
 * - `npm run serve` (production, for supervisors and containers): the app server alone, configured
 *   entirely by its environment (HOST, PORT, DATABASE_URL, the shared secrets, OIDC_*); it needs a
 *   production build (`npm run build`), prepares the database (migrations under an advisory lock,
 *   or only a check with ATTACHE_MIGRATE_ON_START=false) and starts no embedded services.
 * - `npm start` / `npm run dev` (scripts/start.ts), which prepares the database and the embedded
 *   services itself and runs this with --prepared, --port and --hostname (and --dev).
 *
 * The Amazon Connect-compatible API is answered here, before Next.js sees the request: Next.js
 * redirects any path containing "//", which the AWS SDKs send for an empty label (spec §2.1). So are
 * /healthz and /readyz. Everything else is Next.js.
 *
 * SIGTERM or SIGINT drains: no new connections, requests in flight finish (for at most
 * ATTACHE_SHUTDOWN_GRACE_SECONDS), then the pools close and the process exits 0.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import next from "next";
import {
  apiHosts,
  arnContext,
  bootstrapApiKey,
  EnvError,
  launchEnv,
  mediaUrlPolicy,
  objectStoreConfig,
  seedsDemoData,
  serverEnv,
} from "@/env";
import { createTrpcHttpHandler, isTrpcPath, serveTrpcApi } from "@/server/api/http";
import { createTRPCContext } from "@/server/api/trpc";
import { AWS_API_PREFIX, createAwsHandler, isAwsApiPath } from "@/server/aws/api";
import { serveAwsApi } from "@/server/aws/protocol/node-adapter";
import { createDb, getDb } from "@/server/db";
import { startUploadSweeper } from "@/server/files/sweep";
import { createAppListener } from "@/server/http/app-listener";
import { trackGracefulShutdown } from "@/server/http/graceful-shutdown";
import { createHealthHandler, isHealthPath } from "@/server/http/health-route";
import { createMediaHandler, isMediaPath } from "@/server/http/media-route";
import { createObjectsHandler, isObjectsPath } from "@/server/http/objects-route";
import { allowedOriginsFor } from "@/server/http/same-origin";
import { securityOptionsFor } from "@/server/http/security-headers";
import { createLimitedServer, DEFAULT_SERVER_LIMITS } from "@/server/http/server-limits";
import { prepareDatabase } from "@/server/launch/prepare-database";
import { fileChecks, getObjectStore } from "@/server/storage/app-store";

const log = (line: string) => console.info(`[attache] ${line}`);

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const dev = process.argv.includes("--dev");
/** Started by scripts/start.ts, which prepared the database and set the environment. */
const prepared = process.argv.includes("--prepared");

/** Set once the server listens; until then a signal only asks the start to stop where it is. */
let stop: ((reason: string) => void) | undefined;
let stopRequested: string | undefined;
function requestStop(reason: string) {
  if (stop) return stop(reason);
  // Not in the middle of a migration: the step under way finishes, then the process exits.
  stopRequested ??= reason;
  log(`${reason}: stopping once the start-up step under way has finished…`);
}
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => requestStop(signal));
// Started by scripts/start.ts over an IPC channel: if the launcher dies (even by SIGKILL), stop too.
if (process.send) {
  process.on("disconnect", () => requestStop("The launcher is gone"));
  if (!process.connected) requestStop("The launcher is gone");
}

function exitIfStopRequested() {
  if (!stopRequested) return;
  log("Stopped before serving.");
  process.exit(0);
}

async function main() {
  const env = serverEnv();
  const hostname = option("--hostname") ?? env.HOST;
  const port = Number(option("--port") ?? env.PORT);

  if (!prepared) {
    if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
      throw new EnvError("There is no production build here: run `npm run build` first (`npm start` builds for you).");
    }
    await prepareDatabase({
      databaseUrl: env.DATABASE_URL,
      migrate: env.ATTACHE_MIGRATE_ON_START,
      demo: seedsDemoData(launchEnv()),
      arnContext: arnContext(),
      serverEnv: env,
      bootstrapKey: bootstrapApiKey(launchEnv()),
      log,
    });
  }
  exitIfStopRequested();

  // Uploaded files: local files served at signed /objects/ URLs, or an S3-compatible store (shared
  // with the console's procedures).
  const objects = getObjectStore();
  const app = next({ dev, hostname, port, dir: process.cwd() });
  const handleNext = app.getRequestHandler();
  await app.prepare();

  const db = createDb(env.DATABASE_URL);
  const aws = createAwsHandler({
    db,
    serverKey: env.ATTACHE_ENCRYPTION_KEY,
    rateLimits: env.ATTACHE_AWS_RATE_LIMITS,
    prefix: AWS_API_PREFIX,
    consoleUrl: env.NEXTAUTH_URL,
    mediaUrlPolicy: mediaUrlPolicy(env),
    objects,
    fileChecks: fileChecks(env),
    allowedHosts: apiHosts(env),
  });
  const sweeper = startUploadSweeper({ db, objects });

  // The console's own database client (getDb) serves tRPC and the pages; the API keeps its own pool,
  // so API writers queueing on a row lock never hold the console's connections.
  // Mutations only from the console's own origin: API hosts (ATTACHE_API_HOSTS) may serve other content,
  // which must not become a place to send the console's changes from.
  const trpc = createTrpcHttpHandler({
    createContext: createTRPCContext,
    allowedOrigins: allowedOriginsFor(env.NEXTAUTH_URL),
  });
  const limits = { ...DEFAULT_SERVER_LIMITS, maxConnectionsPerClient: env.ATTACHE_MAX_CONNECTIONS_PER_CLIENT };
  let shutdown: ReturnType<typeof trackGracefulShutdown> | undefined;
  /** Stopping was asked for: /readyz says so at once, before the listener closes (ATTACHE_SHUTDOWN_DELAY_SECONDS). */
  let leaving = false;
  const health = createHealthHandler({
    // One check at a time whatever the probes do (health-route.ts), bounded there by a 2 s timeout.
    database: () => db.pool.query("SELECT 1"),
    draining: () => leaving || (shutdown?.draining ?? false),
  });

  const server = createLimitedServer(
    createAppListener({
      aws: { matches: isAwsApiPath, serve: (incoming, outgoing) => serveAwsApi(aws, incoming, outgoing) },
      trpc: { matches: isTrpcPath, serve: (incoming, outgoing) => serveTrpcApi(trpc, incoming, outgoing) },
      health: { matches: isHealthPath, serve: health },
      media: { matches: isMediaPath, serve: createMediaHandler(getDb()) },
      ...(objects.driver === "local"
        ? { objects: { matches: isObjectsPath, serve: createObjectsHandler(objects) } }
        : {}),
      next: handleNext,
      security: securityOptionsFor({
        dev,
        appUrl: env.NEXTAUTH_URL,
        oidcIssuer: env.OIDC_ISSUER,
        objectStore: objectStoreConfig(env),
      }),
      bodyTimeoutMs: limits.bodyTimeoutMs,
    }),
    limits,
  );
  shutdown = trackGracefulShutdown(server, { graceMs: env.ATTACHE_SHUTDOWN_GRACE_SECONDS * 1000 });
  if (dev) server.on("upgrade", (request, socket, head) => void app.getUpgradeHandler()(request, socket, head));

  const drain = shutdown.drain;
  let stopping: Promise<void> | undefined;
  stop = (reason: string) => {
    if (stopping) {
      log(`${reason}: still finishing ${shutdown.inFlight} request(s)…`);
      return;
    }
    stopping = (async () => {
      leaving = true;
      const delay = env.ATTACHE_SHUTDOWN_DELAY_SECONDS;
      if (delay > 0) {
        // The load balancer sees /readyz fail and stops sending traffic while this still serves.
        log(`${reason}: not ready any more; serving ${delay} s more before draining.`);
        await new Promise((resolve) => setTimeout(resolve, delay * 1000));
      }
      log(
        `${reason}: stopping. ${shutdown.inFlight} request(s) in flight may take up to ${env.ATTACHE_SHUTDOWN_GRACE_SECONDS} s to finish.`,
      );
      sweeper.stop();
      const { completed, cut } = await drain();
      // Closing the pools waits for connections still checked out; it gets a few seconds, not forever.
      setTimeout(() => {
        log("Stopped: the database pools did not close within 5 s.");
        process.exit(1);
      }, 5_000).unref();
      await Promise.allSettled([app.close(), aws.close(), objects.close(), db.$disconnect(), getDb().$disconnect()]);
      log(`Stopped: ${completed} request(s) finished${cut ? `, ${cut} cut at the end of the grace period` : ""}.`);
      process.exit(0);
    })();
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new EnvError(`Port ${port} on ${hostname} is already in use: stop what uses it, or set PORT.`)
          : error,
      ),
    );
    server.listen(port, hostname, () => resolve());
  });
  log(`Serving on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`);
  if (stopRequested) stop?.(stopRequested);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n[attache] Could not start: ${message}\n`);
  process.exit(1);
});
