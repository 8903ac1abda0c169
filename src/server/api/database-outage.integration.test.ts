import { randomUUID } from "node:crypto";
import { QueryObserver } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrpcHttpHandler, serveTrpcApi } from "@/server/api/http";
import type { AppRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { sessionFromCookies, type TSession } from "@/server/auth";
import { createDb, type TDb } from "@/server/db";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/outage";
import { DatabaseUnavailableError } from "@/server/errors";
import { createSession, createTestDatabase } from "@/test/db";
import { rawRequest, startHttpServer } from "@/test/http";
import { closedLoopbackPort, startDatabaseRelay } from "@/test/outage";
import { NO_OBJECT_STORE } from "@/test/trpc";
import { errorMessage } from "@/trpc/errors";
import { isDatabaseUnavailableError } from "@/trpc/outage";
import { makeQueryClient } from "@/trpc/query-client";

/**
 * PostgreSQL stopping under a signed-in person (a relay in front of the test database drops every
 * connection and refuses new ones): the session lookup rejects with the outage error instead of "no
 * session", the tRPC endpoint answers 503 with the console's sentence and detail DATABASE_UNAVAILABLE
 * (never 401), and both recover by themselves when PostgreSQL is back.
 */

let db: TDb;
let drop: () => Promise<void>;
let relay: Awaited<ReturnType<typeof startDatabaseRelay>>;
/** The app's client, through the relay. */
let appDb: TDb;
let session: TSession & { sessionToken: string };
let server: Awaited<ReturnType<typeof startHttpServer>>;

const CONSOLE_ORIGIN = "http://localhost:3000";
const cookie = (token: string) => `next-auth.session-token=${token}`;

beforeAll(async () => {
  let url: string;
  ({ db, url, drop } = await createTestDatabase());
  const target = new URL(url);
  relay = await startDatabaseRelay({ host: target.hostname, port: Number(target.port) });
  target.port = String(relay.port);
  appDb = createDb(target.href);
  session = await createSession(db, "editor");
  // The console's endpoint as scripts/serve.ts mounts it: its context reads the session cookie.
  const handler = createTrpcHttpHandler({
    createContext: (request) => createTRPCContext(request, { db: appDb }),
    allowedOrigins: [CONSOLE_ORIGIN],
  });
  server = await startHttpServer((incoming, outgoing) => void serveTrpcApi(handler, incoming, outgoing));
});
afterAll(async () => {
  await server?.close();
  await appDb?.$disconnect();
  await relay?.stop();
  await drop?.();
});

/** PostgreSQL is unreachable while `work` runs, and back afterwards. */
async function duringOutage(work: () => Promise<void>) {
  await relay.stop();
  try {
    await work();
  } finally {
    await relay.start();
  }
}

const signedIn = (token = session.sessionToken) => ({ cookie: cookie(token) });
const query = (target: string, headers: Record<string, string> = signedIn()) =>
  rawRequest(server.origin, { method: "GET", target, headers });
const createInstance = (headers: Record<string, string> = signedIn()) =>
  rawRequest(server.origin, {
    method: "POST",
    target: "/api/trpc/instance.create",
    headers: {
      ...headers,
      "content-type": "application/json",
      origin: CONSOLE_ORIGIN,
      "sec-fetch-site": "same-origin",
    },
    body: JSON.stringify({ json: { alias: `outage-${randomUUID().slice(0, 8)}` } }),
  });

type TErrorBody = { message: string; data: { code: string; httpStatus: number; detail: string | null } };
function errorsOf(text: string): TErrorBody[] {
  const parsed = JSON.parse(text);
  return (Array.isArray(parsed) ? parsed : [parsed]).map((entry: { error: { json: TErrorBody } }) => entry.error.json);
}

function expectOutage(response: { status: number; text: string }, calls = 1) {
  expect(response.status, response.text).toBe(503);
  const errors = errorsOf(response.text);
  expect(errors).toHaveLength(calls);
  for (const error of errors) {
    expect(error).toMatchObject({
      message: DATABASE_UNAVAILABLE_MESSAGE,
      data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, detail: "DATABASE_UNAVAILABLE" },
    });
  }
}

describe("sessionFromCookies in an outage", () => {
  it("rejects with DatabaseUnavailableError, never null, and finds the session again once PostgreSQL is back", async () => {
    expect((await sessionFromCookies(appDb, cookie(session.sessionToken)))?.session.user.id).toBe(session.user.id);
    await duringOutage(async () => {
      const outage = await sessionFromCookies(appDb, cookie(session.sessionToken)).catch((error: unknown) => error);
      expect(outage).toBeInstanceOf(DatabaseUnavailableError);
      expect(outage).toMatchObject({ message: DATABASE_UNAVAILABLE_MESSAGE, detail: "DATABASE_UNAVAILABLE" });
      // No cookie (or one that cannot be a session) is still no session: the database is not asked.
      expect(await sessionFromCookies(appDb, null)).toBeNull();
      expect(await sessionFromCookies(appDb, cookie("x".repeat(300)))).toBeNull();
    });
    expect((await sessionFromCookies(appDb, cookie(session.sessionToken)))?.actor?.role).toBe("editor");
  });

  it("rejects with DatabaseUnavailableError on a database that refuses connections", async () => {
    const down = createDb(`postgresql://u:p@127.0.0.1:${await closedLoopbackPort()}/x`);
    try {
      await expect(sessionFromCookies(down, cookie(session.sessionToken))).rejects.toBeInstanceOf(
        DatabaseUnavailableError,
      );
    } finally {
      await down.$disconnect();
    }
  });
});

describe("the tRPC endpoint in an outage", () => {
  it("answers a signed-in query and mutation with 503 and the console's sentence, never 401; then recovers", async () => {
    expect((await query("/api/trpc/instance.list")).status).toBe(200);
    await duringOutage(async () => {
      expectOutage(await query("/api/trpc/instance.list"));
      expectOutage(await query("/api/trpc/me.get"));
      expectOutage(await createInstance());
      // A batch: every call answers the outage.
      expectOutage(await query("/api/trpc/instance.list,me.get?batch=1&input=%7B%7D"), 2);
    });
    expect((await query("/api/trpc/instance.list")).status).toBe(200);
    expect((await createInstance()).status).toBe(200);
  });

  it("answers 503 when a procedure (not the session lookup) hits the outage", async () => {
    const down = createDb(`postgresql://u:p@127.0.0.1:${await closedLoopbackPort()}/x`);
    const handler = createTrpcHttpHandler({
      // A context made without the database (the session given): the procedures' own queries fail.
      createContext: () => ({ db: down, objects: NO_OBJECT_STORE, session }),
      allowedOrigins: [CONSOLE_ORIGIN],
    });
    const direct = await startHttpServer((incoming, outgoing) => void serveTrpcApi(handler, incoming, outgoing));
    try {
      expectOutage(await rawRequest(direct.origin, { method: "GET", target: "/api/trpc/instance.list" }));
      expectOutage(
        await rawRequest(direct.origin, {
          method: "POST",
          target: "/api/trpc/instance.create",
          headers: { "content-type": "application/json", origin: CONSOLE_ORIGIN },
          body: JSON.stringify({ json: { alias: "outage-direct" } }),
        }),
      );
    } finally {
      await direct.close();
      await down.$disconnect();
    }
  });

  it("still answers a request without a session cookie as signed out (nothing to keep)", async () => {
    await duringOutage(async () => {
      const response = await query("/api/trpc/instance.list", {});
      expect(response.status).toBe(401);
      expect(errorsOf(response.text)[0]?.data.code).toBe("UNAUTHORIZED");
    });
  });
});

describe("the console's tRPC client in an outage", () => {
  const client = (signedIn = true) =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${server.origin}/api/trpc`,
          transformer: superjson,
          headers: () => (signedIn ? { cookie: cookie(session.sessionToken) } : {}),
        }),
      ],
    });

  it("reads the 503 as the outage and shows the server's sentence", async () => {
    await duringOutage(async () => {
      const error = await client()
        .instance.list.query()
        .catch((caught: unknown) => caught);
      expect(isDatabaseUnavailableError(error)).toBe(true);
      expect(errorMessage(error)).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    });
    // Other refusals are not the outage: signed out, during the outage too.
    await duringOutage(async () => {
      const signedOut = await client(false)
        .instance.list.query()
        .catch((caught: unknown) => caught);
      expect(isDatabaseUnavailableError(signedOut)).toBe(false);
      expect(errorMessage(signedOut)).toBe("Sign in to continue.");
    });
  });

  it("retries a query by itself while the database is unreachable, and shows its data once it is back", async () => {
    const queryClient = makeQueryClient();
    const trpc = client();
    await relay.stop();
    const observer = new QueryObserver(queryClient, {
      queryKey: ["instance.list"],
      queryFn: () => trpc.instance.list.query(),
    });
    const settled = new Promise<{ failureCount: number; data: unknown }>((resolve, reject) => {
      const unsubscribe = observer.subscribe((result) => {
        if (result.status === "success") {
          unsubscribe();
          resolve({ failureCount: result.failureCount, data: result.data });
        } else if (result.status === "error") {
          unsubscribe();
          reject(result.error);
        }
      });
    });
    // The first call fails (503); the retry 2 s later finds PostgreSQL back.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(isDatabaseUnavailableError(observer.getCurrentResult().failureReason)).toBe(true);
    expect(observer.getCurrentResult().status).toBe("pending");
    await relay.start();
    const result = await settled;
    expect(Array.isArray(result.data)).toBe(true);
    queryClient.clear();
  });
});
