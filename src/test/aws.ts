import { ConnectClient, ConnectServiceException } from "@aws-sdk/client-connect";
import { ConnectParticipantClient, ConnectParticipantServiceException } from "@aws-sdk/client-connectparticipant";
import { parseRateLimits } from "@/env";
import { createApiKey } from "@/server/api-keys/api-keys";
import { AWS_API_PREFIX, createAwsHandler, isAwsApiPath, type TAwsHandlerOptions } from "@/server/aws/api";
import type { TAwsApi } from "@/server/aws/protocol/handler";
import { serveAwsApi } from "@/server/aws/protocol/node-adapter";
import type { TDb } from "@/server/db";
import { createAppListener, type TNodeHandler } from "@/server/http/app-listener";
import { createMediaHandler, isMediaPath } from "@/server/http/media-route";
import type { TObjectStore } from "@/server/storage/object-store";
import { findActor } from "@/server/team/team";
import { createSession } from "./db";
import { startHttpServer } from "./http";
import { startLocalObjectStore } from "./storage";

export const TEST_SERVER_KEY = Buffer.alloc(32, 42).toString("base64url");

/**
 * The AWS API handler behind Attache's own listener on loopback, with the same adapter
 * scripts/serve.ts uses, so the real SDK clients talk to it exactly as in production. `next` stands
 * in for Next.js (by default it answers 404). `allowedHosts` may be made from the port the server
 * got (e.g. `(port) => ["localhost:" + port]`).
 */
export async function startAwsServer({
  next = (_incoming, outgoing) => outgoing.writeHead(404, { "content-type": "text/plain" }).end("Not served here."),
  allowedHosts,
  ...options
}: Partial<Omit<TAwsHandlerOptions, "allowedHosts">> & {
  db: TDb;
  next?: TNodeHandler;
  allowedHosts?: readonly string[] | ((port: number) => readonly string[]);
}) {
  // Without a store of its own, the API gets a local one (its URLs served by their own loopback server).
  const ownStore = options.objects ? null : await startLocalObjectStore();
  // The handler is made once the port is known; nothing calls the server before this function returns.
  let api: TAwsApi | undefined;
  const server = await startHttpServer(
    createAppListener({
      aws: { matches: isAwsApiPath, serve: (incoming, outgoing) => serveAwsApi(api as TAwsApi, incoming, outgoing) },
      media: { matches: isMediaPath, serve: createMediaHandler(options.db) },
      next,
    }),
  );
  const port = Number(new URL(server.origin).port);
  api = createAwsHandler({
    serverKey: TEST_SERVER_KEY,
    rateLimits: parseRateLimits("1000/1"),
    prefix: AWS_API_PREFIX,
    consoleUrl: "http://localhost:3000",
    objects: (ownStore?.store ?? options.objects) as TObjectStore,
    ...options,
    allowedHosts: typeof allowedHosts === "function" ? allowedHosts(port) : allowedHosts,
  });
  await api.ready;
  return {
    ...server,
    endpoint: `${server.origin}${AWS_API_PREFIX}`,
    port,
    close: async () => {
      await server.close();
      await api?.close();
      await ownStore?.stop();
    },
  };
}

/** What the SDK threw, as the fields a caller looks at. */
export async function awsFailure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ConnectServiceException || error instanceof ConnectParticipantServiceException)) throw error;
    const reason = (error as { Reason?: Record<string, string> }).Reason;
    return {
      name: error.name,
      message: error.message,
      status: error.$metadata.httpStatusCode,
      fault: error.$fault,
      ...(reason ? { reason } : {}),
    };
  }
  throw new Error("expected the call to fail");
}

export type TCredentials = { accessKeyId: string; secretAccessKey: string };

/** The official SDK client, one attempt per call so tests see each response as sent. */
export function connectClient(endpoint: string, credentials: TCredentials, extra: { systemClockOffset?: number } = {}) {
  return new ConnectClient({ region: "us-east-1", endpoint, credentials, maxAttempts: 1, ...extra });
}

/**
 * The official Participant client. It signs with SigV4 whatever the credentials (spec §2.3); the
 * bearer token is what counts, so these credentials are deliberately not an API key.
 */
export function participantClient(endpoint: string) {
  return new ConnectParticipantClient({
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "AKIDPARTICIPANT", secretAccessKey: "not-an-api-key" },
    maxAttempts: 1,
  });
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
