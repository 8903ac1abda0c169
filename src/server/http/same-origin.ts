/**
 * Whether a state-changing request to the console's API came from the console itself. Browsers send
 * `Sec-Fetch-Site` and/or `Origin` on every POST, and the console calls its API same-origin only, so
 * a POST that names another site, or names none at all, is refused: another site's page cannot make
 * a signed-in person's browser change anything (CSRF), whatever the cookies' SameSite setting.
 */

/** Methods that only read; everything else changes something (tRPC queries are GET, mutations POST). */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins `appUrl` and the extra `hosts` ("host" or "host:port", with the app's scheme) stand for. */
export function allowedOriginsFor(appUrl: string, hosts: readonly string[] = []): string[] {
  const app = new URL(appUrl);
  const origins = new Set([app.origin]);
  for (const host of hosts) {
    try {
      origins.add(new URL(`${app.protocol}//${host}`).origin);
    } catch {
      // Not a host: it names no origin.
    }
  }
  return [...origins];
}

/** An Origin header is a bare origin ("https://host:port"); anything else ("null", a path) names none. */
function parsedOrigin(header: string): string | null {
  try {
    const { origin } = new URL(header);
    return origin === header.toLowerCase() ? origin : null;
  } catch {
    return null;
  }
}

/**
 * Null when the request may go on; otherwise why it is refused, as a sentence for the caller.
 * `origin` and `secFetchSite` are the request's headers as sent (null when absent).
 */
export function crossOriginRefusal({
  method,
  origin,
  secFetchSite,
  allowedOrigins,
}: {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  allowedOrigins: readonly string[];
}): string | null {
  if (READ_METHODS.has(method.toUpperCase())) return null;
  const refused = "Changes can only be made from Attache's console";
  if (secFetchSite !== null && secFetchSite.trim().toLowerCase() !== "same-origin") {
    return `${refused}; this request came from another site.`;
  }
  if (origin !== null) {
    const parsed = parsedOrigin(origin.trim());
    if (!parsed || !allowedOrigins.includes(parsed)) return `${refused}; this request came from another origin.`;
  }
  if (origin === null && secFetchSite === null) {
    return `${refused}; this request did not say where it came from (no Origin or Sec-Fetch-Site header).`;
  }
  return null;
}
