/**
 * The tRPC base: context, the error map, and the procedures every router builds on.
 * - publicProcedure: anyone;
 * - protectedProcedure: a signed-in session, else UNAUTHORIZED;
 * - viewer/editor/admin/ownerProcedure: the role is re-read from the database on every call,
 *   so a demotion takes effect at once; a wrong role is FORBIDDEN (never UNAUTHORIZED).
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { serverEnv } from "@/env";
import { isRecentSignIn, sessionFromCookies, type TSession } from "@/server/auth";
import { getDb, type TDb } from "@/server/db";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/outage";
import { AppError, DatabaseUnavailableError } from "@/server/errors";
import { getObjectStore } from "@/server/storage/app-store";
import type { TObjectStore } from "@/server/storage/object-store";
import type { TRole } from "@/server/team/role-rules";
import { assertActorRole, NOT_A_MEMBER, requireActor, type TUserActor } from "@/server/team/team";
import { TRPC_CODE_FOR } from "./errors";

export type TContext = {
  db: TDb;
  /** Where uploaded files are stored (downloads and deletes in the Files area). */
  objects: TObjectStore;
  session: TSession | null;
  /** The session's membership when the context read it with the session (null: on no team); else looked up per call. */
  actor?: TUserActor | null;
};

/**
 * An outage as tRPC answers it: 503 SERVICE_UNAVAILABLE with the console's sentence and detail
 * DATABASE_UNAVAILABLE (never 401 nor the hidden 500), whether the context's session lookup or a
 * procedure hit it. Anything else is returned as it is.
 */
export function databaseUnavailableTrpcError(error: unknown): TRPCError | null {
  if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") return error;
  if (!isDatabaseUnavailable(error)) return null;
  const underlying = error instanceof TRPCError ? (error.cause ?? error) : error;
  const cause =
    underlying instanceof DatabaseUnavailableError ? underlying : new DatabaseUnavailableError({ cause: underlying });
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE, cause });
}

/** One statement per request: the session cookie's session and its membership; an outage rejects (see above). */
export async function createTRPCContext(request: Request, { db = getDb() }: { db?: TDb } = {}): Promise<TContext> {
  const found = await sessionFromCookies(db, request.headers.get("cookie")).catch((error: unknown) => {
    throw databaseUnavailableTrpcError(error) ?? error;
  });
  return { db, objects: getObjectStore(), session: found?.session ?? null, actor: found?.actor ?? null };
}

const t = initTRPC.context<TContext>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => {
    const hidden = error.code === "INTERNAL_SERVER_ERROR" && serverEnv().NODE_ENV === "production";
    // Invalid input: the schemas' own sentences, not zod's JSON dump of its issues.
    const invalid =
      error.cause instanceof ZodError ? [...new Set(error.cause.issues.map((issue) => issue.message))] : [];
    // Input tRPC could not parse (JSON) or superjson could not decode: tRPC passes on the runtime's own
    // message ("Unexpected token…", "… is not iterable", "Maximum call stack size exceeded").
    const unreadable =
      error.code === "BAD_REQUEST" &&
      error.cause instanceof Error &&
      !(error.cause instanceof ZodError || error.cause instanceof AppError || error.cause instanceof TRPCError) &&
      error.message === error.cause.message;
    return {
      ...shape,
      message: hidden
        ? "Something went wrong on our side. Try again in a moment."
        : unreadable
          ? "The request's input could not be read. Send it as JSON, as the console's tRPC client does."
          : invalid.length
            ? invalid.join(" ")
            : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : null,
        // The domain's finer reason, for the console to act on (RECENT_SIGN_IN: offer to sign in again).
        detail: error.cause instanceof AppError ? (error.cause.detail ?? null) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const unavailable = databaseUnavailableTrpcError(result.error);
    if (unavailable) throw unavailable;
  }
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE_FOR[cause.code], message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(appErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { session: ctx.session } });
});

function roleProcedure(role: TRole) {
  return protectedProcedure.use(async ({ ctx, next }) => {
    if (ctx.actor === undefined) {
      return next({ ctx: { actor: await requireActor({ db: ctx.db, userId: ctx.session.user.id, role }) } });
    }
    if (!ctx.actor) throw new AppError("FORBIDDEN", NOT_A_MEMBER);
    assertActorRole(ctx.actor, role);
    return next({ ctx: { actor: ctx.actor } });
  });
}

export const RECENT_SIGN_IN_MESSAGE =
  "For your security, sign in again to do this: it needs a sign-in within the last few minutes.";

/**
 * For the actions an attacker with a stolen session would want most (API keys, roles): the session
 * must have signed in at the IdP recently, else FORBIDDEN with detail RECENT_SIGN_IN, which the
 * console answers with a re-authentication round trip (prompt=login, max_age).
 */
export const requireRecentSignIn = t.middleware(({ ctx, next }) => {
  assertRecentSignIn(ctx.session);
  return next();
});

/** requireRecentSignIn's check, for a procedure that needs it only for some inputs. */
export function assertRecentSignIn(session: TSession | null) {
  if (!session || !isRecentSignIn(session)) {
    throw new AppError("FORBIDDEN", RECENT_SIGN_IN_MESSAGE, { detail: "RECENT_SIGN_IN" });
  }
}

export const viewerProcedure = roleProcedure("viewer");
export const editorProcedure = roleProcedure("editor");
export const adminProcedure = roleProcedure("admin");
export const ownerProcedure = roleProcedure("owner");
