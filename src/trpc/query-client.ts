import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // "always": a call made offline fails at once with a clear message, instead of waiting, paused,
      // for a connection that may never come (a save would spin forever).
      queries: { staleTime: 30 * 1000, retry: false, networkMode: "always" },
      mutations: { networkMode: "always" },
      dehydrate: {
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
}
