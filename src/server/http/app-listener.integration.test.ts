import { ListInstancesCommand } from "@aws-sdk/client-connect";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { TDb } from "@/server/db";
import type { TNodeHandler } from "@/server/http/app-listener";
import { connectClient, createTestApiKey, startAwsServer } from "@/test/aws";
import { countWrites, createTestDatabase } from "@/test/db";
import { rawRequest } from "@/test/http";

/**
 * Attache's HTTP listener over real loopback HTTP, with the real AWS API in front and a stand-in for
 * Next.js behind: every method and every request target gets an answer, and nothing a handler
 * does escapes the listener.
 */

let db: TDb;
let drop: () => Promise<void>;
let server: Awaited<ReturnType<typeof startAwsServer>>;
let client: ReturnType<typeof connectClient>;
/** What the stand-in for Next.js does with the next request it sees. */
let nextBehaviour: TNodeHandler;
let nextSaw: string[];

const answerAsNext: TNodeHandler = (incoming, outgoing) => {
  outgoing.writeHead(200, { "content-type": "text/plain" }).end(`next ${incoming.method} ${incoming.url}`);
};

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  server = await startAwsServer({
    db,
    next: (incoming, outgoing) => {
      nextSaw.push(`${incoming.method} ${incoming.url}`);
      return nextBehaviour(incoming, outgoing);
    },
  });
  client = connectClient(server.endpoint, await createTestApiKey(db, { allInstances: true }));
});
afterAll(async () => {
  client?.destroy();
  await server?.close();
  await drop?.();
});
beforeEach(() => {
  nextBehaviour = answerAsNext;
  nextSaw = [];
});

const send = (method: string, target: string) => rawRequest(server.origin, { method, target, timeoutMs: 5000 });

/** Everything a request could write, its rate-limit count included. */
const writeCounts = async () => ({ ...(await countWrites(db)), rateLimits: await db.rateLimit.count() });

async function sdkStillAnswers() {
  const { InstanceSummaryList } = await client.send(new ListInstancesCommand({}));
  expect(Array.isArray(InstanceSummaryList)).toBe(true);
}

describe("the AWS API", () => {
  it("answers TRACE, a WebDAV method and PATCH with 405, Allow and the modelled JSON error, then serves the SDK", async () => {
    const before = await writeCounts();
    for (const method of ["TRACE", "PROPFIND", "PATCH", "OPTIONS"]) {
      const response = await send(method, "/api/aws/instance");
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe("DELETE, GET, POST, PUT");
      expect(response.headers["content-type"]).toBe("application/json");
      expect(response.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
      expect(JSON.parse(response.text)).toEqual({
        __type: "UnknownOperationException",
        Message: `${method} is not supported here; use DELETE, GET, POST or PUT.`,
      });
    }
    expect(nextSaw).toEqual([]);
    expect(await writeCounts()).toEqual(before);
    await sdkStillAnswers();
  });
});

describe("the console and its APIs", () => {
  it("answer a method outside GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS with 405 before Next.js sees it", async () => {
    const trace = await send("TRACE", "/api/trpc/me.get");
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(JSON.parse(trace.text)).toEqual({
      message: "TRACE is not supported. Use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.",
    });
    const page = await send("PROPFIND", "/attachments");
    expect(page.status).toBe(405);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.text).toContain("PROPFIND is not supported.");
    expect(nextSaw).toEqual([]);
    expect((await send("OPTIONS", "/attachments")).status).toBe(200);
    expect(nextSaw).toEqual(["OPTIONS /attachments"]);
  });

  it("answer a path with broken percent-encoding with 400 (JSON under /api, a page elsewhere) before Next.js sees it", async () => {
    for (const target of ["/api/trpc/%ff", "/api/auth/%ff", "/api/auth/session%zz", "/api/trpc/me.get%"]) {
      const response = await send("GET", target);
      expect(response.status, target).toBe(400);
      expect(response.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(response.text).message).toBe(
        "The address contains a broken percent-encoding (such as %ff). Check the link and try again.",
      );
    }
    const page = await send("GET", "/attachments/%ff");
    expect(page.status).toBe(400);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.text).toContain("That address is not valid");
    expect((await send("HEAD", "/attachments/%ff")).status).toBe(400);
    expect(nextSaw).toEqual([]);

    // Well-formed encodings, and a query Next.js decodes leniently, still reach Next.js.
    expect((await send("GET", "/attachments/%41%20b")).text).toBe("next GET /attachments/%41%20b");
    expect((await send("GET", "/attachments?q=%ff")).status).toBe(200);
    expect(nextSaw).toEqual(["GET /attachments/%41%20b", "GET /attachments?q=%ff"]);
  });
});

describe("a handler that fails", () => {
  let logged: MockInstance<typeof console.error>;
  beforeEach(() => {
    logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => {
    // Operators see what failed, with the request it failed on.
    expect(logged).toHaveBeenCalledWith(
      expect.stringMatching(/^\[attache\] Could not answer GET \//),
      expect.any(Error),
    );
    logged.mockRestore();
  });

  it("is answered with 500 whether it throws or rejects, and the server keeps answering", async () => {
    const behaviours: TNodeHandler[] = [
      () => {
        throw new Error("thrown synchronously");
      },
      async () => {
        throw new Error("rejected");
      },
    ];
    for (const behaviour of behaviours) {
      nextBehaviour = behaviour;
      const api = await send("GET", "/api/trpc/me.get");
      expect(api.status).toBe(500);
      expect(JSON.parse(api.text)).toEqual({ message: "Something went wrong on our side. Try again in a moment." });
      const page = await send("GET", "/attachments");
      expect(page.status).toBe(500);
      expect(page.text).toContain("Something went wrong");
    }
    nextBehaviour = answerAsNext;
    expect((await send("GET", "/attachments")).status).toBe(200);
    await sdkStillAnswers();
  });

  it("after it started answering ends the connection instead of leaving it hanging", async () => {
    nextBehaviour = async (_incoming, outgoing) => {
      outgoing.writeHead(200, { "content-type": "text/plain", "content-length": "100" });
      outgoing.write("partial");
      throw new Error("failed half-way");
    };
    await expect(send("GET", "/attachments")).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    nextBehaviour = answerAsNext;
    expect((await send("GET", "/attachments")).status).toBe(200);
    await sdkStillAnswers();
  });
});
