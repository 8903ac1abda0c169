"use client";

import { type ComponentType, lazy, type ReactNode, Suspense, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False on the server and while the page hydrates, true from then on. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export type TLazyComponent<TProps> = ComponentType<TProps> & { preload: () => void };

/**
 * A component whose code is not part of the page's first load: it loads in the browser when the
 * component first renders (or earlier, on `preload`), and until then, as on the server, `fallback`
 * shows. For what the first paint does not need: dialogs, and the parts of a page that wait for its
 * data anyway. next/dynamic with `ssr: false` does the same with about 1.5 kB more of loader.
 */
export function lazyComponent<TProps extends object>(
  load: () => Promise<ComponentType<TProps>>,
  fallback: ReactNode = null,
): TLazyComponent<TProps> {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per module, at its top level, as React.lazy is
  function LazyComponent(props: TProps) {
    const hydrated = useHydrated();
    if (!hydrated) return fallback;
    return (
      <Suspense fallback={fallback}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return Object.assign(LazyComponent, {
    // A chunk that fails to load now is fetched again when the component renders.
    preload: () => {
      load().catch(() => undefined);
    },
  });
}
