/**
 * What Attache says while PostgreSQL cannot be reached, in one place: the server's error messages and
 * the console's outage states use these sentences (browser-safe: constants only).
 */

/** The console's sentence for an outage: tRPC's 503 message, the layout's outage state, the pages' errors. */
export const DATABASE_UNAVAILABLE_MESSAGE = "Attache can't reach its database; retrying…";

/** The sign-in page's sentence when the database cannot be reached. */
export const SIGN_IN_UNAVAILABLE_MESSAGE =
  "Attache is unavailable right now: it can't reach its database. Try again in a moment.";

/** tRPC's `data.detail` on an outage's 503 (SERVICE_UNAVAILABLE). */
export const DATABASE_UNAVAILABLE_DETAIL = "DATABASE_UNAVAILABLE";

/** The sign-in page's `?error=` code when signing in failed because the database could not be reached. */
export const SIGN_IN_DATABASE_UNAVAILABLE_ERROR = "DatabaseUnavailable";
