import type { IncomingMessage, ServerResponse } from "node:http";
import { OBJECTS_PATH_PREFIX, type TLocalObjectStore } from "@/server/storage/local-store";
import { attachmentDisposition, isLocalKey } from "@/server/storage/object-rules";

/**
 * The local object store's signed URLs, /objects/<key>?X-Attache-…: PUT uploads one object once,
 * GET and HEAD download it. Everything the URL grants is checked against its signature first (see
 * src/server/storage/local-store.ts); an upload must carry exactly the signed Content-Length and
 * Content-Type, and its body streams to disk. Refusals are S3-shaped XML (`<Error><Code>…`) so one
 * client can read both drivers' errors. Any origin may use a URL (it is the credential, and no
 * cookie is involved), as with a bucket whose CORS rule allows the console's origin.
 */

const pathOf = (target: string) => target.split("?", 1)[0] ?? "";

export const isObjectsPath = (target: string) => pathOf(target).startsWith(OBJECTS_PATH_PREFIX);

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag",
} as const;

const DOWNLOAD_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "sandbox; default-src 'none'",
  "cache-control": "private, no-store",
} as const;

/**
 * The most an upload may take beyond its URL's expiry, and in all. The server's request timeout
 * (server-limits.ts) is set above MAX_UPLOAD_MS, so these bounds are the ones that apply.
 */
const UPLOAD_GRACE_MS = 5 * 60_000;
export const MAX_UPLOAD_MS = 60 * 60_000;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

function refuse(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
) {
  if (outgoing.headersSent || outgoing.destroyed) {
    outgoing.destroy();
    return;
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>\n`;
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    "content-type": "application/xml",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...extra,
  };
  // An unread request body is not drained: the connection is not reused.
  if (!incoming.complete) headers.connection = "close";
  outgoing.writeHead(status, headers);
  outgoing.end(incoming.method === "HEAD" ? undefined : body);
}

export function createObjectsHandler(store: TLocalObjectStore) {
  async function upload(incoming: IncomingMessage, outgoing: ServerResponse, key: string, query: URLSearchParams) {
    const verified = store.verifyUrl("PUT", key, query);
    if (!verified.ok) {
      const { status, code, message } = verified.refusal;
      return refuse(incoming, outgoing, status, code, message);
    }
    const terms = verified.terms;
    if (terms.method !== "PUT")
      return refuse(incoming, outgoing, 403, "AccessDenied", "This URL is not an upload URL.");
    const lengthHeader = incoming.headers["content-length"];
    if (incoming.headers["transfer-encoding"] !== undefined || lengthHeader === undefined) {
      return refuse(incoming, outgoing, 411, "MissingContentLength", "Send the body with a Content-Length header.");
    }
    const length = /^\d{1,15}$/.test(lengthHeader) ? Number(lengthHeader) : Number.NaN;
    if (length > terms.contentLength) {
      return refuse(
        incoming,
        outgoing,
        413,
        "EntityTooLarge",
        `The body is ${length} bytes; this URL accepts exactly ${terms.contentLength}.`,
      );
    }
    if (length !== terms.contentLength) {
      return refuse(
        incoming,
        outgoing,
        403,
        "SignatureDoesNotMatch",
        `Content-Length must be ${terms.contentLength}, as signed.`,
      );
    }
    if ((incoming.headers["content-type"] ?? "").trim() !== terms.contentType) {
      return refuse(
        incoming,
        outgoing,
        403,
        "SignatureDoesNotMatch",
        `Content-Type must be ${terms.contentType}, as signed.`,
      );
    }
    const abort = new AbortController();
    const deadline = Math.min(Math.max(0, terms.expiresAt - store.now()) + UPLOAD_GRACE_MS, MAX_UPLOAD_MS);
    const timer = setTimeout(() => abort.abort(), deadline);
    let result: Awaited<ReturnType<TLocalObjectStore["receive"]>>;
    try {
      result = await store.receive(key, incoming, terms.contentLength, abort.signal);
    } catch (error) {
      // The client went away or took too long: nothing was stored, and nobody may be listening.
      if (abort.signal.aborted) {
        return refuse(incoming, outgoing, 400, "RequestTimeout", "The upload took too long; nothing was stored.");
      }
      if ((error as NodeJS.ErrnoException).code === "ECONNRESET" || incoming.socket?.destroyed) {
        outgoing.destroy();
        return;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
    switch (result.outcome) {
      case "stored":
        outgoing.writeHead(200, { ...CORS_HEADERS, etag: `"${result.etag}"`, "content-length": "0" });
        return outgoing.end();
      case "exists":
        return refuse(
          incoming,
          outgoing,
          409,
          "ObjectAlreadyExists",
          "This object was already uploaded; it cannot be replaced.",
        );
      case "too-long":
        return refuse(
          incoming,
          outgoing,
          413,
          "EntityTooLarge",
          `This URL accepts exactly ${terms.contentLength} bytes.`,
        );
      case "incomplete":
        return refuse(incoming, outgoing, 400, "IncompleteBody", "The body ended before Content-Length bytes arrived.");
    }
  }

  async function download(incoming: IncomingMessage, outgoing: ServerResponse, key: string, query: URLSearchParams) {
    const verified = store.verifyUrl("GET", key, query);
    if (!verified.ok) {
      const { status, code, message } = verified.refusal;
      return refuse(incoming, outgoing, status, code, message);
    }
    const terms = verified.terms;
    if (terms.method !== "GET")
      return refuse(incoming, outgoing, 403, "AccessDenied", "This URL is not a download URL.");
    const opened = await store.open(key);
    if (!opened) return refuse(incoming, outgoing, 404, "NoSuchKey", "There is no object at this address.");
    outgoing.writeHead(200, {
      ...CORS_HEADERS,
      ...DOWNLOAD_HEADERS,
      "content-type": terms.contentType,
      "content-length": String(opened.size),
      "content-disposition": attachmentDisposition(terms.fileName),
    });
    if (incoming.method === "HEAD" || opened.size === 0) {
      await opened.handle.close();
      return outgoing.end();
    }
    const stream = opened.handle.createReadStream({ autoClose: true, end: opened.size - 1 });
    stream.on("error", () => outgoing.destroy());
    outgoing.on("close", () => stream.destroy());
    stream.pipe(outgoing);
  }

  return async function serveObjects(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const method = incoming.method ?? "GET";
    const target = incoming.url ?? "/";
    if (method === "OPTIONS") {
      outgoing.writeHead(204, {
        ...CORS_HEADERS,
        "access-control-allow-methods": "GET, HEAD, PUT",
        "access-control-allow-headers": "content-type",
        "access-control-max-age": "3000",
      });
      return void outgoing.end();
    }
    if (method !== "GET" && method !== "HEAD" && method !== "PUT") {
      return refuse(
        incoming,
        outgoing,
        405,
        "MethodNotAllowed",
        `${method} is not supported here; use GET, HEAD or PUT.`,
        {
          allow: "GET, HEAD, PUT, OPTIONS",
        },
      );
    }
    // The raw path, not a parsed URL: "..", "%2e%2e" and the like must be refused, not resolved.
    const key = pathOf(target).slice(OBJECTS_PATH_PREFIX.length);
    if (!isLocalKey(key))
      return refuse(incoming, outgoing, 400, "InvalidObjectName", "This is not a valid object key.");
    const query = new URLSearchParams(target.includes("?") ? target.slice(target.indexOf("?") + 1) : "");
    try {
      await (method === "PUT" ? upload(incoming, outgoing, key, query) : download(incoming, outgoing, key, query));
    } catch (error) {
      console.error(`[attache] Could not answer ${method} ${OBJECTS_PATH_PREFIX}${key}:`, error);
      refuse(incoming, outgoing, 500, "InternalError", "Something went wrong on our side. Try again in a moment.");
    }
  };
}
