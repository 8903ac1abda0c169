const BASE = "http://attache.invalid";

/**
 * A same-site path to return to after signing in, or "/". Parsed as a browser would (backslashes,
 * tabs and dot segments included), so nothing that a browser reads as another site gets through.
 */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw?.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || url.pathname.startsWith("//") || /^\/signin(\/|$)/.test(url.pathname)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
