import { createServer, type IncomingHttpHeaders, type RequestListener, request } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/** `listener` behind a real HTTP server on loopback. */
export async function startHttpServer(listener: RequestListener) {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TRawResponse = { status: number; headers: IncomingHttpHeaders; text: string };

/**
 * One HTTP request exactly as given (any method, any request target, a body of any size or a stream
 * without a length), through node:http rather than fetch, which refuses TRACE and rewrites paths. Fails
 * when no complete answer arrives within `timeoutMs`, so a hanging server fails the test instead of
 * stalling it.
 */
export function rawRequest(
  origin: string,
  {
    method,
    target,
    headers = {},
    body,
    timeoutMs = 10_000,
  }: {
    method: string;
    target: string;
    headers?: Record<string, string>;
    body?: Buffer | string | Readable;
    timeoutMs?: number;
  },
): Promise<TRawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = request({ hostname, port, method, path: target, headers }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString(),
        });
      });
      response.on("error", reject);
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(new Error(`No complete answer to ${method} ${target} within ${timeoutMs} ms.`));
    }, timeoutMs);
    // The server may answer and close before the whole body is sent; that write error is expected.
    outgoing.on("error", (error) => {
      if (!answered) {
        clearTimeout(timer);
        reject(error);
      }
    });
    if (body instanceof Readable) body.pipe(outgoing);
    else outgoing.end(body);
  });
}

/** `prefix`, then `padding` spaces, in 64 KiB chunks with no Content-Length (chunked transfer encoding). */
export function chunkedBody(prefix: string, padding: number): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from(prefix);
      const chunk = Buffer.alloc(64 * 1024, " ");
      for (let sent = 0; sent < padding; sent += chunk.length)
        yield chunk.subarray(0, Math.min(chunk.length, padding - sent));
    })(),
  );
}
