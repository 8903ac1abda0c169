import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { getServerSession } from "next-auth/next";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { cache } from "react";
import { serverEnv } from "@/env";
import { getDb, type TDb } from "@/server/db";
import type { TRole } from "@/server/team/role-rules";
import { judgeSignIn, profileEmail, type TSignInPolicy, userFromProfile } from "@/server/team/sign-in-policy";
import {
  createUserWithMembership,
  DEFAULT_TEAM,
  ensureBootstrapOwner,
  findActor,
  hasPendingInvitation,
  type TUserActor,
  userActor,
} from "@/server/team/team";
import { hasForbiddenCharacters } from "@/server/text-schemas";

type TOidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; picture?: string };

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
    deleteSession: async (token) => {
      if (isPlausibleSessionToken(token)) await base.deleteSession?.(token);
    },
  };
}

function adapter(): Adapter {
  const db = getDb();
  // The adapter is typed for the classic @prisma/client; Prisma 7's generated client has the same API.
  const base = guardSessionLookups(PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]));
  return {
    ...base,
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

let cachedOptions: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cachedOptions) return cachedOptions;
  const env = serverEnv();
  const secure = env.NEXTAUTH_URL.startsWith("https://");
  cachedOptions = {
    adapter: adapter(),
    providers: [ssoProvider()],
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "database", maxAge: 7 * 24 * 60 * 60, updateAge: 60 * 60 },
    // Secure + __Secure- prefixed cookies whenever Attache is served over HTTPS (the launcher refuses
    // plain HTTP anywhere but loopback); always HttpOnly and SameSite=Lax.
    useSecureCookies: secure,
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      signIn: async ({ account, profile }) => {
        if (account?.provider !== SSO_PROVIDER_ID) return false;
        const claims = profile as TOidcProfile | undefined;
        const email = profileEmail(claims?.email);
        const verdict = judgeSignIn({
          email,
          emailVerified:
            claims?.email_verified === true || (claims?.email_verified === undefined && serverEnv().OIDC_TRUST_EMAIL),
          invited: email ? await hasPendingInvitation({ db: getDb(), email }) : false,
          policy: signInPolicy(),
        });
        return verdict.allowed ? true : `/signin?error=${verdict.reason}`;
      },
      session: ({ session, user }) => ({
        ...session,
        user: { id: user.id, name: user.name ?? null, email: user.email, image: user.image ?? null },
      }),
    },
    events: {
      signIn: async ({ user }) => {
        if (user.email)
          await ensureBootstrapOwner({ db: getDb(), userId: user.id, email: user.email, policy: signInPolicy() });
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

export async function getServerAuthSession(): Promise<TSession | null> {
  return (await getServerSession(authOptions())) as TSession | null;
}

/**
 * The signed-in person and their membership, read once per page render: the console layout and a
 * page's metadata share it (React's cache lasts one server render).
 */
export const getConsoleActor = cache(async () => {
  const session = await getServerAuthSession();
  const actor = session ? await findActor({ db: getDb(), userId: session.user.id }) : null;
  return { session, actor };
});

/**
 * A page's tab title: "<name> · <area>" when the signed-in person may see what `nameOf` looks up (so
 * several open tabs can be told apart), else just `area`.
 */
export async function consolePageTitle(
  area: string,
  nameOf: (context: { db: TDb; actor: TUserActor }) => Promise<string>,
): Promise<string> {
  const { actor } = await getConsoleActor();
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
  userId: string;
  name: string | null;
  email: string | null;
  image: string | null;
  teamId: string | null;
  role: TRole | null;
};

const SESSION_SQL = `
SELECT u."id" AS "userId", u."name", u."email", u."image", m."teamId", m."role"
FROM "Session" s
JOIN "User" u ON u."id" = s."userId"
LEFT JOIN "Membership" m ON m."userId" = u."id" AND m."teamId" = (SELECT t."id" FROM "Team" t WHERE t."slug" = $2)
WHERE s."sessionToken" = $1 AND s."expires" > (now() AT TIME ZONE 'UTC')`;

/**
 * The signed-in person behind a request's cookies, with their membership, in one statement: what
 * every tRPC call needs (next-auth's getServerSession costs several queries and much more work).
 * Same rules as next-auth's database sessions: an unknown, expired or implausible token is no
 * session. Pages keep using getServerSession, which also extends the session as people use it.
 */
export async function sessionFromCookies(
  db: TDb,
  cookieHeader: string | null,
): Promise<{ session: TSession; actor: TUserActor | null } | null> {
  const token = cookieValue(cookieHeader, sessionCookieName());
  if (!token || !isPlausibleSessionToken(token)) return null;
  const { rows } = await db.pool.query<TSessionRow>({
    name: "attache.session",
    text: SESSION_SQL,
    values: [token, DEFAULT_TEAM.slug],
  });
  const row = rows[0];
  if (!row) return null;
  const session: TSession = {
    user: { id: row.userId, name: row.name, email: row.email ?? "", image: row.image },
  };
  const actor =
    row.teamId && row.role
      ? userActor({ userId: row.userId, teamId: row.teamId, role: row.role, email: row.email, name: row.name })
      : null;
  return { session, actor };
}
