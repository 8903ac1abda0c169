/**
 * Attache as `npm start` runs it (scripts/start.ts: build when stale, migrate, seed, serve), on the
 * benchmark's own ports and data directory, its output in a log file. Stopped with SIGINT, as Ctrl-C
 * would; if it has not exited after a minute, its whole process group is killed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

export type TAttacheServer = {
  process: ChildProcess;
  exited: Promise<number>;
  logFile: string;
  stop(): Promise<void>;
};

export function startAttache({ env, logFile }: { env: NodeJS.ProcessEnv; logFile: string }): Promise<TAttacheServer> {
  const log = createWriteStream(logFile, { flags: "a" });
  return new Promise((resolve, reject) => {
    // Its own process group: a Ctrl-C in the terminal reaches run.ts, which stops Attache in order.
    const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "start.ts")], {
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    let exitCode: number | undefined;
    const exited = new Promise<number>((resolveExit) =>
      child.once("exit", (code, signal) => {
        exitCode = code ?? (signal ? 1 : 0);
        resolveExit(exitCode);
      }),
    );
    child.once("error", reject);
    child.once("spawn", () =>
      resolve({
        process: child,
        exited,
        logFile,
        async stop() {
          if (exitCode === undefined && child.pid) {
            child.kill("SIGINT");
            const late = new Promise<"late">((resolveLate) => setTimeout(() => resolveLate("late"), 60_000).unref());
            if ((await Promise.race([exited, late])) === "late" && exitCode === undefined) {
              console.error("[bench] Attache did not stop within a minute; killing its process group.");
              process.kill(-child.pid, "SIGKILL");
              await exited;
            }
          }
          await new Promise<void>((resolveEnd) => log.end(resolveEnd));
        },
      }),
    );
  });
}

/**
 * Polls `url` until it answers below 500; bounded by `timeoutMs` (the first start may build the app)
 * and given up as soon as the server exits.
 */
export async function waitUntilReady(server: TAttacheServer, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  for (let attempt = 0; attempt < timeoutMs / 1000 + 1 && Date.now() < deadline; attempt++) {
    if (exited) throw new Error(`Attache exited while starting. Its log:\n${await logTail(server.logFile)}`);
    const ready = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status < 500,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(
    `Attache did not answer ${url} within ${Math.round(timeoutMs / 1000)} s. Its log:\n${await logTail(server.logFile)}`,
  );
}

export async function logTail(file: string, lines = 40): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** Distinct error lines of the server log (stack frames left out), for the end-of-run notes. */
export async function logProblems(file: string, limit = 8): Promise<string[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  const problems = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!/error|failed|exception|unhandled/i.test(line) || /^\s+at /.test(line)) continue;
    // Request ids and numbers differ from one line to the next; count the same message once.
    const key = line
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>")
      .replace(/\d+/g, "N")
      .slice(0, 300);
    problems.set(key, (problems.get(key) ?? 0) + 1);
  }
  return [...problems].slice(0, limit).map(([line, count]) => (count > 1 ? `${line}  (×${count})` : line));
}
