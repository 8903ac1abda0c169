import type { IncomingMessage, Server, ServerResponse } from "node:http";

/**
 * Graceful shutdown for an HTTP server: on `drain()` the server stops accepting connections, idle
 * kept-alive connections are closed, and every request already in flight may finish — its response
 * says `Connection: close` — for up to `graceMs`; what is still running then is cut. `draining` turns
 * true at once, so the readiness endpoint answers 503 and a load balancer stops sending traffic.
 */
export type TDrainResult = { completed: number; cut: number };

export type TGracefulShutdown = {
  readonly draining: boolean;
  /** Requests being answered right now. */
  readonly inFlight: number;
  /** Stops accepting, waits for in-flight requests (at most `graceMs`), then closes what is left. Idempotent. */
  drain: () => Promise<TDrainResult>;
};

/** How often idle connections are closed while draining (a kept-alive socket turns idle between requests). */
const IDLE_SWEEP_MS = 100;

export function trackGracefulShutdown(server: Server, { graceMs }: { graceMs: number }): TGracefulShutdown {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let completedWhileDraining = 0;
  let drained: Promise<TDrainResult> | undefined;
  const settled: Array<() => void> = [];

  server.on("request", (_request: IncomingMessage, response: ServerResponse) => {
    // A request that arrives on a kept-alive connection during the drain is still answered, once.
    if (draining && !response.headersSent) response.setHeader("connection", "close");
    inFlight.add(response);
    response.once("close", () => {
      inFlight.delete(response);
      if (draining && response.writableFinished) completedWhileDraining++;
      if (inFlight.size === 0) for (const resolve of settled.splice(0)) resolve();
    });
  });

  function drain(): Promise<TDrainResult> {
    drained ??= new Promise<TDrainResult>((resolve) => {
      draining = true;
      for (const response of inFlight) if (!response.headersSent) response.setHeader("connection", "close");
      server.close();
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      const finish = (cut: number) => {
        clearInterval(sweep);
        clearTimeout(deadline);
        resolve({ completed: completedWhileDraining, cut });
      };
      const deadline = setTimeout(() => {
        const cut = inFlight.size;
        server.closeAllConnections();
        finish(cut);
      }, graceMs);
      if (inFlight.size === 0) finish(0);
      else settled.push(() => finish(0));
    });
    return drained;
  }

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight.size;
    },
    drain,
  };
}
