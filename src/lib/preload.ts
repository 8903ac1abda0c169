/**
 * Loads code a page may need soon, such as a dialog's chunk, once the browser is idle after the page
 * is up: opening it is then immediate (and still works if the connection drops meanwhile), and the
 * page's first load stays as light. Returns the cancel for a useEffect.
 */
export function preloadWhenIdle(...preloads: Array<() => void>): () => void {
  const run = () => {
    for (const preload of preloads) preload();
  };
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(run, { timeout: 2000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(run, 200);
  return () => window.clearTimeout(handle);
}
