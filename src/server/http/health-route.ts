import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Liveness and readiness for load balancers and supervisors, answered before Next.js and without a
 * session:
 * - `GET /healthz` — the process is serving: always 200 while it listens (restart it if this fails).
 * - `GET /readyz` — it should get traffic: 200 when PostgreSQL answers `SELECT 1` within
 *   `checkTimeoutMs`, 503 while it doesn't or while the server drains for shutdown.
 * Bodies are small JSON and never cached; nothing about the database beyond "unavailable" is told.
 */
export const HEALTH_PATH = "/healthz";
export const READY_PATH = "/readyz";

const pathOf = (target: string) => target.split("?", 1)[0] ?? "";

export const isHealthPath = (target: string) => {
  const path = pathOf(target);
  return path === HEALTH_PATH || path === READY_PATH;
};

export type THealthChecks = {
  /** Resolves when the database answered; rejects (or times out) when it didn't. */
  database: (signal: AbortSignal) => Promise<unknown>;
  /** True once shutdown began. */
  draining: () => boolean;
  checkTimeoutMs?: number;
  /** How long one answer of the database serves every probe (probes need no session: they must be cheap). */
  cacheMs?: number;
};

function json(incoming: IncomingMessage, outgoing: ServerResponse, status: number, body: Record<string, string>) {
  const text = JSON.stringify(body);
  outgoing.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-store",
  });
  outgoing.end(incoming.method === "HEAD" ? undefined : text);
}

/** The database check, bounded by `timeoutMs` whatever the database does. */
async function databaseAnswers(check: THealthChecks["database"], timeoutMs: number): Promise<boolean> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([check(controller.signal).then(() => true), timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function createHealthHandler({ database, draining, checkTimeoutMs = 2_000, cacheMs = 1_000 }: THealthChecks) {
  let recent: { at: number; ok: boolean } | undefined;
  let pending: Promise<boolean> | undefined;
  /** One check at a time, and its answer for `cacheMs`, however many probes arrive. */
  function databaseReady(): Promise<boolean> {
    if (recent && Date.now() - recent.at < cacheMs) return Promise.resolve(recent.ok);
    pending ??= databaseAnswers(database, checkTimeoutMs).then((ok) => {
      recent = { at: Date.now(), ok };
      pending = undefined;
      return ok;
    });
    return pending;
  }

  return async function serveHealth(incoming: IncomingMessage, outgoing: ServerResponse) {
    const method = incoming.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      outgoing.setHeader("allow", "GET, HEAD");
      return json(incoming, outgoing, 405, { message: "Health checks are read with GET or HEAD." });
    }
    if (pathOf(incoming.url ?? "/") === HEALTH_PATH) return json(incoming, outgoing, 200, { status: "ok" });
    if (draining()) return json(incoming, outgoing, 503, { status: "draining" });
    return (await databaseReady())
      ? json(incoming, outgoing, 200, { status: "ready" })
      : json(incoming, outgoing, 503, { status: "unavailable", reason: "database" });
  };
}
