/**
 * Attache's HTTP server, started by scripts/start.ts with the environment it prepared. The Amazon
 * Connect-compatible API is answered here, before Next.js sees the request: Next.js redirects any
 * path containing "//", which the AWS SDKs send for an empty label (spec §2.1). Everything else is
 * Next.js (production build, or `next dev` with --dev).
 */
import next from "next";
import { apiHosts, mediaUrlPolicy, objectStoreConfig, serverEnv } from "@/env";
import { createTrpcHttpHandler, isTrpcPath, serveTrpcApi } from "@/server/api/http";
import { createTRPCContext } from "@/server/api/trpc";
import { AWS_API_PREFIX, createAwsHandler, isAwsApiPath } from "@/server/aws/api";
import { serveAwsApi } from "@/server/aws/protocol/node-adapter";
import { createDb, getDb } from "@/server/db";
import { startUploadSweeper } from "@/server/files/sweep";
import { createAppListener } from "@/server/http/app-listener";
import { createMediaHandler, isMediaPath } from "@/server/http/media-route";
import { createObjectsHandler, isObjectsPath } from "@/server/http/objects-route";
import { allowedOriginsFor } from "@/server/http/same-origin";
import { securityOptionsFor } from "@/server/http/security-headers";
import { createLimitedServer, DEFAULT_SERVER_LIMITS } from "@/server/http/server-limits";
import { fileChecks, getObjectStore } from "@/server/storage/app-store";

function option(name: string): string {
  const value = process.argv[process.argv.indexOf(name) + 1];
  if (!process.argv.includes(name) || !value) throw new Error(`scripts/serve.ts needs ${name}`);
  return value;
}

const dev = process.argv.includes("--dev");
const hostname = option("--hostname");
const port = Number(option("--port"));
const env = serverEnv();
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

const server = createLimitedServer(
  createAppListener({
    aws: { matches: isAwsApiPath, serve: (incoming, outgoing) => serveAwsApi(aws, incoming, outgoing) },
    trpc: { matches: isTrpcPath, serve: (incoming, outgoing) => serveTrpcApi(trpc, incoming, outgoing) },
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
if (dev) server.on("upgrade", (request, socket, head) => void app.getUpgradeHandler()(request, socket, head));

server.listen(port, hostname, () => {
  console.info(`[attache] Serving on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    sweeper.stop();
    server.closeAllConnections();
    server.close(() => {
      void Promise.allSettled([app.close(), aws.close(), objects.close(), db.$disconnect()]).then(() =>
        process.exit(0),
      );
    });
  });
}
