import { isTRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import { DATABASE_UNAVAILABLE_DETAIL, DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/outage-rules";

/**
 * How the console retries while Attache can't reach its database: after 2 s, 5 s, then every 10 s,
 * at most OUTAGE_MAX_RETRIES times (about five minutes); then it waits for the person's "Try again".
 */
export const OUTAGE_RETRY_DELAYS_MS = [2_000, 5_000, 10_000] as const;
export const OUTAGE_MAX_RETRIES = 30;

/** The delay before retry number `attempt` + 1 (attempt 0: the first retry): the schedule above, then its last step. */
export function outageRetryDelayMs(attempt: number): number {
  return OUTAGE_RETRY_DELAYS_MS[Math.min(Math.max(0, attempt), OUTAGE_RETRY_DELAYS_MS.length - 1)] ?? 10_000;
}

/** Whether a call failed because the server can't reach its database (503, detail DATABASE_UNAVAILABLE). */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (!isTRPCClientError<AppRouter>(error)) return false;
  return error.data?.detail === DATABASE_UNAVAILABLE_DETAIL;
}

/** Whether an error a page or boundary caught is the database outage: a tRPC call's, or the server's own sentence. */
export function isDatabaseOutage(error: unknown): boolean {
  return (
    isDatabaseUnavailableError(error) || (error instanceof Error && error.message === DATABASE_UNAVAILABLE_MESSAGE)
  );
}
