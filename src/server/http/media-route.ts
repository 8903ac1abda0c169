import type { IncomingMessage, ServerResponse } from "node:http";
import type { TDb } from "@/server/db";
import { findMediaBlob } from "@/server/workspaces/media";
import { MEDIA_EXTENSION } from "@/server/workspaces/workspace-rules";

/**
 * Imported workspace images at their content-hash URLs, /media/<sha256>.<ext>. A URL never changes
 * what it serves, so browsers and CDNs may keep it for a year; a replaced logo gets a new URL. Every
 * answer forbids sniffing and runs the document (an SVG opened on its own) in a sandbox with no
 * scripts and no outbound requests.
 */

const PREFIX = "/media/";
const MEDIA_PATH = /^\/media\/([0-9a-f]{64})\.([a-z]{2,4})$/;

export const MEDIA_HEADERS = {
  "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'",
  "x-content-type-options": "nosniff",
  // The agent workspace shows these logos from its own origin.
  "cross-origin-resource-policy": "cross-origin",
} as const;

export const isMediaPath = (target: string) => (target.split("?", 1)[0] ?? "").startsWith(PREFIX);

function plain(outgoing: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
  outgoing.writeHead(status, {
    ...MEDIA_HEADERS,
    "content-type": "text/plain; charset=utf-8",
    "content-length": String(Buffer.byteLength(message)),
    "cache-control": "no-store",
    ...extra,
  });
  outgoing.end(message);
}

export function createMediaHandler(db: TDb) {
  return async function serveMedia(incoming: IncomingMessage, outgoing: ServerResponse) {
    const method = incoming.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      return plain(outgoing, 405, "Media can only be read (GET or HEAD).", { allow: "GET, HEAD" });
    }
    const match = MEDIA_PATH.exec((incoming.url ?? "").split("?", 1)[0] ?? "");
    const blob = match ? await findMediaBlob(db, match[1] as string) : null;
    if (!match || !blob || MEDIA_EXTENSION[blob.format] !== match[2]) {
      return plain(outgoing, 404, "There is no image at this address.");
    }
    const etag = `"${match[1]}"`;
    const headers = {
      ...MEDIA_HEADERS,
      "cache-control": "public, max-age=31536000, immutable",
      etag,
    };
    const validators = (incoming.headers["if-none-match"] ?? "")
      .split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""));
    if (validators.includes(etag) || validators.includes("*")) {
      outgoing.writeHead(304, headers);
      return outgoing.end();
    }
    outgoing.writeHead(200, { ...headers, "content-type": blob.mime, "content-length": String(blob.data.length) });
    outgoing.end(method === "HEAD" ? undefined : blob.data);
  };
}
