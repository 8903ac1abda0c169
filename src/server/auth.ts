import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { cache } from "react";
import { serverEnv } from "@/env";
import { recordAudit } from "@/server/audit";
import { getDb, type TDb } from "@/server/db";
import { asDatabaseUnavailable, isDatabaseUnavailable } from "@/server/db/outage";
import { SIGN_IN_DATABASE_UNAVAILABLE_ERROR } from "@/server/db/outage-rules";
import { DatabaseUnavailableError } from "@/server/errors";
import type { TRole } from "@/server/team/role-rules";
import {
  judgeSignIn,
  profileEmail,
  roleFromGroups,
  type TSignInPolicy,
  userFromProfile,
} from "@/server/team/sign-in-policy";
import { findSignInMember, recordRefusedSignIn, recordSignIn } from "@/server/team/sign-ins";
import {
  createUserWithMembership,
  DEFAULT_TEAM,
  findActor,
  hasPendingInvitation,
  type TUserActor,
  userActor,
} from "@/server/team/team";
import { hasForbiddenCharacters } from "@/server/text-schemas";

type TOidcProfile = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  picture?: string;
  auth_time?: number;
} & Record<string, unknown>;

/**
 * One request to next-auth's routes, as the callbacks and the adapter see it: what the IdP said at
 * sign-in (when the person authenticated there, the role their groups give) reaches the session that
 * the callback creates. Set up by `withAuthRequest` around every call of next-auth's handler.
 */
type TAuthRequest = {
  signIn?: { authenticatedAt: Date; groupRole: TRole | null };
  /** The session this browser had before an IdP round trip; replaced by the new one, then deleted. */
  replacedSessionToken?: string;
};
const authRequest = new AsyncLocalStorage<TAuthRequest>();

/** Runs next-auth's handler for one request (see TAuthRequest). */
export function withAuthRequest<T>(handle: () => Promise<T>): Promise<T> {
  return authRequest.run({}, handle);
}

/** When the person last authenticated at the IdP: its auth_time claim (never in the future), else now. */
function authenticatedAtOf(claims: TOidcProfile | undefined, now = new Date()): Date {
  const authTime = claims?.auth_time;
  if (typeof authTime !== "number" || !Number.isFinite(authTime)) return now;
  return new Date(Math.min(now.getTime(), authTime * 1000));
}

export const SSO_PROVIDER_ID = "oidc";

function signInPolicy(): TSignInPolicy {
  const env = serverEnv();
  return {
    allowedEmailDomains: env.ATTACHE_ALLOWED_EMAIL_DOMAINS,
    bootstrapOwnerEmail: env.ATTACHE_BOOTSTRAP_OWNER_EMAIL,
  };
}

function ssoProvider(): OAuthConfig<TOidcProfile> {
  const env = serverEnv();
  return {
    id: SSO_PROVIDER_ID,
    name: env.OIDC_DISPLAY_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    authorization: {
      params: { scope: "openid email profile", ...(env.OIDC_PROMPT ? { prompt: env.OIDC_PROMPT } : {}) },
    },
    idToken: true,
    checks: ["pkce", "state"],
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    profile: (profile) => ({ id: profile.sub, ...userFromProfile(profile) }),
  };
}

/** Session tokens next-auth issues are short and plain; anything else in a cookie is no session. */
const MAX_SESSION_TOKEN_LENGTH = 256;
const isPlausibleSessionToken = (token: string) =>
  token.length > 0 && token.length <= MAX_SESSION_TOKEN_LENGTH && !hasForbiddenCharacters(token);

/**
 * The session lookups with a cookie's value never reach the database when the value cannot be a
 * session token: a forged cookie with NUL (which PostgreSQL refuses) is signed out, not a 500.
 */
export function guardSessionLookups(base: Adapter): Adapter {
  return {
    ...base,
    getSessionAndUser: async (token) =>
      isPlausibleSessionToken(token) ? ((await base.getSessionAndUser?.(token)) ?? null) : null,
    updateSession: async (session) =>
      isPlausibleSessionToken(session.sessionToken) ? base.updateSession?.(session) : null,
    // next-auth hands what this returns (the deleted session) to events.signOut, which audits it. A
    // session already gone (signed out everywhere, removed from the team) is no error.
    deleteSession: async (token) => {
      if (!isPlausibleSessionToken(token)) return null;
      try {
        return (await base.deleteSession?.(token)) ?? null;
      } catch (error) {
        if ((error as { code?: string }).code === "P2025") return null;
        throw error;
      }
    },
  };
}

/** How long sessions last: idle (moved forward as they are used) and absolute, in milliseconds. */
export function sessionLifetimes() {
  const env = serverEnv();
  const idleMs = env.ATTACHE_SESSION_IDLE_MINUTES * 60_000;
  return {
    idleMs,
    absoluteMs: env.ATTACHE_SESSION_MAX_HOURS * 3_600_000,
    // How stale the idle deadline may get before a request moves it: a quarter of it, at most 5 minutes.
    touchAfterMs: Math.min(5 * 60_000, Math.floor(idleMs / 4)),
  };
}

/** Whether a session is within its absolute lifetime (its idle deadline is `expires`, checked by next-auth). */
function isWithinLifetime(session: { createdAt?: Date }, now = Date.now()): boolean {
  return session.createdAt !== undefined && now - session.createdAt.getTime() < sessionLifetimes().absoluteMs;
}

/** next-auth's Prisma adapter with Attache's rules: session lifetimes, re-authentication, memberships. */
export function attacheAdapter(db: TDb): Adapter {
  // The adapter is typed for the classic @prisma/client; Prisma 7's generated client has the same API.
  const base = guardSessionLookups(PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]));
  return {
    ...base,
    getSessionAndUser: async (token) => {
      const request = authRequest.getStore();
      // An IdP round trip by someone already signed in (re-authentication) gets a new session, so a
      // fresh sign-in time never lands on a session someone may have copied; the old one ends.
      if (request?.signIn) {
        if (isPlausibleSessionToken(token)) request.replacedSessionToken = token;
        return null;
      }
      const found = await base.getSessionAndUser?.(token);
      if (!found) return null;
      if (!isWithinLifetime(found.session as { createdAt?: Date })) {
        await base.deleteSession?.(token);
        return null;
      }
      return found;
    },
    createSession: async (session) => {
      const request = authRequest.getStore();
      const now = new Date();
      return db.session.create({
        data: {
          ...session,
          createdAt: now,
          authenticatedAt: request?.signIn?.authenticatedAt ?? now,
        },
      });
    },
    createUser: async (user: Omit<AdapterUser, "id">) =>
      (await createUserWithMembership({
        db,
        user: { name: user.name ?? null, email: user.email, image: user.image ?? null },
        policy: signInPolicy(),
      })) as AdapterUser,
    // Keep only the link to the identity: Attache never calls the IdP's APIs, so it stores no tokens.
    linkAccount: async (account: AdapterAccount) => {
      await db.account.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
      });
    },
  };
}

/** Whether this sign-in may go ahead (true), or where to send the refused person instead. */
async function judgeSignInCallback({
  account,
  profile,
}: {
  account: { provider: string } | null;
  profile?: unknown;
}): Promise<boolean | string> {
  if (account?.provider !== SSO_PROVIDER_ID) return false;
  const db = getDb();
  const env = serverEnv();
  const claims = profile as TOidcProfile | undefined;
  const email = profileEmail(claims?.email);
  const mapping = env.ATTACHE_OIDC_ROLE_GROUPS;
  const groupRole = mapping.length ? roleFromGroups(claims?.[env.ATTACHE_OIDC_GROUPS_CLAIM], mapping) : null;
  const verdict = judgeSignIn({
    email,
    emailVerified: claims?.email_verified === true || (claims?.email_verified === undefined && env.OIDC_TRUST_EMAIL),
    invited: email ? await hasPendingInvitation({ db, email }) : false,
    policy: signInPolicy(),
    groupRole,
    roleFromGroupsBefore:
      mapping.length > 0 && email !== null && (await findSignInMember({ db, email })).roleFromGroups,
  });
  if (!verdict.allowed) {
    await recordRefusedSignIn({ db, email, subject: String(claims?.sub ?? ""), reason: verdict.reason });
    return `/signin?error=${verdict.reason}`;
  }
  const request = authRequest.getStore();
  if (request) request.signIn = { authenticatedAt: authenticatedAtOf(claims), groupRole };
  return true;
}

let cachedOptions: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cachedOptions) return cachedOptions;
  const env = serverEnv();
  const secure = env.NEXTAUTH_URL.startsWith("https://");
  cachedOptions = {
    adapter: attacheAdapter(getDb()),
    providers: [ssoProvider()],
    secret: env.NEXTAUTH_SECRET,
    // maxAge is the idle timeout (next-auth moves `expires` forward as the session is used); the
    // absolute lifetime is checked against the session's createdAt (getSessionAndUser above).
    session: {
      strategy: "database",
      maxAge: Math.floor(sessionLifetimes().idleMs / 1000),
      updateAge: Math.floor(sessionLifetimes().touchAfterMs / 1000),
    },
    // Secure + __Secure- prefixed cookies whenever Attache is served over HTTPS (the launcher refuses
    // plain HTTP anywhere but loopback); always HttpOnly and SameSite=Lax.
    useSecureCookies: secure,
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      // An outage while judging the sign-in sends the person to the sign-in page, which says so (next-auth
      // would put the driver's message in the URL). Outages elsewhere in next-auth's callback end there
      // too (error=Callback), where the page's own check of the database tells them apart.
      signIn: async (params) => {
        try {
          return await judgeSignInCallback(params);
        } catch (error) {
          if (isDatabaseUnavailable(error)) return `/signin?error=${SIGN_IN_DATABASE_UNAVAILABLE_ERROR}`;
          throw error;
        }
      },
      // Where next-auth sends the browser afterwards: a URL of this site, else its home. next-auth's own
      // version fails (a 500) on a callbackUrl that is no URL at all, such as "abc" or "%zz".
      redirect: ({ url, baseUrl }) => {
        try {
          const target = new URL(url, baseUrl);
          if (target.origin === new URL(baseUrl).origin) return target.href;
        } catch {
          // Not a URL: go home.
        }
        return baseUrl;
      },
      session: ({ session, user }) => ({
        ...session,
        user: { id: user.id, name: user.name ?? null, email: user.email, image: user.image ?? null },
      }),
    },
    events: {
      signIn: async ({ user, isNewUser }) => {
        const db = getDb();
        const request = authRequest.getStore();
        if (request?.replacedSessionToken)
          await db.session.deleteMany({ where: { sessionToken: request.replacedSessionToken } });
        if (!user.email) return;
        await recordSignIn({
          db,
          userId: user.id,
          email: user.email,
          groupRole: request?.signIn?.groupRole ?? null,
          isNewUser: isNewUser === true,
          policy: signInPolicy(),
        });
      },
      signOut: async ({ session }) => {
        const userId = (session as { userId?: string } | undefined)?.userId;
        const actor = userId ? await findActor({ db: getDb(), userId }) : null;
        if (actor)
          await recordAudit(getDb(), {
            actor,
            action: "session.signOut",
            targetType: "Member",
            targetId: actor.userId,
          });
      },
    },
  };
  return cachedOptions;
}

export type TSession = {
  user: { id: string; name: string | null; email: string; image: string | null };
  /** When this session last signed in at the IdP (recent-sign-in checks); unknown for next-auth's page sessions. */
  authenticatedAt?: Date;
};

/** The authorization parameters of a re-authentication: always max_age=0, and the configured prompt. */
export function reauthenticationParams(): Record<string, string> {
  const prompt = serverEnv().OIDC_REAUTH_PROMPT;
  return { max_age: "0", ...(prompt === "max_age_only" ? {} : { prompt }) };
}

/** Whether the session's last sign-in at the IdP is within ATTACHE_RECENT_SIGN_IN_MINUTES of `now`. */
export function isRecentSignIn(session: TSession, now = Date.now()): boolean {
  const at = session.authenticatedAt?.getTime();
  return at !== undefined && now - at <= serverEnv().ATTACHE_RECENT_SIGN_IN_MINUTES * 60_000 && at <= now + 60_000;
}

/**
 * The signed-in person and their membership behind this page request's cookies, read once per page
 * render (React's cache lasts one server render): the console layout and a page's metadata share it.
 * The same one-statement lookup as tRPC's (sessionFromCookies), so pages and calls agree on who is
 * signed in, and an outage rejects with DatabaseUnavailableError instead of reading as signed out
 * (next-auth's getServerSession logs the adapter's error and answers "no session").
 */
export const getConsoleActor = cache(async (): Promise<{ session: TSession | null; actor: TUserActor | null }> => {
  const { headers } = await import("next/headers");
  const found = await sessionFromCookies(getDb(), (await headers()).get("cookie"));
  return { session: found?.session ?? null, actor: found?.actor ?? null };
});

/** The signed-in person of this page request (see getConsoleActor); rejects with DatabaseUnavailableError in an outage. */
export async function getServerAuthSession(): Promise<TSession | null> {
  return (await getConsoleActor()).session;
}

/**
 * A page's tab title: "<name> · <area>" when the signed-in person may see what `nameOf` looks up (so
 * several open tabs can be told apart), else just `area`.
 */
export async function consolePageTitle(
  area: string,
  nameOf: (context: { db: TDb; actor: TUserActor }) => Promise<string>,
): Promise<string> {
  // In an outage the layout shows its outage state; the title is just the area's.
  const actor = await getConsoleActor().then(
    (found) => found.actor,
    (error: unknown) => {
      if (error instanceof DatabaseUnavailableError) return null;
      throw error;
    },
  );
  const name = actor ? await nameOf({ db: getDb(), actor }).catch(() => null) : null;
  return name ? `${name} · ${area}` : area;
}

/** The session cookie's name, as next-auth names it (see `useSecureCookies` above). */
function sessionCookieName(): string {
  return serverEnv().NEXTAUTH_URL.startsWith("https://")
    ? "__Secure-next-auth.session-token"
    : "next-auth.session-token";
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

type TSessionRow = {
  expires: Date;
  authenticatedAt: Date;
  userId: string;
  name: string | null;
  email: string | null;
  image: string | null;
  teamId: string | null;
  role: TRole | null;
};

// Session times are UTC timestamps without a zone (as Prisma writes them); $3 is the absolute lifetime in ms.
const SESSION_SQL = `
SELECT s."expires" AT TIME ZONE 'UTC' AS "expires", s."authenticatedAt" AT TIME ZONE 'UTC' AS "authenticatedAt", u."id" AS "userId", u."name", u."email", u."image", m."teamId", m."role"
FROM "Session" s
JOIN "User" u ON u."id" = s."userId"
LEFT JOIN "Membership" m ON m."userId" = u."id" AND m."teamId" = (SELECT t."id" FROM "Team" t WHERE t."slug" = $2)
WHERE s."sessionToken" = $1 AND s."expires" > (now() AT TIME ZONE 'UTC')
  AND s."createdAt" > (now() AT TIME ZONE 'UTC') - make_interval(secs => $3::double precision / 1000)`;

/**
 * The signed-in person behind a request's cookies, with their membership, in one statement: what
 * every tRPC call needs (next-auth's getServerSession costs several queries and much more work).
 * Same rules as next-auth's database sessions: an unknown, expired or implausible token is no
 * session; using it moves its idle deadline. Pages use it too (getConsoleActor).
 *
 * When PostgreSQL can't be reached or doesn't answer in time, it rejects with DatabaseUnavailableError:
 * an outage is never read as "signed out" (a redirect to sign in, a 401).
 */
export async function sessionFromCookies(
  db: TDb,
  cookieHeader: string | null,
): Promise<{ session: TSession; actor: TUserActor | null } | null> {
  const token = cookieValue(cookieHeader, sessionCookieName());
  if (!token || !isPlausibleSessionToken(token)) return null;
  const lifetimes = sessionLifetimes();
  const rethrowOutage = (error: unknown): never => {
    throw asDatabaseUnavailable(error);
  };
  const { rows } = await db.pool
    .query<TSessionRow>({
      name: "attache.session",
      text: SESSION_SQL,
      values: [token, DEFAULT_TEAM.slug, lifetimes.absoluteMs],
    })
    .catch(rethrowOutage);
  const row = rows[0];
  if (!row) return null;
  // Using the console is activity: move the idle deadline as next-auth does.
  const now = Date.now();
  if (row.expires.getTime() - now < lifetimes.idleMs - lifetimes.touchAfterMs) {
    await db.session
      .updateMany({
        where: { sessionToken: token },
        data: { expires: new Date(now + lifetimes.idleMs) },
      })
      .catch(rethrowOutage);
  }
  const session: TSession = {
    user: { id: row.userId, name: row.name, email: row.email ?? "", image: row.image },
    authenticatedAt: row.authenticatedAt,
  };
  const actor =
    row.teamId && row.role
      ? userActor({ userId: row.userId, teamId: row.teamId, role: row.role, email: row.email, name: row.name })
      : null;
  return { session, actor };
}
