import { randomBytes, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TLocalObjectStore, TObjectStore, TS3ObjectStore } from "@/server/storage";
import { rawRequest } from "@/test/http";
import { OBJECT_STORE_DRIVERS, startLocalObjectStore, startS3ObjectStore } from "@/test/storage";

/**
 * One suite, both drivers: the local store behind its real objects route on loopback HTTP, and the
 * s3 store against s3rver. Uploads and downloads go through the presigned URLs with fetch, as a
 * browser would. The local driver's refusals of tampered or misused URLs are tested on their own
 * (s3rver does not check signatures, so it cannot show them for the s3 driver; real S3 does).
 */

/** The stores' clock: tests move it instead of waiting for URLs to expire. */
let offsetMs = 0;
const now = () => Date.now() + offsetMs;
beforeEach(() => {
  offsetMs = 0;
});

const newKey = () => `files/${randomUUID()}`;

async function upload(
  store: TObjectStore,
  key: string,
  bytes: Uint8Array<ArrayBuffer>,
  contentType = "application/pdf",
) {
  const signed = await store.presignPut(key, { contentLength: bytes.length, contentType, expiresInSeconds: 300 });
  return fetch(signed.url, { method: "PUT", headers: signed.headers, body: bytes });
}

describe.each(OBJECT_STORE_DRIVERS)("the %s object store", (driver) => {
  let store: TLocalObjectStore | TS3ObjectStore;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ store, stop } = driver === "local" ? await startLocalObjectStore({ now }) : await startS3ObjectStore({ now }));
  });
  afterAll(async () => {
    await stop?.();
  });

  it("uploads at a presigned URL, reads, downloads, copies and deletes the object", async () => {
    const key = newKey();
    const bytes = randomBytes(300_000);
    const signed = await store.presignPut(key, {
      contentLength: bytes.length,
      contentType: "application/pdf",
      expiresInSeconds: 300,
    });
    expect(signed.headers).toEqual({ "Content-Type": "application/pdf", "Content-Length": String(bytes.length) });
    expect(signed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 290_000);
    const put = await fetch(signed.url, { method: "PUT", headers: signed.headers, body: bytes });
    expect(put.status).toBe(200);

    expect(await store.head(key)).toEqual({ size: bytes.length });
    expect(Buffer.from((await store.readStart(key, 16)) ?? [])).toEqual(bytes.subarray(0, 16));
    expect((await store.readStart(key, 10_000_000))?.length).toBe(bytes.length);

    const fileName = 'Résumé "final" 2026.pdf';
    const download = await store.presignGet(key, { expiresInSeconds: 60, fileName, contentType: "application/pdf" });
    const got = await fetch(download.url);
    expect(got.status).toBe(200);
    // (equals, not toEqual: a deep comparison of 300 kB takes seconds)
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    expect(got.headers.get("content-type")).toBe("application/pdf");
    expect(got.headers.get("content-disposition")).toBe(
      `attachment; filename="R_sum_ _final_ 2026.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%202026.pdf`,
    );
    if (driver === "local") {
      expect(got.headers.get("x-content-type-options")).toBe("nosniff");
      expect(got.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
      expect(got.headers.get("cache-control")).toBe("private, no-store");
    }

    const copyKey = newKey();
    expect(await store.copy(key, copyKey)).toEqual({ size: bytes.length });
    expect(Buffer.from((await store.readStart(copyKey, 8)) ?? [])).toEqual(bytes.subarray(0, 8));

    await store.delete(key);
    expect(await store.head(key)).toBeNull();
    expect(await store.readStart(key, 8)).toBeNull();
    await store.delete(key);
    expect(await store.head(copyKey)).toEqual({ size: bytes.length });
    expect(await store.copy(key, newKey())).toBeNull();
  });

  it("answers null for a key with nothing stored, and stores an empty object", async () => {
    const missing = newKey();
    expect(await store.head(missing)).toBeNull();
    expect(await store.readStart(missing, 100)).toBeNull();

    const empty = newKey();
    expect((await upload(store, empty, new Uint8Array(), "text/plain")).status).toBe(200);
    expect(await store.head(empty)).toEqual({ size: 0 });
    expect(await store.readStart(empty, 100)).toEqual(new Uint8Array());
  });

  it("stores bytes written by the server and serves them at a download URL", async () => {
    const key = newKey();
    await store.put(key, new TextEncoder().encode("hello, attache"), "text/plain");
    expect(await store.head(key)).toEqual({ size: 14 });
    const { url } = await store.presignGet(key, {
      expiresInSeconds: 60,
      fileName: "hello.txt",
      contentType: "text/plain",
    });
    expect(await (await fetch(url)).text()).toBe("hello, attache");
  });

  it("refuses expired upload and download URLs", async () => {
    const key = newKey();
    await store.put(key, new Uint8Array([1, 2, 3]), "application/octet-stream");
    // Signed two hours ago for one minute.
    offsetMs = -2 * 3600_000;
    const uploadUrl = await store.presignPut(newKey(), {
      contentLength: 3,
      contentType: "text/plain",
      expiresInSeconds: 60,
    });
    const downloadUrl = await store.presignGet(key, {
      expiresInSeconds: 60,
      fileName: "x.bin",
      contentType: "text/plain",
    });
    offsetMs = 0;

    const put = await fetch(uploadUrl.url, { method: "PUT", headers: uploadUrl.headers, body: "abc" });
    expect(put.status).toBe(403);
    expect(await put.text()).toMatch(/expired/i);
    const get = await fetch(downloadUrl.url);
    expect(get.status).toBe(403);
    expect(await get.text()).toMatch(/expired/i);
  });

  it("names keys by s3:// URIs of its own bucket only", () => {
    expect(store.keyOfUri(`s3://${store.bucket}/files/abc-123`)).toBe("files/abc-123");
    expect(store.keyOfUri("s3://another-bucket/files/abc-123")).toBeNull();
    expect(store.keyOfUri(`s3://${store.bucket}/`)).toBeNull();
    expect(store.keyOfUri(`s3://${store.bucket}`)).toBeNull();
    expect(store.keyOfUri(`https://${store.bucket}.s3.amazonaws.com/files/abc`)).toBeNull();
    expect(store.keyOfUri("")).toBeNull();
  });

  it("refuses keys, sizes, types and lifetimes that are programming errors", async () => {
    await expect(
      store.presignPut("/leading", { contentLength: 1, contentType: "text/plain", expiresInSeconds: 60 }),
    ).rejects.toThrow(/key/);
    await expect(
      store.presignPut(newKey(), { contentLength: -1, contentType: "text/plain", expiresInSeconds: 60 }),
    ).rejects.toThrow(/length/);
    await expect(
      store.presignPut(newKey(), { contentLength: 1, contentType: "text/plain\r\nx: y", expiresInSeconds: 60 }),
    ).rejects.toThrow(/type/);
    await expect(
      store.presignPut(newKey(), { contentLength: 1, contentType: "text/plain", expiresInSeconds: 0 }),
    ).rejects.toThrow(/expiresIn/);
  });
});

describe("the local object store's URLs", () => {
  let store: TLocalObjectStore;
  let baseUrl: string;
  let directory: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ store, baseUrl, directory, stop } = await startLocalObjectStore({ now }));
  });
  afterAll(async () => {
    await stop?.();
  });

  /** Every file under the store's directory, temporary ones included. */
  const files = async () =>
    (await readdir(directory, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)));

  const targetOf = (url: string) => url.slice(baseUrl.length);
  const put = (target: string, body: string | Buffer, headers: Record<string, string>) =>
    rawRequest(baseUrl, { method: "PUT", target, body, headers, timeoutMs: 5000 });

  async function signedPut(body: Buffer, contentType = "text/plain") {
    const key = newKey();
    const signed = await store.presignPut(key, { contentLength: body.length, contentType, expiresInSeconds: 300 });
    return { key, target: targetOf(signed.url), headers: signed.headers };
  }

  it("refuses a URL whose length, type, key, expiry, method or signature was changed", async () => {
    const body = Buffer.from("twelve bytes");
    const { target, headers } = await signedPut(body);
    const changed = (name: string, value: string) => {
      const url = new URL(target, baseUrl);
      url.searchParams.set(name, value);
      return url.pathname + url.search;
    };
    const tampered = [
      changed("X-Attache-Length", "13"),
      changed("X-Attache-Type", "text/html"),
      changed("X-Attache-Expires", String(Math.floor(Date.now() / 1000) + 86_400)),
      changed("X-Attache-Signature", "0".repeat(64)),
      changed("X-Attache-Signature", "abc"),
      target.replace(/files\/[^?]+/, "files/another-key"),
    ];
    for (const tamperedTarget of tampered) {
      const answer = await put(tamperedTarget, body, headers);
      expect(answer.status, tamperedTarget).toBe(403);
      expect(answer.text).toContain("<Code>SignatureDoesNotMatch</Code>");
    }
    expect((await put(changed("X-Attache-Method", "GET"), body, headers)).status).toBe(403);
    const withoutSignature = new URL(target, baseUrl);
    withoutSignature.searchParams.delete("X-Attache-Signature");
    expect((await put(withoutSignature.pathname + withoutSignature.search, body, headers)).status).toBe(400);
    expect(await files()).toEqual([]);
  });

  it("refuses an upload whose Content-Length or Content-Type differs from the signed ones", async () => {
    const { key, target, headers } = await signedPut(Buffer.from("0123456789"));
    const longer = await put(target, Buffer.from("0123456789!"), { ...headers, "Content-Length": "11" });
    expect(longer.status).toBe(413);
    const shorter = await put(target, Buffer.from("012345678"), { ...headers, "Content-Length": "9" });
    expect(shorter.status).toBe(403);
    const otherType = await put(target, Buffer.from("0123456789"), { ...headers, "Content-Type": "text/html" });
    expect(otherType.status).toBe(403);
    expect(await store.head(key)).toBeNull();
    expect(await files()).toEqual([]);
  });

  it("refuses an upload without Content-Length", async () => {
    const { target, headers } = await signedPut(Buffer.from("0123456789"));
    const chunked = await put(target, Buffer.from("0123456789"), {
      "Content-Type": headers["Content-Type"] as string,
      "Transfer-Encoding": "chunked",
    });
    expect(chunked.status).toBe(411);
    expect(await files()).toEqual([]);
  });

  it("stores a key once: a second upload is refused and the first bytes stay", async () => {
    const first = Buffer.from("first body");
    const { key, target, headers } = await signedPut(first);
    expect((await put(target, first, headers)).status).toBe(200);
    const again = await put(target, Buffer.from("other body"), headers);
    expect(again.status).toBe(409);
    expect(again.text).toContain("<Code>ObjectAlreadyExists</Code>");
    expect(await readFile(path.join(directory, key), "utf8")).toBe("first body");
    expect(await files()).toEqual([key]);
    await store.delete(key);
  });

  it("takes one upload per key at a time: a second PUT while the first streams is refused unread", async () => {
    const size = 1_000_000;
    const { key, target, headers } = await signedPut(Buffer.alloc(size));
    const first = request(new URL(target, baseUrl), { method: "PUT", headers });
    const firstAnswer = new Promise<number>((resolve, reject) => {
      first.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      first.on("error", reject);
    });
    first.write(Buffer.alloc(100_000));
    // The first upload holds its claim (its temp file) before the second arrives.
    for (
      let attempt = 0;
      attempt < 50 && (await readdir(path.dirname(path.join(directory, key))).catch(() => [])).length === 0;
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const second = await put(target, Buffer.alloc(size), headers);
    expect(second.status).toBe(409);
    first.end(Buffer.alloc(size - 100_000));
    expect(await firstAnswer).toBe(200);
    expect(await files()).toEqual([key]);
    await store.delete(key);
  });

  it("leaves no file behind when the client aborts an upload", async () => {
    const { key, target, headers } = await signedPut(Buffer.alloc(1_000_000));
    await new Promise<void>((resolve) => {
      const outgoing = request(new URL(target, baseUrl), { method: "PUT", headers });
      outgoing.on("error", () => resolve());
      outgoing.write(Buffer.alloc(200_000));
      setTimeout(() => {
        outgoing.destroy();
        resolve();
      }, 200);
    });
    for (let attempt = 0; attempt < 50 && (await files()).length > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await files()).toEqual([]);
    expect(await store.head(key)).toBeNull();
  });

  it("refuses keys that leave the directory or are not keys", async () => {
    const { target, headers } = await signedPut(Buffer.from("x"));
    const query = target.slice(target.indexOf("?"));
    for (const path of [
      "/objects/../x",
      "/objects/%2e%2e/x",
      "/objects/files/../../x",
      "/objects/files/%2E%2E%2Fx",
      "/objects/files//x",
      "/objects/files/.hidden",
      "/objects/%ff",
      "/objects/",
    ]) {
      const answer = await put(`${path}${query}`, Buffer.from("x"), headers);
      expect(answer.status, path).toBe(400);
    }
    await expect(
      store.presignPut("../x", { contentLength: 1, contentType: "text/plain", expiresInSeconds: 60 }),
    ).rejects.toThrow(/key/);
    expect(await files()).toEqual([]);
  });

  it("serves a download URL to GET and HEAD only, and refuses other methods", async () => {
    const key = newKey();
    await store.put(key, Buffer.from("downloadable"), "text/plain");
    const { url } = await store.presignGet(key, { expiresInSeconds: 60, fileName: "a.txt", contentType: "text/plain" });
    const target = targetOf(url);
    const head = await rawRequest(baseUrl, { method: "HEAD", target });
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe("12");
    expect(head.headers["content-disposition"]).toBe(`attachment; filename="a.txt"; filename*=UTF-8''a.txt`);
    expect(head.text).toBe("");
    expect((await put(target, Buffer.from("x"), { "Content-Type": "text/plain" })).status).toBe(403);
    const preflight = await rawRequest(baseUrl, { method: "OPTIONS", target });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-methods"]).toBe("GET, HEAD, PUT");
    const removed = await rawRequest(baseUrl, { method: "DELETE", target });
    expect(removed.status).toBe(405);
    expect(removed.headers.allow).toBe("GET, HEAD, PUT, OPTIONS");
    await store.delete(key);
    expect((await rawRequest(baseUrl, { method: "GET", target })).status).toBe(404);
  });
});

describe("the s3 object store's URLs", () => {
  let store: TS3ObjectStore;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ store, stop } = await startS3ObjectStore());
  });
  afterAll(async () => {
    await stop?.();
  });

  it("sign content-length and content-type into an upload URL, with no checksum of an empty body", async () => {
    const { url } = await store.presignPut(newKey(), {
      contentLength: 42,
      contentType: "image/png",
      expiresInSeconds: 60,
    });
    const query = new URL(url).searchParams;
    expect(query.get("X-Amz-SignedHeaders")?.split(";")).toEqual(["content-length", "content-type", "host"]);
    expect(query.get("X-Amz-Expires")).toBe("60");
    expect([...query.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
  });
});
