import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/**
 * Node's HTTP request and response as fetch's Request and Response, for the console's tRPC endpoint
 * (tRPC's fetch adapter), served in front of Next.js. Small on purpose: a method fetch cannot carry or
 * a handler that fails gets an answer, and nothing throws out to the server's listener.
 */

export type TFetchHandler = (request: Request) => Promise<Response>;

/** The Fetch standard forbids these methods: `new Request()` throws for them. */
const UNFETCHABLE_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

function canCarryMethod(method: string): boolean {
  return !UNFETCHABLE_METHODS.has(method.toUpperCase());
}

/**
 * The raw request target (path still percent-encoded, "//" kept) and the body as a stream, so a size
 * limit can stop reading before everything is buffered.
 */
function toFetchRequest(incoming: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = incoming.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  let origin = "http://localhost";
  try {
    origin = new URL(`http://${incoming.headers.host ?? "localhost"}`).origin;
  } catch {
    // A malformed Host header is left to the handler (the AWS API's signature covers Host).
  }
  return new Request(`${origin}${incoming.url ?? "/"}`, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    // Required by Node's fetch for a streamed request body.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function sendFetchResponse(response: Response, incoming: IncomingMessage, outgoing: ServerResponse) {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = Object.fromEntries(response.headers);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  // A request answered before its body was read (e.g. too large) leaves bytes on the connection:
  // close it rather than let the client reuse it.
  if (!incoming.complete) headers.connection = "close";
  outgoing.writeHead(response.status, headers);
  outgoing.end(incoming.method === "HEAD" ? undefined : body);
}

/** Answers with `response` if nothing was sent yet, else ends the connection; never throws. */
async function answerOnce(response: Response, incoming: IncomingMessage, outgoing: ServerResponse) {
  try {
    if (outgoing.headersSent) {
      outgoing.destroy();
      return;
    }
    await sendFetchResponse(response, incoming, outgoing);
  } catch {
    outgoing.destroy();
  }
}

export type TServeOptions = {
  /** The answer to a method a fetch Request cannot carry (TRACE…). */
  methodNotAllowed: (method: string) => Response;
  /** The answer when the handler fails; the error has been logged. */
  failed: () => Response;
};

/** Serves `handler` on a Node request. Resolves when answered; never rejects, never throws. */
export async function serveWithFetchHandler(
  handler: TFetchHandler,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  options: TServeOptions,
): Promise<void> {
  const method = incoming.method ?? "GET";
  if (!canCarryMethod(method)) {
    await answerOnce(options.methodNotAllowed(method), incoming, outgoing);
    return;
  }
  try {
    const response = await handler(toFetchRequest(incoming));
    await sendFetchResponse(response, incoming, outgoing);
  } catch (error) {
    console.error("[attache] Could not answer a request:", error);
    await answerOnce(options.failed(), incoming, outgoing);
  }
}
