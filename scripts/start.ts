/**
 * `npm start` (production build) and `npm run dev` (next dev): fills in every embedded default that
 * is not configured — PostgreSQL, migrations, seed, the development OpenID Provider, NEXTAUTH_SECRET —
 * then runs Next.js with the resulting environment. Ctrl-C stops everything it started.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import exitHook from "async-exit-hook";
import { EnvError, inheritedEnv, launchEnv, ZServerEnvSchema } from "@/env";
import { createDb } from "@/server/db";
import { migrateDatabase } from "@/server/db/migrations";
import { DEMO_EMAIL_DOMAIN, DEMO_USERS } from "@/server/dev-idp/demo-users";
import { startDevIdp } from "@/server/dev-idp/dev-idp";
import { computeBuildStamp, isBuildCurrent, writeBuildStamp } from "@/server/launch/build-stamp";
import { openDatabase } from "@/server/launch/database";
import { assertPortFree } from "@/server/launch/ports";
import { persistedSecret } from "@/server/launch/secrets";
import { seed } from "@/server/seed";

const root = process.cwd();
const devMode = process.argv.includes("--dev");
const log = (line: string) => console.info(`[attache] ${line}`);
const cleanups: Array<() => Promise<void>> = [];
let nextProcess: ChildProcess | undefined;
let stopping = false;

async function stopAll() {
  if (stopping) return;
  stopping = true;
  log("Stopping…");
  if (nextProcess && nextProcess.exitCode === null) {
    const exited = new Promise((resolve) => nextProcess?.once("exit", resolve));
    nextProcess.kill("SIGTERM");
    await exited;
  }
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}

exitHook((done) => void stopAll().then(done));

function runNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const bin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  return spawn(process.execPath, [bin, ...args], { env, stdio: "inherit" });
}

function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** Loopback only, bounded: at most 120 tries over about a minute. */
async function waitUntilServing(url: string) {
  for (let attempt = 0; attempt < 120 && !stopping; attempt++) {
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
  const appUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  if (!appUrl.startsWith("https://") && !isLoopbackUrl(appUrl)) {
    throw new EnvError(`NEXTAUTH_URL must use https:// unless it is a loopback address (got ${appUrl}).`);
  }
  const embeddedIdp = !env.OIDC_ISSUER;
  await assertPortFree({ port: env.PORT, host: env.HOST, what: "Attache", envVar: "PORT" });

  const database = await openDatabase(env, log);
  if (database.embedded) cleanups.push(database.embedded.stop);

  const applied = await migrateDatabase(database.url);
  log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");

  const childEnv: NodeJS.ProcessEnv = {
    ...inheritedEnv(),
    NODE_ENV: devMode ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? (await persistedSecret(env.ATTACHE_DATA_DIR, "nextauth-secret")),
    ATTACHE_ALLOWED_EMAIL_DOMAINS: env.ATTACHE_ALLOWED_EMAIL_DOMAINS ?? (embeddedIdp ? DEMO_EMAIL_DOMAIN : ""),
    ATTACHE_BOOTSTRAP_OWNER_EMAIL:
      env.ATTACHE_BOOTSTRAP_OWNER_EMAIL ?? (embeddedIdp ? DEMO_USERS[0]?.email : undefined),
  };

  if (embeddedIdp) {
    const idp = await startDevIdp({ port: env.ATTACHE_IDP_PORT, redirectUris: [`${appUrl}/api/auth/callback/oidc`] });
    cleanups.push(idp.close);
    Object.assign(childEnv, {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_DISPLAY_NAME: "Attache dev SSO",
    });
    log(`Development OpenID Provider on ${idp.issuer} (demo accounts only).`);
  }

  // Everything the app will read, checked before the (slow) build.
  const serverEnv = ZServerEnvSchema.safeParse(childEnv);
  if (!serverEnv.success) {
    const lines = serverEnv.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }

  const db = createDb(database.url);
  try {
    await seed({
      db,
      demo: env.ATTACHE_SEED_DEMO ? env.ATTACHE_SEED_DEMO === "true" : !env.DATABASE_URL,
      arnContext: { region: serverEnv.data.ATTACHE_AWS_REGION, accountId: serverEnv.data.ATTACHE_AWS_ACCOUNT_ID },
    });
  } finally {
    await db.$disconnect();
  }

  if (!devMode) {
    const stamp = await computeBuildStamp(root);
    if (await isBuildCurrent(root, stamp)) {
      log("Production build is current.");
    } else {
      log("Building Attache for production (next build)…");
      const code = await exitCodeOf(runNext(["build"], childEnv));
      if (code !== 0) throw new Error(`next build failed with exit code ${code}.`);
      await writeBuildStamp(root, stamp);
    }
  }

  nextProcess = runNext([devMode ? "dev" : "start", "--port", String(env.PORT), "--hostname", env.HOST], childEnv);
  void exitCodeOf(nextProcess).then(async (code) => {
    if (stopping) return;
    log(`Next.js exited (code ${code}).`);
    await stopAll();
    process.exit(code || 1);
  });

  if (await waitUntilServing(`http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${env.PORT}/signin`)) {
    log(`Attache is ready at ${appUrl}`);
    if (embeddedIdp)
      log(
        `Sign in as ${DEMO_USERS[0]?.email} / ${DEMO_USERS[0]?.password} (other demo accounts are listed on the sign-in page).`,
      );
    log("Press Ctrl-C to stop.");
  }
}

main().catch(async (error: unknown) => {
  const message = error instanceof EnvError || error instanceof Error ? error.message : String(error);
  console.error(`\n[attache] Could not start: ${message}\n`);
  await stopAll();
  process.exit(1);
});
