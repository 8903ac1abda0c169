/**
 * Vitest global setup for the system tests (real app servers on loopback ports): they run
 * scripts/serve.ts, which needs a production build. When the build is missing or older than the
 * sources (the build stamp `npm start` keeps), `next build` runs here with the environment
 * scripts/start.ts gives its build, and the stamp is written, so `npm start` afterwards reuses it.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { inheritedEnv } from "@/env";
import { computeBuildStamp, isBuildCurrent, writeBuildStamp } from "@/server/launch/build-stamp";
import { SYSTEM_SERVER_SECRETS } from "./processes";

/** A cold build on two cores takes a few minutes; a build still running after this is stopped. */
const BUILD_TIMEOUT_MS = 15 * 60_000;

export default async function setup() {
  const root = process.cwd();
  const stamp = await computeBuildStamp(root);
  if (await isBuildCurrent(root, stamp)) return;
  console.info("[system] The production build is missing or stale: running next build…");
  const started = Date.now();
  const build = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    env: {
      ...inheritedEnv(),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Read at build time by modules Next.js evaluates; nothing connects to these.
      DATABASE_URL: "postgresql://unused@127.0.0.1:9/unused",
      NEXTAUTH_URL: "http://127.0.0.1:3000",
      OIDC_ISSUER: "http://127.0.0.1:9/unused",
      ...SYSTEM_SERVER_SECRETS,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  build.stdout.on("data", keep);
  build.stderr.on("data", keep);
  const timer = setTimeout(() => build.kill("SIGKILL"), BUILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => build.once("exit", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`next build failed (exit code ${code}):\n${output}`);
  await writeBuildStamp(root, stamp);
  console.info(`[system] next build finished in ${Math.round((Date.now() - started) / 1000)} s.`);
}
