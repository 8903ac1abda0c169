import { isTRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

/** How long the console waits for an answer before telling the person (see react.tsx). */
export const REQUEST_TIMEOUT_MS = 15_000;

/** The tRPC error code of a failed call, such as "CONFLICT" or "NOT_FOUND". */
export function errorCode(error: unknown): string | undefined {
  return isTRPCClientError<AppRouter>(error) ? error.data?.code : undefined;
}

function isTimeout(error: unknown): boolean {
  let cause: unknown = error;
  for (let depth = 0; cause && depth < 4; depth++) {
    if (cause instanceof DOMException && (cause.name === "TimeoutError" || cause.name === "AbortError")) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * What to tell the person about a failed call, in one place: the server's field messages or its
 * message; or, when no answer came, whether the network is down or the server too slow.
 */
export function errorMessage(error: unknown): string {
  if (isTRPCClientError<AppRouter>(error)) {
    if (!error.data) {
      if (isTimeout(error)) {
        return `Attache did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds. Try again; if the change went through in the meantime, you will see it.`;
      }
      if (typeof navigator !== "undefined" && !navigator.onLine) {
        return "You are offline. Check your connection, then try again.";
      }
      return "Attache could not be reached. Check your connection, then try again.";
    }
    const fieldErrors = error.data.fieldErrors ?? {};
    const messages = [...new Set(Object.values(fieldErrors).flatMap((list) => list ?? []))];
    return messages.length ? messages.join(" ") : error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}
