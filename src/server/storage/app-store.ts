import { objectStoreConfig, serverEnv } from "@/env";
import { DEFAULT_FILE_CHECKS, type TFileChecks } from "@/server/files/files";
import { createObjectStore, type TLocalObjectStore, type TS3ObjectStore } from "./index";

// One store per process, like the database client; in development Next.js reloads modules.
const globalForStore = globalThis as unknown as { attacheObjects?: TLocalObjectStore | TS3ObjectStore };

/** The configured object store of this app server (the AWS API, the console and the objects route share it). */
export function getObjectStore(): TLocalObjectStore | TS3ObjectStore {
  const env = serverEnv();
  globalForStore.attacheObjects ??= createObjectStore(objectStoreConfig(env), {
    baseUrl: env.NEXTAUTH_URL,
    serverKey: env.ATTACHE_ENCRYPTION_KEY,
  });
  return globalForStore.attacheObjects;
}

/** The upload checks the environment configures: the scanner webhook and the chat attachment bound. */
export function fileChecks(env = serverEnv()): TFileChecks {
  return {
    ...DEFAULT_FILE_CHECKS,
    chatMaxAttachments: env.ATTACHE_CHAT_MAX_ATTACHMENTS,
    ...(env.ATTACHE_SCANNER_URL
      ? { scanner: { url: env.ATTACHE_SCANNER_URL, timeoutMs: env.ATTACHE_SCANNER_TIMEOUT_MS } }
      : {}),
  };
}
