import type { TObjectStoreConfig } from "@/env";
import { createLocalObjectStore, type TLocalObjectStore } from "./local-store";
import { createS3ObjectStore, type TS3ObjectStore } from "./s3-store";

export type { TObjectStoreConfig } from "@/env";
export type { TObjectInfo, TObjectStore, TPresignedGet, TPresignedPut } from "./object-store";
export type { TLocalObjectStore, TS3ObjectStore };

/**
 * The object store the configuration names (`objectStoreConfig(env)` in src/env.ts). The local
 * driver's URLs point at `baseUrl` (the app's public URL), whose /objects/ route
 * (src/server/http/objects-route.ts) must then be mounted; their signing key derives from `serverKey`.
 */
export function createObjectStore(
  config: TObjectStoreConfig,
  { baseUrl, serverKey, now }: { baseUrl: string; serverKey: string; now?: () => number },
): TLocalObjectStore | TS3ObjectStore {
  if (config.driver === "local") {
    return createLocalObjectStore({ directory: config.directory, baseUrl, serverKey, ...(now ? { now } : {}) });
  }
  const { driver: _driver, ...options } = config;
  return createS3ObjectStore({ ...options, ...(now ? { now } : {}) });
}
