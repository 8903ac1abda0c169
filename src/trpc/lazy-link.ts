import { TRPCClientError, type TRPCLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { observable } from "@trpc/server/observable";

/**
 * A link whose code loads apart from the page: it starts loading when the client is created (in the
 * browser), and a call made before it is there waits for it. Should it not load, the call fails as an
 * unanswered one does, and the next call tries again.
 */
export function lazyLink<TRouter extends AnyRouter>(load: () => Promise<TRPCLink<TRouter>>): TRPCLink<TRouter> {
  return (runtime) => {
    let loading: Promise<ReturnType<TRPCLink<TRouter>>> | undefined;
    const ready = () => {
      if (!loading) {
        const started = load().then((link) => link(runtime));
        started.catch(() => {
          if (loading === started) loading = undefined;
        });
        loading = started;
      }
      return loading;
    };
    if (typeof window !== "undefined") ready().catch(() => undefined);
    return ({ op, next }) =>
      observable((observer) => {
        let subscription: { unsubscribe: () => void } | undefined;
        let stopped = false;
        ready().then(
          (link) => {
            if (!stopped) subscription = link({ op, next }).subscribe(observer);
          },
          (cause: unknown) => {
            if (!stopped)
              observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause))));
          },
        );
        return () => {
          stopped = true;
          subscription?.unsubscribe();
        };
      });
  };
}
