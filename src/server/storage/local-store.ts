import { createHash, createHmac, hkdfSync, randomUUID, timingSafeEqual } from "node:crypto";
import { copyFile, type FileHandle, link, lstat, mkdir, open, rename, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  assertContentLength,
  assertContentType,
  assertExpiresIn,
  assertLocalKey,
  isLocalKey,
  parseS3Uri,
} from "./object-rules";
import type { TObjectInfo, TObjectStore, TPresignedGet, TPresignedPut } from "./object-store";

/**
 * The local driver: objects are files under one directory, and Attache serves them itself at signed
 * URLs (`<baseUrl>/objects/<key>?X-Attache-…`, answered by src/server/http/objects-route.ts). A URL's
 * HMAC-SHA256 covers the method, key, expiry and — for an upload — the exact length and type, for a
 * download the type and file name, so none of them can be changed. An upload streams into a temporary
 * file next to the final one and appears with `link()`, which fails when the key already has a file:
 * a completed object is never overwritten through a URL.
 */

export const OBJECTS_PATH_PREFIX = "/objects/";
export const DEFAULT_LOCAL_BUCKET = "attache";
const HKDF_LABEL = "attache object store urls";
const VERSION = "attache-object-url-v1";

const PARAM = {
  method: "X-Attache-Method",
  expires: "X-Attache-Expires",
  length: "X-Attache-Length",
  type: "X-Attache-Type",
  fileName: "X-Attache-Filename",
  signature: "X-Attache-Signature",
} as const;

export type TLocalObjectStoreOptions = {
  /** Where the files live; created on first write. */
  directory: string;
  /** The app's public origin (NEXTAUTH_URL), which the objects route is mounted on. */
  baseUrl: string;
  /** ATTACHE_ENCRYPTION_KEY; the URL key is derived from it with HKDF. */
  serverKey: string;
  /** The bucket name `keyOfUri` accepts in `s3://<bucket>/<key>`. */
  bucket?: string;
  /** Milliseconds since the epoch; tests move it instead of waiting. */
  now?: () => number;
};

export type TSignedTerms =
  | { method: "PUT"; key: string; expiresAt: number; contentLength: number; contentType: string }
  | { method: "GET"; key: string; expiresAt: number; contentType: string; fileName: string };

export type TUrlRefusal = { status: 400 | 403; code: string; message: string };

export type TReceiveOutcome =
  | { outcome: "stored"; etag: string }
  | { outcome: "exists" }
  | { outcome: "too-long" }
  | { outcome: "incomplete" };

export type TLocalObjectStore = TObjectStore & {
  readonly driver: "local";
  readonly directory: string;
  readonly bucket: string;
  now(): number;
  /** What a signed URL grants for `method` (HEAD uses a GET URL), or why it grants nothing. */
  verifyUrl(
    method: "PUT" | "GET",
    key: string,
    query: URLSearchParams,
  ): { ok: true; terms: TSignedTerms } | { ok: false; refusal: TUrlRefusal };
  /**
   * Streams `body` into `key`, at most `length` bytes, and makes it visible only when exactly
   * `length` arrived and the key had no file yet. Nothing is left behind otherwise. Rejects (after
   * cleaning up) when the body fails or `signal` aborts.
   */
  receive(key: string, body: Readable, length: number, signal?: AbortSignal): Promise<TReceiveOutcome>;
  /** The object's open file and size, or null; the caller closes the handle (a stream from it does so itself). */
  open(key: string): Promise<{ handle: FileHandle; size: number } | null>;
};

class TooLong extends Error {}

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
/** Errors that mean "no object there": missing file, a file where a directory was expected, a directory. */
const isAbsent = (error: unknown) => ["ENOENT", "ENOTDIR", "EISDIR"].includes(code(error) ?? "");

export function createLocalObjectStore(options: TLocalObjectStoreOptions): TLocalObjectStore {
  const root = path.resolve(options.directory);
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const bucket = options.bucket ?? DEFAULT_LOCAL_BUCKET;
  const now = options.now ?? Date.now;
  const urlKey = Buffer.from(
    hkdfSync("sha256", Buffer.from(options.serverKey, "base64url"), Buffer.alloc(0), HKDF_LABEL, 32),
  );

  const sign = (fields: readonly (string | number)[]) =>
    createHmac("sha256", urlKey)
      .update(JSON.stringify([VERSION, ...fields.map(String)]))
      .digest("hex");

  const putFields = (key: string, expires: number, length: number, type: string) =>
    ["PUT", key, expires, length, type] as const;
  const getFields = (key: string, expires: number, type: string, fileName: string) =>
    ["GET", key, expires, type, fileName] as const;

  function fileOf(key: string): string {
    assertLocalKey(key);
    const file = path.resolve(root, key);
    if (!file.startsWith(root + path.sep)) throw new Error(`Object key ${key} leaves the object directory.`);
    return file;
  }

  const tempNext = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.part`);

  async function exists(file: string) {
    try {
      await lstat(file);
      return true;
    } catch (error) {
      if (isAbsent(error)) return false;
      throw error;
    }
  }

  /** Writes `file` through a temporary file that `rename` swaps in (server-side writes may replace). */
  async function replaceWith(file: string, write: (temp: string) => Promise<void>) {
    await mkdir(path.dirname(file), { recursive: true });
    const temp = tempNext(file);
    try {
      await write(temp);
      await rename(temp, file);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async function openFile(key: string) {
    let handle: FileHandle;
    try {
      handle = await open(fileOf(key), "r");
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    }
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      return null;
    }
    return { handle, size: stats.size };
  }

  async function head(key: string): Promise<TObjectInfo | null> {
    const opened = await openFile(key);
    if (!opened) return null;
    await opened.handle.close();
    return { size: opened.size };
  }

  function verifyUrl(
    method: "PUT" | "GET",
    key: string,
    query: URLSearchParams,
  ): { ok: true; terms: TSignedTerms } | { ok: false; refusal: TUrlRefusal } {
    const refuse = (status: 400 | 403, errorCode: string, message: string) =>
      ({ ok: false, refusal: { status, code: errorCode, message } }) as const;
    const signedMethod = query.get(PARAM.method);
    if (signedMethod !== null && signedMethod !== method) {
      return refuse(
        403,
        "AccessDenied",
        `This URL was signed for ${signedMethod === "PUT" ? "an upload" : "a download"}, not for ${method}.`,
      );
    }
    const needed =
      method === "PUT"
        ? [PARAM.method, PARAM.expires, PARAM.length, PARAM.type, PARAM.signature]
        : [PARAM.method, PARAM.expires, PARAM.type, PARAM.fileName, PARAM.signature];
    const missing = needed.filter((name) => query.get(name) === null);
    if (missing.length) {
      return refuse(
        400,
        "AuthorizationQueryParametersError",
        `This URL is not a signed object URL: ${missing.join(", ")} missing.`,
      );
    }
    const expiresText = query.get(PARAM.expires) as string;
    const lengthText = query.get(PARAM.length) ?? "0";
    if (!/^\d{1,12}$/.test(expiresText) || !/^\d{1,15}$/.test(lengthText)) {
      return refuse(400, "AuthorizationQueryParametersError", "The URL's expiry or length is not a whole number.");
    }
    const expires = Number(expiresText);
    const contentType = query.get(PARAM.type) as string;
    const fileName = query.get(PARAM.fileName) ?? "";
    const expected = Buffer.from(
      sign(
        method === "PUT"
          ? putFields(key, expires, Number(lengthText), contentType)
          : getFields(key, expires, contentType, fileName),
      ),
    );
    const given = Buffer.from(query.get(PARAM.signature) as string);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return refuse(
        403,
        "SignatureDoesNotMatch",
        "The URL's signature does not match: it was changed or not made by this server.",
      );
    }
    if (now() > expires * 1000) return refuse(403, "AccessDenied", "Request has expired: ask for a new URL.");
    const terms: TSignedTerms =
      method === "PUT"
        ? { method, key, expiresAt: expires * 1000, contentLength: Number(lengthText), contentType }
        : { method, key, expiresAt: expires * 1000, contentType, fileName };
    return { ok: true, terms };
  }

  return {
    driver: "local",
    uploadsAreWriteOnce: true,
    directory: root,
    bucket,
    now,
    verifyUrl,

    async presignPut(key, { contentLength, contentType, expiresInSeconds }): Promise<TPresignedPut> {
      assertLocalKey(key);
      assertContentLength(contentLength);
      assertContentType(contentType);
      assertExpiresIn(expiresInSeconds);
      const expires = Math.floor(now() / 1000) + expiresInSeconds;
      const query = new URLSearchParams({
        [PARAM.method]: "PUT",
        [PARAM.expires]: String(expires),
        [PARAM.length]: String(contentLength),
        [PARAM.type]: contentType,
        [PARAM.signature]: sign(putFields(key, expires, contentLength, contentType)),
      });
      return {
        url: `${baseUrl}${OBJECTS_PATH_PREFIX}${key}?${query}`,
        headers: { "Content-Type": contentType, "Content-Length": String(contentLength) },
        expiresAt: new Date(expires * 1000),
      };
    },

    async presignGet(key, { expiresInSeconds, fileName, contentType }): Promise<TPresignedGet> {
      assertLocalKey(key);
      assertContentType(contentType);
      assertExpiresIn(expiresInSeconds);
      const expires = Math.floor(now() / 1000) + expiresInSeconds;
      const query = new URLSearchParams({
        [PARAM.method]: "GET",
        [PARAM.expires]: String(expires),
        [PARAM.type]: contentType,
        [PARAM.fileName]: fileName,
        [PARAM.signature]: sign(getFields(key, expires, contentType, fileName)),
      });
      return { url: `${baseUrl}${OBJECTS_PATH_PREFIX}${key}?${query}`, expiresAt: new Date(expires * 1000) };
    },

    head,

    async readStart(key, length) {
      const opened = await openFile(key);
      if (!opened) return null;
      try {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, opened.size)));
        let filled = 0;
        while (filled < buffer.length) {
          const { bytesRead } = await opened.handle.read(buffer, filled, buffer.length - filled, filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
      } finally {
        await opened.handle.close();
      }
    },

    async delete(key) {
      try {
        await unlink(fileOf(key));
      } catch (error) {
        if (!isAbsent(error) && code(error) !== "EPERM") throw error;
      }
    },

    async copy(sourceKey, targetKey) {
      const source = fileOf(sourceKey);
      const target = fileOf(targetKey);
      const info = await head(sourceKey);
      if (!info) return null;
      try {
        await replaceWith(target, (temp) => copyFile(source, temp));
      } catch (error) {
        if (isAbsent(error)) return null;
        throw error;
      }
      return head(targetKey);
    },

    keyOfUri(uri) {
      const parsed = parseS3Uri(uri);
      return parsed && parsed.bucket === bucket && isLocalKey(parsed.key) ? parsed.key : null;
    },

    async put(key, bytes, _contentType) {
      const file = fileOf(key);
      await replaceWith(file, (temp) => writeFile(temp, bytes, { flag: "wx" }));
    },

    async receive(key, body, length, signal) {
      const file = fileOf(key);
      if (await exists(file)) return { outcome: "exists" };
      try {
        await mkdir(path.dirname(file), { recursive: true });
      } catch (error) {
        // A path segment is already an object's file: the key is taken in effect.
        if (code(error) === "ENOTDIR" || code(error) === "EEXIST") return { outcome: "exists" };
        throw error;
      }
      // One upload per key at a time, across processes sharing the directory: the temp file's name is
      // the claim, so concurrent PUTs to one URL cannot each fill the disk before one of them wins.
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.uploading`);
      let claim: FileHandle;
      try {
        claim = await open(temp, "wx");
      } catch (error) {
        if (code(error) === "EEXIST") return { outcome: "exists" };
        throw error;
      }
      const hash = createHash("md5");
      let received = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          if (received > length) return callback(new TooLong());
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      try {
        await pipeline(body, meter, claim.createWriteStream(), signal ? { signal } : {});
        if (received !== length) return { outcome: "incomplete" };
        try {
          await link(temp, file);
        } catch (error) {
          if (code(error) === "EEXIST") return { outcome: "exists" };
          throw error;
        }
        return { outcome: "stored", etag: hash.digest("hex") };
      } catch (error) {
        if (error instanceof TooLong) return { outcome: "too-long" };
        throw error;
      } finally {
        await claim.close().catch(() => undefined);
        await rm(temp, { force: true });
      }
    },

    open: openFile,

    async close() {},
  };
}
