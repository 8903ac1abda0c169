import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/**
 * Node's HTTP request as a fetch Request: the raw request target (path still percent-encoded, "//"
 * kept) and the body as a stream, so a size limit can stop reading before everything is buffered.
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
    // A malformed Host header is left to the signature check, which covers Host.
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
  const headers = Object.fromEntries(response.headers);
  // A request answered before its body was read (e.g. too large) leaves bytes on the connection:
  // close it rather than let the client reuse it.
  if (!incoming.complete) headers.connection = "close";
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}

/** Serves `handler` on a Node request; a failure to answer becomes a bare 500, never a stack trace. */
export function serveWithFetchHandler(
  handler: (request: Request) => Promise<Response>,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
) {
  void handler(toFetchRequest(incoming))
    .then((response) => sendFetchResponse(response, incoming, outgoing))
    .catch((error: unknown) => {
      console.error("[attache] Could not answer an API request:", error);
      if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "application/json" });
      outgoing.end('{"Message":"Internal error."}');
    });
}
