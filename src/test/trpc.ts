import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/api/root";
import type { TSession } from "@/server/auth";
import type { TDb } from "@/server/db";

/** The app's procedures as `session` calls them (null: signed out), on `db`. */
export function callerFor(db: TDb, session: TSession | null) {
  return createCaller({ db, session });
}

export type TCaller = ReturnType<typeof callerFor>;

/** The TRPCError a call failed with; fails the test when the call succeeds or fails otherwise. */
export async function trpcErrorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}
