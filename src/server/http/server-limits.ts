import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { MAX_UPLOAD_MS } from "./objects-route";

/**
 * How long a client may take and how many connections it may hold, so a few slow or greedy clients
 * cannot tie up the server (slowloris and friends):
 * - `headersTimeoutMs`: the request line and headers must arrive within this time (Node answers 408).
 * - `bodyTimeoutMs`: a request body must have arrived within this time (the listener answers 408 and
 *   closes), except an upload to the local object store's signed URLs, which ends at the URL's expiry
 *   plus a grace period (objects-route.ts, at most MAX_UPLOAD_MS).
 * - `requestTimeoutMs`: Node's own bound on receiving any request, body included. It is the backstop
 *   and must let the longest legitimate request through: a 100 MB upload (the largest size a policy
 *   allows) takes about 55 minutes at 256 kbit/s, which MAX_UPLOAD_MS (60 min) still allows.
 * - `keepAliveTimeoutMs`: how long an idle kept-alive connection stays open.
 * - `maxConnectionsPerClient`: open connections per client address at once; more are answered 503
 *   and closed. 0 turns the cap off (needed behind a proxy that connects from a single address).
 */
export type TServerLimits = {
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnectionsPerClient: number;
  /** How often Node checks the headers and request timeouts (they may overrun by up to this much). */
  checkIntervalMs: number;
};

export const DEFAULT_SERVER_LIMITS: TServerLimits = {
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 60_000,
  requestTimeoutMs: MAX_UPLOAD_MS + 60_000,
  keepAliveTimeoutMs: 10_000,
  maxConnectionsPerClient: 64,
  checkIntervalMs: 5_000,
};

/** "::ffff:127.0.0.1" and "127.0.0.1" are the same client. */
export function clientAddress(socket: Pick<Socket, "remoteAddress">): string {
  const address = socket.remoteAddress ?? "unknown";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

const OVER_CAP_RESPONSE =
  "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n" +
  "Retry-After: 1\r\nContent-Length: 50\r\n\r\nToo many open connections from this address. Retry.";

/** Counts each client's open connections on `server`; one over `max` gets a 503 and is closed. */
export function capConnectionsPerClient(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = clientAddress(socket);
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      // Not counted, and nothing it sends is read: answered, then closed once the answer is out.
      socket.pause();
      socket.end(OVER_CAP_RESPONSE, () => socket.destroy());
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** An HTTP server with `limits` applied, answering with `listener`. */
export function createLimitedServer(listener: RequestListener, limits: TServerLimits = DEFAULT_SERVER_LIMITS): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    listener,
  );
  capConnectionsPerClient(server, limits.maxConnectionsPerClient);
  return server;
}

/**
 * Ends a request whose body has not fully arrived within `timeoutMs`: 408 if nothing was answered
 * yet, and the connection is closed either way. Call it when a handler starts; a request that is
 * already complete (no body, or a small one) costs nothing.
 */
export function limitBodyTime(incoming: IncomingMessage, outgoing: ServerResponse, timeoutMs: number): void {
  if (incoming.complete) return;
  const timer = setTimeout(() => {
    if (incoming.complete || outgoing.writableEnded) return;
    if (!outgoing.headersSent) {
      const body = "The request body did not arrive in time.";
      outgoing.writeHead(408, {
        connection: "close",
        "content-type": "text/plain; charset=utf-8",
        "content-length": String(Buffer.byteLength(body)),
        "cache-control": "no-store",
      });
      outgoing.end(body);
    }
    // The response may be queued behind the unread body; the socket goes either way.
    setImmediate(() => incoming.socket?.destroy());
  }, timeoutMs);
  timer.unref();
  const clear = () => clearTimeout(timer);
  incoming.once("end", clear);
  outgoing.once("close", clear);
}
