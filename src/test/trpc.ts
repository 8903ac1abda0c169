import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/api/root";
import type { TSession } from "@/server/auth";
import type { TDb } from "@/server/db";
import type { TObjectStore } from "@/server/storage/object-store";

/** For callers whose tests never touch files: any use of the store fails the test loudly. */
export const NO_OBJECT_STORE = new Proxy({} as TObjectStore, {
  get: (_target, property) => {
    throw new Error(`This test's caller has no object store (it used ${String(property)}); pass one to callerFor.`);
  },
});

/** The app's procedures as `session` calls them (null: signed out), on `db` (and `objects`). */
export function callerFor(db: TDb, session: TSession | null, objects: TObjectStore = NO_OBJECT_STORE) {
  return createCaller({ db, objects, session });
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
