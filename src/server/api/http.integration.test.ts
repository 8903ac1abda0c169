import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPC_MAX_BATCH_SIZE, TRPC_MAX_BODY_BYTES } from "@/lib/limits";
import { createTrpcHttpHandler, serveTrpcApi } from "@/server/api/http";
import type { TSession } from "@/server/auth";
import type { TDb } from "@/server/db";
import { countWrites, createSession, createTestDatabase } from "@/test/db";
import { chunkedBody, rawRequest, startHttpServer } from "@/test/http";
import { callerFor, NO_OBJECT_STORE } from "@/test/trpc";

/**
 * The console's tRPC endpoint over real HTTP on loopback, with a context on the test database and
 * an editor's session: the bounds on body size and batch size, and that it keeps answering.
 */

let db: TDb;
let drop: () => Promise<void>;
let session: TSession;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let instanceId: string;

/** The console's origin (NEXTAUTH_URL's); its mutations name it, as a browser does. */
const CONSOLE_ORIGIN = "http://localhost:3000";
const SAME_ORIGIN = { "content-type": "application/json", origin: CONSOLE_ORIGIN, "sec-fetch-site": "same-origin" };

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  session = await createSession(db, "editor");
  instanceId = (await callerFor(db, session).instance.create({ alias: `http-${randomUUID().slice(0, 8)}` })).id;
  const handler = createTrpcHttpHandler({
    createContext: () => ({ db, objects: NO_OBJECT_STORE, session }),
    allowedOrigins: [CONSOLE_ORIGIN],
  });
  server = await startHttpServer((incoming, outgoing) => void serveTrpcApi(handler, incoming, outgoing));
});
afterAll(async () => {
  await server?.close();
  await drop?.();
});

const writeCounts = () => countWrites(db);

/** policy.update's body as the tRPC client sends it (superjson), with `padding` spaces after it. */
const updateBody = (size: number) =>
  JSON.stringify({ json: { instanceId, scope: "CHAT", maximumSizeLimitInBytes: size } });

const post = (target: string, body: string | Buffer, headers: Record<string, string> = SAME_ORIGIN) =>
  rawRequest(server.origin, { method: "POST", target, headers, body });

/** The error as tRPC's client reads it: { error: { json: { message, data: { code, httpStatus } } } }. */
function trpcError(text: string) {
  const parsed = JSON.parse(text);
  const errors = (Array.isArray(parsed) ? parsed : [parsed]).map(
    (entry: { error: { json: { message: string; data: { code: string; httpStatus: number } } } }) => entry.error.json,
  );
  return errors;
}

async function stillAnswers() {
  const response = await rawRequest(server.origin, { method: "GET", target: "/api/trpc/me.get" });
  expect(response.status).toBe(200);
  expect(JSON.parse(response.text).result.data.json.email).toBe(session.user.email);
}

describe("the tRPC endpoint over HTTP", () => {
  it("applies a normal change, also with a body just under 1 MiB", async () => {
    const body = updateBody(4096);
    const padded = body + " ".repeat(TRPC_MAX_BODY_BYTES - Buffer.byteLength(body));
    const response = await post("/api/trpc/policy.update", padded);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).result.data.json).toMatchObject({ scope: "CHAT", maximumSizeLimitInBytes: 4096 });
  });

  it("refuses a change from another origin or site, or naming none, with 403 FORBIDDEN, unread, and writes nothing", async () => {
    const before = await writeCounts();
    const json = { "content-type": "application/json" };
    const refusals: Array<[Record<string, string>, string]> = [
      [{ ...json, origin: "http://evil.example" }, "this request came from another origin."],
      [
        { ...json, origin: "http://evil.example", "sec-fetch-site": "cross-site" },
        "this request came from another site.",
      ],
      [{ ...json, origin: CONSOLE_ORIGIN, "sec-fetch-site": "same-site" }, "this request came from another site."],
      [{ ...json, "sec-fetch-site": "cross-site" }, "this request came from another site."],
      [{ ...json, origin: "null" }, "this request came from another origin."],
      [json, "this request did not say where it came from (no Origin or Sec-Fetch-Site header)."],
    ];
    for (const [headers, reason] of refusals) {
      const response = await post("/api/trpc/policy.update", updateBody(5555), headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(trpcError(response.text)[0]).toMatchObject({
        message: `Changes can only be made from Attache's console; ${reason}`,
        data: { code: "FORBIDDEN", httpStatus: 403 },
      });
    }
    // Each call of a batch is refused, in the shape the client reads.
    const batch = await post(
      "/api/trpc/policy.update,policy.update?batch=1",
      `{"0":${updateBody(6666)},"1":${updateBody(7777)}}`,
      { ...json, origin: "http://evil.example" },
    );
    expect(batch.status).toBe(403);
    expect(trpcError(batch.text).map((error) => error.data.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(await writeCounts()).toEqual(before);

    // The same change from the console itself is applied; so is one that only says same-origin.
    const same = await post("/api/trpc/policy.update", updateBody(8888));
    expect(same.status).toBe(200);
    expect(JSON.parse(same.text).result.data.json.maximumSizeLimitInBytes).toBe(8888);
    const fetchMetadataOnly = await post("/api/trpc/policy.update", updateBody(9999), {
      ...json,
      "sec-fetch-site": "same-origin",
    });
    expect(fetchMetadataOnly.status).toBe(200);
    // Queries are not changes: a GET is answered whatever it names.
    const query = await rawRequest(server.origin, {
      method: "GET",
      target: "/api/trpc/me.get",
      headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(query.status).toBe(200);
  });

  it("refuses a 30 MiB body with 413 and a clear message, writes nothing, and keeps answering", async () => {
    const before = await writeCounts();
    // Valid JSON followed by white space: without the bound, this change would be applied.
    const body = Buffer.concat([Buffer.from(updateBody(1111)), Buffer.alloc(30 * 1024 * 1024, " ")]);
    const response = await post("/api/trpc/policy.update", body);
    expect(response.status).toBe(413);
    expect(response.headers["content-type"]).toContain("application/json");
    const [error] = trpcError(response.text);
    expect(error?.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
    expect(error?.message).toBe("The request is larger than 1 MiB, the most Attache accepts. Send less at once.");
    expect(await writeCounts()).toEqual(before);
    await stillAnswers();
  });

  it("refuses a 30 MiB body sent in chunks without a length, in a batch too, and writes nothing", async () => {
    const before = await writeCounts();
    const single = await rawRequest(server.origin, {
      method: "POST",
      target: "/api/trpc/policy.update",
      headers: SAME_ORIGIN,
      body: chunkedBody(updateBody(2222), 30 * 1024 * 1024),
    });
    expect(single.status).toBe(413);
    expect(trpcError(single.text)[0]?.data.code).toBe("PAYLOAD_TOO_LARGE");

    const batch = await rawRequest(server.origin, {
      method: "POST",
      target: "/api/trpc/policy.update,policy.update?batch=1",
      headers: SAME_ORIGIN,
      body: chunkedBody(`{"0":${updateBody(3333)},"1":${updateBody(4444)}}`, 30 * 1024 * 1024),
    });
    expect(batch.status).toBe(413);
    expect(trpcError(batch.text).map((error) => error.data.code)).toEqual(["PAYLOAD_TOO_LARGE", "PAYLOAD_TOO_LARGE"]);
    expect(await writeCounts()).toEqual(before);
    await stillAnswers();
  });

  it("answers hostile input with 400 and the schema's own sentence, writes nothing, and keeps answering", async () => {
    const before = await writeCounts();
    const input = (json: Record<string, unknown>) => JSON.stringify({ json });
    const cases: Array<[string, string, string]> = [
      [
        "policy.update",
        input({ instanceId, scope: "CHAT", maximumSizeLimitInBytes: 10, reason: "nul\u0000byte" }),
        "A reason cannot contain control characters such as NUL or line breaks.",
      ],
      [
        "policy.copy",
        input({ instanceId, from: "CHAT", to: Array.from({ length: 2000 }, () => "EMAIL"), expectedVersions: {} }),
        "Copy to at most 3 scopes.",
      ],
      [
        "policy.import",
        input({
          instanceId,
          file: {
            format: "attache.attachment-policies/v1",
            instance: { id: "x", alias: "a".repeat(200_000) },
            policies: { FAX: { maximumSizeLimitInBytes: 1, allowedExtensions: [], isDefault: false } },
          },
          expectedVersions: {},
        }),
        "The instance alias has at most 100 characters. “FAX” is not a scope: use EMAIL, CHAT, CASE or TASK.",
      ],
    ];
    for (const [path, body, message] of cases) {
      const response = await post(`/api/trpc/${path}`, body);
      expect(response.status, path).toBe(400);
      expect(trpcError(response.text)[0]).toMatchObject({ message, data: { code: "BAD_REQUEST", httpStatus: 400 } });
    }
    expect(await writeCounts()).toEqual(before);
    await stillAnswers();
  });

  it(`refuses a batch of ${TRPC_MAX_BATCH_SIZE + 1} calls with 400 and runs none of them`, async () => {
    const before = await writeCounts();
    const calls = TRPC_MAX_BATCH_SIZE + 1;
    const paths = Array.from({ length: calls }, () => "policy.update").join(",");
    const inputs = Object.fromEntries(
      Array.from({ length: calls }, (_, index) => [index, JSON.parse(updateBody(100 + index))]),
    );
    const response = await post(`/api/trpc/${paths}?batch=1`, JSON.stringify(inputs));
    expect(response.status).toBe(400);
    expect(trpcError(response.text)[0]).toMatchObject({
      message: "Batch call exceeds maximum size",
      data: { code: "BAD_REQUEST", httpStatus: 400 },
    });
    expect(await writeCounts()).toEqual(before);
  });

  it("refuses a GET batching 2,000 calls with 400, and still answers a batch of the allowed size", async () => {
    const paths = Array.from({ length: 2000 }, () => "me.get").join(",");
    const huge = await rawRequest(server.origin, { method: "GET", target: `/api/trpc/${paths}?batch=1&input={}` });
    expect(huge.status).toBe(400);
    expect(trpcError(huge.text)[0]?.data.code).toBe("BAD_REQUEST");

    const allowed = Array.from({ length: TRPC_MAX_BATCH_SIZE }, () => "me.get").join(",");
    const response = await rawRequest(server.origin, {
      method: "GET",
      target: `/api/trpc/${allowed}?batch=1&input={}`,
    });
    expect(response.status).toBe(200);
    const results = JSON.parse(response.text) as Array<{ result: { data: { json: { email: string } } } }>;
    expect(results).toHaveLength(TRPC_MAX_BATCH_SIZE);
    expect(results.every((result) => result.result.data.json.email === session.user.email)).toBe(true);
  });
});
