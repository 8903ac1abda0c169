/**
 * The benchmark's three processes talk over Node's IPC channel (child_process.fork): the
 * orchestrator (run.ts) calls the baseline server (baseline.ts) and the load driver (drive.ts) with
 * typed request/reply messages. A child exits as soon as its parent goes away (the channel closes),
 * so no benchmark process outlives the run.
 */
import { type ChildProcess, fork } from "node:child_process";

/** What a child answers: per command, its input and output. */
export type TApi = Record<string, { input: unknown; output: unknown }>;

type TCall = { id: number; kind: string; input: unknown };
type TReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: string };

export type TIpcChild<A extends TApi> = {
  process: ChildProcess;
  /** Resolves with the exit code (or 1 after a signal) once the child has exited. */
  exited: Promise<number>;
  call<K extends keyof A & string>(kind: K, input: A[K]["input"], timeoutMs: number): Promise<A[K]["output"]>;
  /** Asks the child to stop (SIGTERM) and waits up to `timeoutMs`, then kills it. */
  stop(timeoutMs?: number): Promise<void>;
};

/** Forks `script` (TypeScript, run through tsx) with an IPC channel; its stdout and stderr are ours. */
export function forkTs<A extends TApi>(script: string, name: string): TIpcChild<A> {
  const child = fork(script, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exitCode: number | undefined;
  const exited = new Promise<number>((resolve) =>
    child.once("exit", (code, signal) => {
      exitCode = code ?? (signal ? 1 : 0);
      for (const waiting of pending.values()) waiting.reject(new Error(`The ${name} process exited (${exitCode}).`));
      pending.clear();
      resolve(exitCode);
    }),
  );
  child.on("message", (message: TReply) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.output);
    else waiting.reject(new Error(message.error));
  });

  return {
    process: child,
    exited,
    call(kind, input, timeoutMs) {
      if (exitCode !== undefined) return Promise.reject(new Error(`The ${name} process has exited (${exitCode}).`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`The ${name} process did not answer "${kind}" within ${Math.round(timeoutMs / 1000)} s.`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as never);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ id, kind, input } satisfies TCall);
      });
    },
    async stop(timeoutMs = 10_000) {
      if (exitCode !== undefined) return;
      child.kill("SIGTERM");
      const timer = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), timeoutMs).unref());
      if ((await Promise.race([exited, timer])) === "late" && exitCode === undefined) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** The child's side: answers each call with its handler; exits when the parent goes away. */
export function serveIpc<A extends TApi>(
  handlers: { [K in keyof A]: (input: A[K]["input"]) => Promise<A[K]["output"]> },
) {
  if (!process.send) throw new Error("This script is started by scripts/bench/run.ts (it needs an IPC channel).");
  const reply = (message: TReply) => process.send?.(message);
  process.on("message", (message: TCall) => {
    const handler = handlers[message.kind as keyof A];
    if (!handler) {
      reply({ id: message.id, ok: false, error: `Unknown command "${message.kind}".` });
      return;
    }
    handler(message.input).then(
      (output) => reply({ id: message.id, ok: true, output }),
      (error: unknown) =>
        reply({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.once("disconnect", () => process.exit(0));
  process.once("SIGTERM", () => process.exit(0));
}
