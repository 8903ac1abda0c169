import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AwsError, type TAwsResponse } from "./errors";
import { MAX_BODY_BYTES, type TAwsApi, type TAwsRequest, tooLargeError } from "./handler";

/**
 * Serves the AWS API on Node's request and response directly (no fetch Request/Response in
 * between: that adapter cost a twelfth of the API's CPU). The body is read only when the handler
 * asks, and reading stops as soon as it passes MAX_BODY_BYTES. The returned promise never rejects.
 */

function readBody(incoming: IncomingMessage): Promise<Uint8Array> {
  if (Number(incoming.headers["content-length"] ?? "0") > MAX_BODY_BYTES) return Promise.reject(tooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        cleanup();
        incoming.pause();
        reject(tooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    };
    const onError = () => {
      cleanup();
      reject(new AwsError("InvalidRequestException", "The request body could not be read."));
    };
    // The client went away before the body ended: nobody will read the answer, but the request ends.
    const onClose = () => {
      cleanup();
      reject(new AwsError("InvalidRequestException", "The request body ended before it was complete."));
    };
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}

/** The socket's peer, an IPv4 client on a dual-stack socket as plain IPv4 ("::ffff:127.0.0.1" → "127.0.0.1"). */
export function clientAddressOf(incoming: IncomingMessage): string | null {
  const address = incoming.socket.remoteAddress;
  if (!address) return null;
  return /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(address) ? address.slice(7) : address;
}

function headerReader(incoming: IncomingMessage): TAwsRequest["headers"] {
  return {
    get(name) {
      const value = incoming.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

function send(response: TAwsResponse, incoming: IncomingMessage, outgoing: ServerResponse) {
  if (outgoing.headersSent) {
    outgoing.destroy();
    return;
  }
  const headers: Record<string, string> = {
    ...response.headers,
    "content-length": String(Buffer.byteLength(response.body)),
  };
  // A request answered before its body was read (e.g. too large) leaves bytes on the connection:
  // close it rather than let the client reuse it.
  if (!incoming.complete) headers.connection = "close";
  outgoing.writeHead(response.status, headers);
  outgoing.end(incoming.method === "HEAD" ? undefined : response.body);
}

export async function serveAwsApi(api: TAwsApi, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  try {
    const response = await api.handle({
      method: incoming.method ?? "GET",
      target: incoming.url ?? "/",
      host: incoming.headers.host,
      clientAddress: clientAddressOf(incoming),
      headers: headerReader(incoming),
      readBody: () => readBody(incoming),
    });
    send(response, incoming, outgoing);
  } catch (error) {
    console.error("[attache] Could not answer an AWS API request:", error);
    try {
      const body = JSON.stringify({
        __type: "InternalServiceException",
        Message: "The service could not complete the request. Try again.",
      });
      const headers = {
        "content-type": "application/json",
        "x-amzn-requestid": randomUUID(),
        "x-amzn-errortype": "InternalServiceException",
      };
      send({ status: 500, headers, body }, incoming, outgoing);
    } catch {
      outgoing.destroy();
    }
  }
}
