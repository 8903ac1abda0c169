import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { createAppListener, type TNodeHandler } from "@/server/http/app-listener";
import { createObjectsHandler, isObjectsPath } from "@/server/http/objects-route";
import type { TObjectStore } from "@/server/storage";
import { createLocalObjectStore, type TLocalObjectStore } from "@/server/storage/local-store";
import { createS3ObjectStore, type TS3ObjectStore } from "@/server/storage/s3-store";
import { startHttpServer } from "./http";

/**
 * Both object-store drivers on loopback, for tests that must hold "on both storage drivers":
 *
 *   describe.each(OBJECT_STORE_DRIVERS)("with the %s object store", (driver) => {
 *     let objects: TTestObjectStore;
 *     beforeAll(async () => { objects = await startTestObjectStore(driver); });
 *     afterAll(() => objects?.stop());
 *     …
 *   });
 *
 * local: a temporary directory, and its signed URLs served by the real objects route on a real
 * HTTP server. s3: s3rver (an offline S3) in a temporary directory, with the bucket created through
 * the S3 API. s3rver enforces a URL's expiry but not its signature or signed headers.
 */

export const OBJECT_STORE_DRIVERS = ["local", "s3"] as const;
export type TObjectStoreDriver = (typeof OBJECT_STORE_DRIVERS)[number];

export const TEST_BUCKET = "attache-test";
/** The server key the local stores sign their URLs with. */
export const TEST_OBJECTS_SERVER_KEY = Buffer.alloc(32, 7).toString("base64url");

type TS3rver = {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
};
type TS3rverClass = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  resetOnClose?: boolean;
  allowMismatchedSignatures?: boolean;
}) => TS3rver;

/** s3rver on 127.0.0.1 at a free port, storing into a fresh temporary directory (removed by `stop`). */
export async function startS3rver() {
  // s3rver ships no types; it is a CommonJS class.
  const S3rver = createRequire(import.meta.url)("s3rver") as TS3rverClass;
  const directory = await mkdtemp(path.join(os.tmpdir(), "attache-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** What s3rver accepts as credentials (it checks them loosely). */
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    directory,
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

type TClock = { now?: () => number };

/** An s3 store on its own s3rver, with `bucket` created through the S3 API. */
export async function startS3ObjectStore({ now, bucket = TEST_BUCKET }: TClock & { bucket?: string } = {}) {
  const s3rver = await startS3rver();
  const store = createS3ObjectStore({
    bucket,
    region: "us-east-1",
    endpoint: s3rver.endpoint,
    credentials: s3rver.credentials,
    forcePathStyle: true,
    ...(now ? { now } : {}),
  });
  await store.client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    store,
    endpoint: s3rver.endpoint,
    bucket,
    stop: async () => {
      await store.close();
      await s3rver.stop();
    },
  };
}

/**
 * A local store in a fresh temporary directory, its URLs served by the objects route behind Attache's
 * listener on a real HTTP server at `baseUrl` (127.0.0.1, free port).
 */
export async function startLocalObjectStore({ now }: TClock = {}) {
  const directory = await mkdtemp(path.join(os.tmpdir(), "attache-objects-"));
  // Attache's own listener, as scripts/serve.ts mounts it. The server comes first (the store's URLs
  // need its origin); the route answers once the store exists.
  let serve: TNodeHandler = (_incoming, outgoing) => outgoing.writeHead(503).end();
  const notHere: TNodeHandler = (_incoming, outgoing) =>
    outgoing.writeHead(404, { "content-type": "text/plain" }).end("Not served here.");
  const server = await startHttpServer(
    createAppListener({
      aws: { matches: () => false, serve: notHere },
      objects: { matches: isObjectsPath, serve: (incoming, outgoing) => serve(incoming, outgoing) },
      next: notHere,
    }),
  );
  const store = createLocalObjectStore({
    directory,
    baseUrl: server.origin,
    serverKey: TEST_OBJECTS_SERVER_KEY,
    ...(now ? { now } : {}),
  });
  serve = createObjectsHandler(store);
  return {
    store,
    baseUrl: server.origin,
    directory,
    stop: async () => {
      await server.close();
      await store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export type TTestObjectStore = { driver: TObjectStoreDriver; store: TObjectStore; stop: () => Promise<void> };

/** One driver's store, ready for presigned uploads and downloads over loopback. */
export async function startTestObjectStore(
  driver: TObjectStoreDriver,
  options: TClock = {},
): Promise<TTestObjectStore> {
  const started = driver === "local" ? await startLocalObjectStore(options) : await startS3ObjectStore(options);
  return { driver, store: started.store, stop: started.stop };
}

/** Both drivers at once; `stop` stops both. */
export async function createTestObjectStores(options: TClock = {}) {
  const [local, s3] = await Promise.all(OBJECT_STORE_DRIVERS.map((driver) => startTestObjectStore(driver, options)));
  return {
    local: local as TTestObjectStore & { store: TLocalObjectStore },
    s3: s3 as TTestObjectStore & { store: TS3ObjectStore },
    stop: async () => {
      await Promise.all([local?.stop(), s3?.stop()]);
    },
  };
}
