/**
 * The system tests' harness: real processes on loopback ports. App servers are scripts/serve.ts as
 * `npm run serve` runs it (or `npm start` itself), each with its own environment; PostgreSQL is the
 * embedded one, one per test file, in a temporary directory, so a test can stop, restart or freeze it.
 * Everything started here is remembered and killed (SIGKILL, by process id, with its descendants) by
 * `killEverything()`, which every test file calls in afterAll, so nothing outlives a failed test.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { inheritedEnv } from "@/env";
import { startEmbeddedPostgres, type TEmbeddedPostgres } from "@/server/launch/embedded-postgres";

const HOST = "127.0.0.1";
const ROOT = process.cwd();

/** The secrets every system-test app server shares (they must match across servers on one database). */
export const SYSTEM_SERVER_SECRETS = {
  NEXTAUTH_SECRET: "system-tests-nextauth-secret-system-tests-nextauth-secret",
  ATTACHE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  OIDC_CLIENT_ID: "system-tests",
  OIDC_CLIENT_SECRET: "system-tests",
} as const;

/** The API key every app server ensures at start (ATTACHE_BOOTSTRAP_*); it reaches every instance. */
export const BOOTSTRAP_KEY = {
  accessKeyId: "ATTACHESYSTEMTESTS01",
  secretAccessKey: "system-tests-bootstrap-secret-access-key",
} as const;

/** The most output kept per process (the end of it), to print when a test fails. */
const MAX_OUTPUT_CHARS = 64_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loopback port nothing listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on the loopback `port` (bounded: 1 s). */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(1_000, () => done(true));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Polls `check` every `intervalMs` until it returns a value other than undefined, for at most `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  { timeoutMs, intervalMs = 200 }: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(intervalMs);
  }
}

type TExit = { code: number | null; signal: NodeJS.Signals | null };

/** A spawned process with its output (bounded) and its exit. */
export class ManagedProcess {
  private text = "";
  private readonly listeners = new Set<() => void>();
  readonly exited: Promise<TExit>;
  exit: TExit | undefined;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const append = (chunk: Buffer) => {
      this.text = (this.text + chunk.toString("utf8")).slice(-MAX_OUTPUT_CHARS);
      for (const listener of this.listeners) listener();
    };
    child.stdout?.on("data", append);
    child.stderr?.on("data", append);
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        this.exit = { code, signal };
        for (const listener of this.listeners) listener();
        resolve(this.exit);
      }),
    );
    managed.add(this);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} has no process id (it did not start).`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  output(): string {
    return this.text;
  }

  /** Resolves with the first match of `pattern` in the output; rejects when the process exits first or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const finish = (error: Error | null, match?: RegExpMatchArray) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error) reject(error);
        else resolve(match as RegExpMatchArray);
      };
      const check = () => {
        const match = this.text.match(pattern);
        if (match) finish(null, match);
        else if (this.exit)
          finish(
            new Error(`${this.name} exited (${describeExit(this.exit)}) before printing ${pattern}.\n${this.tail()}`),
          );
      };
      const timer = setTimeout(
        () => finish(new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms.\n${this.tail()}`)),
        timeoutMs,
      );
      this.listeners.add(check);
      check();
    });
  }

  /** The exit, waited for at most `timeoutMs` (then the process is killed and this rejects). */
  async waitForExit(timeoutMs: number): Promise<TExit> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const result = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (result === "timeout") {
      killTree(this.pid);
      throw new Error(`${this.name} did not exit within ${timeoutMs} ms (killed now).\n${this.tail()}`);
    }
    return result;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) process.kill(this.pid, signal);
  }

  /** The last lines of output, for failure messages. */
  tail(lines = 60): string {
    return `--- last output of ${this.name} ---\n${this.text.split("\n").slice(-lines).join("\n")}\n--- end ---`;
  }
}

const describeExit = (exit: TExit) => (exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`);

const managed = new Set<ManagedProcess>();

/** Process ids of every descendant of `pid` (children first-level to deepest), from `ps`. */
export function descendantsOf(pid: number): number[] {
  let table: string;
  try {
    table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8", timeout: 5_000 });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of table.split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child || parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length && found.length < 1_000) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** SIGKILL to `pid` and every descendant of it, each by its id. */
function killTree(pid: number) {
  for (const target of [pid, ...descendantsOf(pid)]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/** The command lines of running processes whose command line contains `needle` (from `ps`). */
export function processesMatching(needle: string): string[] {
  // -ww: whole command lines, however long (ps cuts them at the terminal's width otherwise).
  const table = execFileSync("ps", ["-e", "-ww", "-o", "pid=,args="], { encoding: "utf8", timeout: 5_000 });
  return table
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.includes(needle) && !line.includes(" ps -e -ww "));
}

/**
 * This process's environment for a child, without anything that configures Attache or marks a test
 * runner, so each child is configured only by what the test gives it.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = inheritedEnv();
  for (const name of Object.keys(env)) {
    if (/^(ATTACHE_|NEXTAUTH_|OIDC_|VITEST|DATABASE_URL$|PORT$|HOST$|NODE_ENV$|TEST$)/.test(name)) delete env[name];
  }
  return env;
}

export type TAppServer = ManagedProcess & {
  port: number;
  origin: string;
  /** The AWS SDK clients' endpoint. */
  endpoint: string;
};

/**
 * `npm run serve` (node --import tsx scripts/serve.ts) on a free loopback port with `databaseUrl`, the
 * shared secrets and the bootstrap key; `env` adds or overrides variables. Not waited for: see
 * `waitUntilServing`.
 */
export function spawnAppServer({
  name = "app server",
  databaseUrl,
  port,
  dataDir,
  env = {},
}: {
  name?: string;
  databaseUrl: string;
  port: number;
  /** Where the server keeps uploaded files (ATTACHE_DATA_DIR). */
  dataDir: string;
  env?: Record<string, string>;
}): TAppServer {
  const origin = `http://${HOST}:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "serve.ts")], {
    cwd: ROOT,
    env: {
      ...cleanEnv(),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOST,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: origin,
      OIDC_ISSUER: "http://127.0.0.1:9/unused",
      ...SYSTEM_SERVER_SECRETS,
      ATTACHE_DATA_DIR: dataDir,
      ATTACHE_BOOTSTRAP_ACCESS_KEY_ID: BOOTSTRAP_KEY.accessKeyId,
      ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY: BOOTSTRAP_KEY.secretAccessKey,
      ATTACHE_MAX_CONNECTIONS_PER_CLIENT: "0",
      ATTACHE_AWS_RATE_LIMITS: "1000/1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server = new ManagedProcess(`${name} (port ${port})`, child) as TAppServer;
  return Object.assign(server, { port, origin, endpoint: `${origin}/api/aws` });
}

/** Waits (bounded) for "[attache] Serving on …" and then for /readyz to answer 200. */
export async function waitUntilServing(server: TAppServer, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  await server.waitForOutput(/\[attache\] Serving on http:\/\/\S+/, timeoutMs);
  await waitFor(
    `${server.name} to be ready`,
    async () => ((await httpGet(`${server.origin}/readyz`, { timeoutMs: 5_000 })).status === 200 ? true : undefined),
    { timeoutMs: Math.max(5_000, timeoutMs - (Date.now() - started)) },
  );
}

/** spawnAppServer, then waitUntilServing. */
export async function startAppServer(options: Parameters<typeof spawnAppServer>[0]): Promise<TAppServer> {
  const server = spawnAppServer(options);
  await waitUntilServing(server);
  return server;
}

/** `npm start` (the launcher with its embedded PostgreSQL and IdP), configured by `env`. */
export function spawnNpmStart(
  env: Record<string, string>,
  { processGroup = false }: { processGroup?: boolean } = {},
): ManagedProcess {
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    // Its own process group, to be signalled as a whole (`process.kill(-pid, …)`), like a terminal's job.
    detached: processGroup,
    env: { ...cleanEnv(), NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new ManagedProcess("npm start", child);
}

export type THttpAnswer = { status: number; headers: Headers; text: string; ms: number };

/** One GET (or `init`) on loopback, never following redirects, bounded by `timeoutMs`. */
export async function httpRequest(
  url: string,
  { timeoutMs = 15_000, ...init }: RequestInit & { timeoutMs?: number } = {},
): Promise<THttpAnswer> {
  const started = performance.now();
  const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs), ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: performance.now() - started };
}

export const httpGet = (url: string, options: { headers?: Record<string, string>; timeoutMs?: number } = {}) =>
  httpRequest(url, options).catch((error: unknown) => ({
    status: 0,
    headers: new Headers(),
    text: String(error instanceof Error ? (error.cause ?? error.message) : error),
    ms: 0,
  }));

/** SIGKILL to every process started here that still runs, and to its descendants; by process id. */
export async function killEverything(): Promise<void> {
  for (const process of managed) {
    if (process.running && process.child.pid !== undefined) killTree(process.child.pid);
  }
  await Promise.all([...managed].map((process) => Promise.race([process.exited, sleep(5_000)])));
  managed.clear();
}

/** Output of every process started here, for a failed test's report. */
export function outputOfEverything(): string {
  return [...managed].map((process) => process.tail(80)).join("\n");
}

export type TTestPostgres = {
  port: number;
  dataDir: string;
  /** URL of the database the tests use. */
  url: string;
  urlFor: (database: string) => string;
  /** The postmaster's process id (from postmaster.pid), while it runs. */
  postmasterPid: () => Promise<number>;
  /** Stops PostgreSQL (fast shutdown), as an outage. */
  stop: () => Promise<void>;
  /** Starts it again on the same data directory and port. */
  restart: () => Promise<void>;
  /** Starts it again unless it runs (thawed first): for a test that must not depend on how the last one ended. */
  ensureRunning: () => Promise<void>;
  /** SIGSTOP to the postmaster and every backend: it accepts TCP connections but answers nothing. */
  freeze: () => Promise<void>;
  /** SIGCONT to the same processes. */
  thaw: () => Promise<void>;
  /** Stops it (thawed first) and removes its data directory. */
  destroy: () => Promise<void>;
};

/**
 * An embedded PostgreSQL of the test file's own, on a free loopback port, with its data in a fresh
 * temporary directory, and `database` created (empty: the app servers migrate it).
 */
export async function startTestPostgres(database = "attache_system"): Promise<TTestPostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "attache-system-"));
  // PostgreSQL runs as the `postgres` user when the tests run as root: it must reach <dataDir>/pg.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  let handle: TEmbeddedPostgres | null = await startEmbeddedPostgres({ dataDir, port, database });
  const start = () => startEmbeddedPostgres({ dataDir, port, database });
  const urlFor = handle.urlFor;
  let frozen: number[] = [];

  const postmasterPid = async () => {
    const first = (await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[0];
    const pid = Number(first);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`No postmaster pid in ${dataDir}/pg/postmaster.pid`);
    return pid;
  };
  const signalAll = (pids: number[], signal: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // Gone already.
      }
    }
  };
  const thaw = async () => {
    const pids = frozen;
    frozen = [];
    signalAll(pids, "SIGCONT");
  };
  const stop = async () => {
    await thaw();
    const current = handle;
    handle = null;
    if (!current) return;
    const pid = await postmasterPid().catch(() => null);
    const stopped = await Promise.race([current.stop().then(() => true), sleep(30_000).then(() => false)]);
    if (!stopped && pid) killTree(pid);
  };

  return {
    port,
    dataDir,
    url: urlFor(database),
    urlFor,
    postmasterPid,
    stop,
    restart: async () => {
      if (handle) throw new Error("PostgreSQL is running already.");
      handle = await start();
    },
    ensureRunning: async () => {
      await thaw();
      handle ??= await start();
    },
    freeze: async () => {
      const pid = await postmasterPid();
      // The postmaster first, so it forks no new backend meanwhile; then every process under it.
      signalAll([pid], "SIGSTOP");
      const backends = descendantsOf(pid);
      signalAll(backends, "SIGSTOP");
      frozen = [pid, ...backends];
    },
    thaw,
    destroy: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
