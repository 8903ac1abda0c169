import { httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/limits";
import type { AppRouter } from "@/server/api/root";
import { REQUEST_TIMEOUT_MS } from "./errors";

/** The console's way to its tRPC endpoint: batched, with superjson, and an answer or an error within REQUEST_TIMEOUT_MS. */
export const consoleHttpLink = httpBatchLink<AppRouter>({
  url: "/api/trpc",
  transformer: superjson,
  // The server refuses larger batches.
  maxItems: TRPC_MAX_BATCH_SIZE,
  // Every call gets an answer or, after REQUEST_TIMEOUT_MS, an error the person can act on.
  fetch: (input, init) =>
    fetch(input, {
      ...init,
      signal: init?.signal
        ? AbortSignal.any([init.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)])
        : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }),
});
