import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "@/lib/limits";
import { serveWithFetchHandler, type TFetchHandler } from "@/server/http/node-fetch";
import { crossOriginRefusal } from "@/server/http/same-origin";
import { appRouter } from "./root";
import { databaseUnavailableTrpcError, type TContext } from "./trpc";

export const TRPC_ENDPOINT = "/api/trpc";

export function isTrpcPath(requestTarget: string): boolean {
  const path = requestTarget.split("?", 1)[0] ?? "";
  return path === TRPC_ENDPOINT || path.startsWith(`${TRPC_ENDPOINT}/`);
}

const tooLarge = () =>
  new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `The request is larger than ${TRPC_MAX_BODY_BYTES / (1024 * 1024)} MiB, the most Attache accepts. Send less at once.`,
  });

/**
 * The body, read only up to the limit: a declared length over it is refused unread, and a body sent
 * in chunks (no Content-Length) is cut off as soon as it passes the limit.
 */
async function readBoundedBody(request: Request): Promise<{ body: Uint8Array<ArrayBuffer> } | { refusal: TRPCError }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > TRPC_MAX_BODY_BYTES) {
    await request.body?.cancel().catch(() => undefined);
    return { refusal: tooLarge() };
  }
  if (!request.body) return { body: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > TRPC_MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        return { refusal: tooLarge() };
      }
      chunks.push(value);
    }
  } catch (cause) {
    return { refusal: new TRPCError({ code: "BAD_REQUEST", message: "The request body could not be read.", cause }) };
  }
  return { body: Buffer.concat(chunks) };
}

/** The request's headers for a body that is forwarded already read (or not at all). */
function withoutBodyHeaders(source: Headers): Headers {
  const headers = new Headers(source);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return headers;
}

/**
 * The console's tRPC endpoint as a fetch handler (mounted in front of Next.js by scripts/serve.ts):
 * bodies up to TRPC_MAX_BODY_BYTES, batches up to TRPC_MAX_BATCH_SIZE calls (tRPC answers 400 for
 * more), and mutations only from `allowedOrigins` (the console's own; see same-origin.ts), refused
 * unread otherwise. A refusal still gets tRPC's own error shape and status (413, 403), per call of
 * a batch.
 */
export function createTrpcHttpHandler({
  createContext,
  allowedOrigins,
}: {
  createContext: (request: Request) => Promise<TContext> | TContext;
  /** Origins mutations may come from: NEXTAUTH_URL's, and the hosts in ATTACHE_API_HOSTS. */
  allowedOrigins: readonly string[];
}) {
  return async function handle(request: Request): Promise<Response> {
    let forwarded = request;
    let refusal: TRPCError | null = null;
    const crossOrigin = crossOriginRefusal({
      method: request.method,
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
      allowedOrigins,
    });
    if (crossOrigin) {
      // The body is never read (Node drains it after the answer).
      refusal = new TRPCError({ code: "FORBIDDEN", message: crossOrigin });
      forwarded = new Request(request.url, { method: request.method, headers: withoutBodyHeaders(request.headers) });
    } else if (request.method !== "GET" && request.method !== "HEAD") {
      const read = await readBoundedBody(request);
      if ("refusal" in read) refusal = read.refusal;
      forwarded = new Request(request.url, {
        method: request.method,
        headers: withoutBodyHeaders(request.headers),
        body: "body" in read ? read.body : null,
        signal: request.signal,
      });
    }
    return fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req: forwarded,
      router: appRouter,
      maxBatchSize: TRPC_MAX_BATCH_SIZE,
      // The refusal is thrown where tRPC creates the context, so every call of the request reports it
      // in the shape the client reads, and no procedure runs.
      // A context that could not be made because the database can't be reached is an outage: each call
      // answers 503 with the console's sentence (see databaseUnavailableTrpcError), never 401 or a 500.
      createContext: async () => {
        if (refusal) throw refusal;
        try {
          return await createContext(forwarded);
        } catch (error) {
          throw databaseUnavailableTrpcError(error) ?? error;
        }
      },
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
        if (error.code === "SERVICE_UNAVAILABLE") {
          const cause = error.cause?.cause ?? error.cause;
          console.error(
            `tRPC ${path ?? "?"}: the database is unavailable (${cause instanceof Error ? cause.message : String(cause)})`,
          );
        }
      },
    });
  };
}

const failure = (status: number, message: string) =>
  new Response(JSON.stringify({ error: { json: { message, code: -32603 } } }), {
    status,
    headers: { "content-type": "application/json" },
  });

/** Serves the tRPC handler on a Node request; the returned promise never rejects. */
export function serveTrpcApi(handler: TFetchHandler, incoming: IncomingMessage, outgoing: ServerResponse) {
  return serveWithFetchHandler(handler, incoming, outgoing, {
    methodNotAllowed: () => failure(405, "Use GET or POST."),
    failed: () => failure(500, "Something went wrong on our side. Try again in a moment."),
  });
}
