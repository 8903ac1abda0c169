import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import { isDatabaseUnavailableError, OUTAGE_MAX_RETRIES, outageRetryDelayMs } from "./outage";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // "always": a call made offline fails at once with a clear message, instead of waiting, paused,
      // for a connection that may never come (a save would spin forever).
      // Only an outage of the server's database is retried (with backoff, bounded): the server
      // recovers by itself once PostgreSQL is back. Anything else is shown at once.
      queries: {
        staleTime: 30 * 1000,
        retry: (failureCount, error) => isDatabaseUnavailableError(error) && failureCount < OUTAGE_MAX_RETRIES,
        retryDelay: (failureCount) => outageRetryDelayMs(failureCount),
        networkMode: "always",
      },
      mutations: { networkMode: "always" },
      dehydrate: {
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
}
