import type { IncomingMessage, ServerResponse } from "node:http";
import {
  applySecurityHeaders,
  DEFAULT_SECURITY_OPTIONS,
  type TResponseKind,
  type TSecurityOptions,
} from "./security-headers";
import { DEFAULT_SERVER_LIMITS, limitBodyTime } from "./server-limits";

/**
 * The listener of Attache's HTTP server (scripts/serve.ts): the AWS API first (Next.js would
 * redirect its "//" paths), then what Next.js cannot answer well, then the console's tRPC endpoint
 * (served here rather than by a Next.js route handler, whose request pipeline cost more than the
 * calls themselves), then Next.js. Whatever a handler does, nothing throws out of the listener and
 * every request gets an answer, with the security headers (security-headers.ts) and within the body
 * time limit (server-limits.ts).
 */

export type TNodeHandler = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown;

/** The methods the console and its APIs use; Next.js is never asked about any other. */
export const APP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const pathOf = (target: string) => target.split("?", 1)[0] ?? "";

const isApiPath = (path: string) => path === "/api" || path.startsWith("/api/");

/** A path Next.js would fail to decode (it answers those with a bare 500): "%ff", "%zz", a lone "%". */
export function hasMalformedPath(target: string): boolean {
  try {
    decodeURIComponent(pathOf(target));
    return false;
  } catch {
    return true;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function page(title: string, message: string) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${escapeHtml(title)} · Attache</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Go to the console</a></p></main>
</body>
</html>
`;
}

/** A short answer in the shape the caller expects: JSON for the APIs, a page for a browser. Never throws. */
function answer(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  status: number,
  { title, message, allow }: { title: string; message: string; allow?: readonly string[] },
) {
  try {
    if (outgoing.headersSent) {
      outgoing.destroy();
      return;
    }
    const api = isApiPath(pathOf(incoming.url ?? "/"));
    const body = api ? JSON.stringify({ message }) : page(title, message);
    const headers: Record<string, string> = {
      "content-type": api ? "application/json" : "text/html; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
      "cache-control": "no-store",
    };
    if (allow) headers.allow = allow.join(", ");
    // Whatever body the request had is not read: do not let the client reuse the connection.
    if (!incoming.complete) headers.connection = "close";
    outgoing.writeHead(status, headers);
    outgoing.end(incoming.method === "HEAD" ? undefined : body);
  } catch {
    outgoing.destroy();
  }
}

type TMount = { matches: (requestTarget: string) => boolean; serve: TNodeHandler };

export function createAppListener({
  aws,
  trpc,
  health,
  media,
  objects,
  next,
  security = DEFAULT_SECURITY_OPTIONS,
  bodyTimeoutMs = DEFAULT_SERVER_LIMITS.bodyTimeoutMs,
}: {
  /** The AWS-compatible API, for the requests `matches` claims; it answers any method itself. */
  aws: TMount;
  /** The console's tRPC endpoint, for the requests `matches` claims, once method and path are known good. */
  trpc?: TMount;
  /** Liveness and readiness (/healthz, /readyz), for load balancers and supervisors. */
  health?: TMount;
  /** Imported workspace images at their content-hash URLs. */
  media?: TMount;
  /** The local object store's signed URLs (/objects/…); it answers GET, HEAD, PUT and OPTIONS itself. */
  objects?: TMount;
  next: TNodeHandler;
  /** The deployment's origins and mode, for the Content-Security-Policy and HSTS. */
  security?: TSecurityOptions;
  /** How long a request body may take to arrive (uploads to `objects` excepted: they have their own bound). */
  bodyTimeoutMs?: number;
}) {
  /** Headers first, so every answer has them, whoever writes it. */
  function prepare(incoming: IncomingMessage, outgoing: ServerResponse, kind: TResponseKind, upload = false) {
    applySecurityHeaders(incoming, outgoing, kind, security);
    if (!upload) limitBodyTime(incoming, outgoing, bodyTimeoutMs);
  }

  async function route(incoming: IncomingMessage, outgoing: ServerResponse) {
    const target = incoming.url ?? "/";
    const method = incoming.method ?? "GET";
    if (aws.matches(target)) {
      prepare(incoming, outgoing, "api");
      return aws.serve(incoming, outgoing);
    }
    // The JSON APIs get the strict policy; pages and next-auth's routes (redirects, its own pages) the console's.
    const kind =
      trpc?.matches(target) || health?.matches(target) || media?.matches(target) || objects?.matches(target)
        ? "api"
        : "page";
    prepare(incoming, outgoing, kind, method === "PUT" && Boolean(objects?.matches(target)));
    if (!(APP_METHODS as readonly string[]).includes(method)) {
      return answer(incoming, outgoing, 405, {
        title: "Method not allowed",
        message: `${/^[A-Za-z-]{1,20}$/.test(method) ? method : "This method"} is not supported. Use ${APP_METHODS.join(", ")}.`,
        allow: APP_METHODS,
      });
    }
    if (hasMalformedPath(target)) {
      return answer(incoming, outgoing, 400, {
        title: "That address is not valid",
        message: "The address contains a broken percent-encoding (such as %ff). Check the link and try again.",
      });
    }
    if (trpc?.matches(target)) return trpc.serve(incoming, outgoing);
    if (health?.matches(target)) return health.serve(incoming, outgoing);
    if (media?.matches(target)) return media.serve(incoming, outgoing);
    if (objects?.matches(target)) return objects.serve(incoming, outgoing);
    return next(incoming, outgoing);
  }

  return function listener(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const failed = (error: unknown) => {
      console.error(`[attache] Could not answer ${incoming.method} ${incoming.url}:`, error);
      answer(incoming, outgoing, 500, {
        title: "Something went wrong",
        message: "Something went wrong on our side. Try again in a moment.",
      });
    };
    route(incoming, outgoing).catch(failed);
  };
}
