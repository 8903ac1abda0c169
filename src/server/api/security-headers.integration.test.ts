import { createHash, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { ListInstancesCommand } from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRateLimits } from "@/env";
import { createTrpcHttpHandler, isTrpcPath, serveTrpcApi } from "@/server/api/http";
import type { TSession } from "@/server/auth";
import { AWS_API_PREFIX, createAwsHandler, isAwsApiPath } from "@/server/aws/api";
import { serveAwsApi } from "@/server/aws/protocol/node-adapter";
import type { TDb } from "@/server/db";
import { createAppListener, type TNodeHandler } from "@/server/http/app-listener";
import { createMediaHandler, isMediaPath } from "@/server/http/media-route";
import { createObjectsHandler, isObjectsPath } from "@/server/http/objects-route";
import { nonceOfPolicy, type TSecurityOptions } from "@/server/http/security-headers";
import { connectClient, createTestApiKey, TEST_SERVER_KEY } from "@/test/aws";
import { countWrites, createSession, createTestDatabase } from "@/test/db";
import { rawRequest, startHttpServer } from "@/test/http";
import { startLocalObjectStore } from "@/test/storage";

/**
 * Every mount of Attache's listener over real loopback HTTP, as scripts/serve.ts assembles it: the
 * AWS API, tRPC, media and the local object store for real, a stand-in for Next.js (the console's
 * pages and next-auth's routes, whose headers e2e/security.spec.ts checks on the real build). Every
 * answer carries the security headers; the APIs' are never cached; pages get a nonce per response.
 */

const CONSOLE_ORIGIN = "http://localhost:3000";
const SECURITY: TSecurityOptions = {
  dev: false,
  https: false,
  formActionOrigins: ["http://localhost:3001"],
  connectOrigins: [],
};

let db: TDb;
let drop: () => Promise<void>;
let session: TSession & { sessionToken: string };
let objects: Awaited<ReturnType<typeof startLocalObjectStore>>;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let httpsServer: Awaited<ReturnType<typeof startHttpServer>>;
let closeAws: () => Promise<void>;
/** The request headers the stand-in for Next.js saw last. */
let nextSaw: IncomingHttpHeaders = {};

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  session = await createSession(db, "editor");
  objects = await startLocalObjectStore();
  const aws = createAwsHandler({
    db,
    serverKey: TEST_SERVER_KEY,
    rateLimits: parseRateLimits("1000/1"),
    prefix: AWS_API_PREFIX,
    consoleUrl: CONSOLE_ORIGIN,
    objects: objects.store,
  });
  await aws.ready;
  closeAws = () => aws.close();
  const trpc = createTrpcHttpHandler({
    createContext: () => ({ db, objects: objects.store, session }),
    allowedOrigins: [CONSOLE_ORIGIN],
  });
  const next: TNodeHandler = (incoming, outgoing) => {
    nextSaw = { ...incoming.headers };
    outgoing.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><p>page</p>");
  };
  const listener = (security: TSecurityOptions) =>
    createAppListener({
      aws: { matches: isAwsApiPath, serve: (incoming, outgoing) => serveAwsApi(aws, incoming, outgoing) },
      trpc: { matches: isTrpcPath, serve: (incoming, outgoing) => serveTrpcApi(trpc, incoming, outgoing) },
      media: { matches: isMediaPath, serve: createMediaHandler(db) },
      objects: { matches: isObjectsPath, serve: createObjectsHandler(objects.store) },
      next,
      security,
    });
  server = await startHttpServer(listener(SECURITY));
  httpsServer = await startHttpServer(listener({ ...SECURITY, https: true }));
});
afterAll(async () => {
  await server?.close();
  await httpsServer?.close();
  await closeAws?.();
  await objects?.stop();
  await drop?.();
});

const send = (target: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  rawRequest(server.origin, { method: "GET", target, timeoutMs: 10_000, ...options });

/** What every answer carries, whichever part of Attache wrote it. */
function expectBaseHeaders(headers: IncomingHttpHeaders, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["permissions-policy"], what).toMatch(/camera=\(\).*microphone=\(\)/);
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

/** A JSON API's answer: the policy that allows nothing, and never stored by a cache. */
function expectApiHeaders(headers: IncomingHttpHeaders, what: string) {
  expectBaseHeaders(headers, what);
  expect(headers["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(headers["cache-control"], what).toBe("no-store");
}

const sameOrigin = { "content-type": "application/json", origin: CONSOLE_ORIGIN, "sec-fetch-site": "same-origin" };

describe("tRPC", () => {
  it("answers queries, changes and refusals with the API headers", async () => {
    const cookie = { cookie: "a=%zz; next-auth.session-token=%E0%A4%A" };
    const query = await send("/api/trpc/me.get", { headers: cookie });
    expect(query.status).toBe(200);
    expectApiHeaders(query.headers, "query");

    const created = await send("/api/trpc/instance.create", {
      method: "POST",
      headers: sameOrigin,
      body: JSON.stringify({ json: { alias: `sec-${randomUUID().slice(0, 8)}` } }),
    });
    expect(created.status).toBe(200);
    expectApiHeaders(created.headers, "mutation");

    for (const target of [
      "/api/trpc/nope.nothing",
      "/api/trpc/policy.forInstance?input=%zz",
      "/api/trpc/policy.forInstance?batch=1&input=%E0%A4%A",
      // superjson meta that its decoder chokes on ("… is not iterable", "Maximum call stack size exceeded").
      `/api/trpc/policy.forInstance?input=${encodeURIComponent('{"json":{"a":1},"meta":{"values":{"a":["map"]}}}')}`,
      `/api/trpc/policy.forInstance?input=${encodeURIComponent('{"json":{"a":1},"meta":{"values":{"a":"zz"}}}')}`,
    ]) {
      const refused = await send(target);
      expect(refused.status, target).toBe(target.includes("nope") ? 404 : 400);
      expectApiHeaders(refused.headers, target);
      const [error] = [JSON.parse(refused.text)].flat().map((entry) => entry.error.json);
      expect(error.data.stack, target).toBeNull();
      if (!target.includes("nope")) {
        expect(error.message, target).toBe(
          "The request's input could not be read. Send it as JSON, as the console's tRPC client does.",
        );
      }
    }
    // The schemas' own sentences still come through.
    const invalid = await send(
      `/api/trpc/policy.forInstance?input=${encodeURIComponent('{"json":{"instanceId":"%"}}')}`,
    );
    expect(JSON.parse(invalid.text).error.json.message).toBe("That is not an instance id.");
  });

  it("refuses a cross-origin change with 403 and the headers, and writes nothing", async () => {
    const before = await countWrites(db);
    const crossOrigin: Array<Record<string, string>> = [
      { "content-type": "application/json", origin: "http://evil.example" },
      { "content-type": "application/json", "sec-fetch-site": "cross-site" },
    ];
    for (const headers of crossOrigin) {
      const refused = await send("/api/trpc/instance.create", {
        method: "POST",
        headers,
        body: JSON.stringify({ json: { alias: `evil-${randomUUID().slice(0, 8)}` } }),
      });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text).error.json.data.code).toBe("FORBIDDEN");
      expectApiHeaders(refused.headers, "refusal");
    }
    expect(await countWrites(db)).toEqual(before);
  });
});

describe("the AWS API", () => {
  it("answers the SDK, and an unsigned or malformed request, with the API headers", async () => {
    const client = connectClient(
      `${server.origin}${AWS_API_PREFIX}`,
      await createTestApiKey(db, { allInstances: true }),
    );
    let seen: Record<string, string> = {};
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        seen = (result.response as { headers: Record<string, string> }).headers;
        return result;
      },
      { step: "deserialize" },
    );
    await client.send(new ListInstancesCommand({}));
    client.destroy();
    expectApiHeaders(seen, "SDK call");

    for (const target of ["/api/aws/instance", "/api/aws/instance?maxResults=%zz", "/api/aws/%E0%A4%A", "/api/aws/%"]) {
      const response = await send(target);
      expect(response.status, target).toBeGreaterThanOrEqual(400);
      expect(response.status, target).toBeLessThan(500);
      expectApiHeaders(response.headers, target);
      expect(response.text, target).not.toMatch(/\bat .+\(|node_modules|stack/i);
    }
  });
});

describe("media and objects", () => {
  it("keep their own sandboxing policy and get the rest", async () => {
    const data = Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>");
    const contentHash = createHash("sha256").update(data).update(randomUUID()).digest("hex");
    await db.mediaBlob.create({
      data: { contentHash, format: "svg", mime: "image/svg+xml", size: data.length, width: 1, height: 1, data },
    });
    for (const target of [`/media/${contentHash}.svg`, `/media/${"0".repeat(64)}.png`]) {
      const response = await send(target);
      expectBaseHeaders(response.headers, target);
      expect(response.headers["content-security-policy"], target).toBe(
        "sandbox; default-src 'none'; style-src 'unsafe-inline'",
      );
    }
    expect((await send(`/media/${contentHash}.svg`)).headers["cache-control"]).toBe(
      "public, max-age=31536000, immutable",
    );

    const key = `uploads/${randomUUID()}`;
    const put = await objects.store.presignPut(key, {
      contentLength: 5,
      contentType: "text/plain",
      expiresInSeconds: 60,
    });
    const uploadPath = new URL(put.url);
    const uploaded = await send(`${uploadPath.pathname}${uploadPath.search}`, {
      method: "PUT",
      headers: put.headers,
      body: "hello",
    });
    expect(uploaded.status).toBe(200);
    expectBaseHeaders(uploaded.headers, "upload");
    expect(uploaded.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

    const get = new URL(
      (await objects.store.presignGet(key, { expiresInSeconds: 60, fileName: "a.txt", contentType: "text/plain" })).url,
    );
    const downloaded = await send(`${get.pathname}${get.search}`);
    expect(downloaded.text).toBe("hello");
    expectBaseHeaders(downloaded.headers, "download");
    expect(downloaded.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");

    const refused = await send(`${uploadPath.pathname}?X-Attache-Signature=%zz`);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expectApiHeaders(refused.headers, "refused download");
  });
});

describe("pages", () => {
  it("get the console's policy with a fresh nonce per response, the same one Next.js is handed", async () => {
    const first = await send("/instances", { headers: { "content-security-policy": "script-src 'nonce-chosen'" } });
    const firstSaw = nextSaw["content-security-policy"];
    const second = await send("/instances");
    const policy = String(first.headers["content-security-policy"]);
    expectBaseHeaders(first.headers, "page");
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self' http://localhost:3001");
    // The nonce a client proposes is replaced; Next.js reads the one the response carries.
    expect(firstSaw).toBe(policy);
    expect(nonceOfPolicy(policy)).not.toBe("chosen");
    expect(nonceOfPolicy(String(second.headers["content-security-policy"]))).not.toBe(nonceOfPolicy(policy));
  });

  it("get the same headers on next-auth's routes and on the listener's own refusals", async () => {
    for (const [method, target] of [
      ["GET", "/api/auth/providers"],
      ["GET", "/api/auth/%E0%A4%A"],
      ["GET", "/%zz"],
      ["PROPFIND", "/"],
    ] as const) {
      const response = await send(target, { method });
      expectBaseHeaders(response.headers, target);
      expect(nonceOfPolicy(String(response.headers["content-security-policy"])), target).toBeDefined();
    }
  });

  it("over HTTPS also carry HSTS, as every other answer does", async () => {
    for (const target of ["/", "/api/trpc/me.get", "/api/aws/instance"]) {
      const response = await rawRequest(httpsServer.origin, { method: "GET", target });
      expect(response.headers["strict-transport-security"], target).toBe("max-age=31536000");
    }
  });
});
