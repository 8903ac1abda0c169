import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ConnectClient } from "@aws-sdk/client-connect";
import { parseRateLimits } from "@/env";
import { createApiKey } from "@/server/api-keys/api-keys";
import { createAwsHandler, type TAwsHandlerOptions } from "@/server/aws/handler";
import { serveWithFetchHandler } from "@/server/aws/node-adapter";
import type { TDb } from "@/server/db";
import { findActor } from "@/server/team/team";
import { createSession } from "./db";

export const TEST_SERVER_KEY = Buffer.alloc(32, 42).toString("base64url");

/**
 * The AWS API handler behind a Node HTTP server on loopback, through the same adapter
 * scripts/serve.ts uses, so the real SDK clients talk to it exactly as in production.
 */
export async function startAwsServer(
  options: Partial<TAwsHandlerOptions> & { db: TDb; rateLimits?: TAwsHandlerOptions["rateLimits"] },
) {
  const handler = createAwsHandler({
    serverKey: TEST_SERVER_KEY,
    rateLimits: parseRateLimits("1000/1"),
    prefix: "/api/aws",
    consoleUrl: "http://localhost:3000",
    ...options,
  });
  const server = createServer((incoming, outgoing) => serveWithFetchHandler(handler, incoming, outgoing));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    endpoint: `http://127.0.0.1:${port}/api/aws`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TCredentials = { accessKeyId: string; secretAccessKey: string };

/** The official SDK client, one attempt per call so tests see each response as sent. */
export function connectClient(endpoint: string, credentials: TCredentials, extra: { systemClockOffset?: number } = {}) {
  return new ConnectClient({ region: "us-east-1", endpoint, credentials, maxAttempts: 1, ...extra });
}

/** An API key created the way an admin creates one in the console. */
export async function createTestApiKey(
  db: TDb,
  scope: { allInstances: true } | { instanceIds: string[] },
): Promise<TCredentials & { id: string }> {
  const session = await createSession(db, "admin");
  const actor = await findActor({ db, userId: session.user.id });
  if (!actor) throw new Error("admin actor missing");
  const created = await createApiKey({
    db,
    actor,
    serverKey: TEST_SERVER_KEY,
    input: {
      name: `test key ${Math.random().toString(36).slice(2, 8)}`,
      allInstances: "allInstances" in scope,
      instanceIds: "instanceIds" in scope ? scope.instanceIds : [],
    },
  });
  return { id: created.key.id, accessKeyId: created.key.accessKeyId, secretAccessKey: created.secretAccessKey };
}
