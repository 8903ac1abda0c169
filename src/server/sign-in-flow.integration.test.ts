/**
 * Sign-in through a real OpenID Provider (the development IdP, oidc-provider) and next-auth's real
 * handler with Attache's options: authorization code with PKCE, email_verified, allowed domains, the
 * groups claim mapped to roles, refused sign-ins in the audit log, and re-authentication
 * (prompt=login, max_age=0) giving a new session with a fresh sign-in time. Next.js's route adapter
 * is replaced by next-auth's own Node adapter (the same AuthHandler, options, callbacks and adapter).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
// biome-ignore lint/style/noRestrictedImports: this test drives next-auth's own handler, as the auth route does.
import NextAuth from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/server/db";
import { startDevIdp, type TDevIdp } from "@/server/dev-idp/dev-idp";
import { createTestDatabase } from "@/test/db";
import { startHttpServer } from "@/test/http";

let db: TDb;
let drop: () => Promise<void>;
let idp: TDevIdp;
let app: { origin: string; close: () => Promise<void> };
let auth: typeof import("@/server/auth");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(";") ?? []) {
    const separator = part.indexOf("=");
    if (separator > 0) cookies[part.slice(0, separator).trim()] = decodeURIComponent(part.slice(separator + 1).trim());
  }
  return cookies;
}

async function readBody(incoming: IncomingMessage): Promise<Record<string, string>> {
  let text = "";
  for await (const chunk of incoming) text += chunk;
  return Object.fromEntries(new URLSearchParams(text));
}

/** next-auth's routes as a Next.js API route would serve them, under Attache's request wrapper. */
async function serveAuth(incoming: IncomingMessage, outgoing: ServerResponse) {
  const url = new URL(incoming.url ?? "/", app.origin);
  const request = Object.assign(incoming, {
    query: { ...Object.fromEntries(url.searchParams), nextauth: url.pathname.split("/").slice(3) },
    cookies: parseCookies(incoming.headers.cookie),
    body: incoming.method === "POST" ? await readBody(incoming) : undefined,
  });
  const response = Object.assign(outgoing, {
    status(code: number) {
      outgoing.statusCode = code;
      return response;
    },
    json(body: unknown) {
      outgoing.setHeader("content-type", "application/json");
      outgoing.end(JSON.stringify(body));
    },
    send(body: unknown) {
      outgoing.end(typeof body === "string" ? body : JSON.stringify(body));
    },
  });
  // biome-ignore lint/suspicious/noExplicitAny: next-auth's Node adapter is typed for Next's API request and response.
  await auth.withAuthRequest(() => NextAuth(request as any, response as any, auth.authOptions()));
}

/** A browser's cookies for one origin. */
class CookieJar {
  readonly cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

type TBrowser = { app: CookieJar; idp: CookieJar };
const newBrowser = (): TBrowser => ({ app: new CookieJar(), idp: new CookieJar() });

async function visit(browser: TBrowser, url: string, init: RequestInit = {}): Promise<Response> {
  const jar = url.startsWith(app.origin) ? browser.app : browser.idp;
  const response = await fetch(url, {
    ...init,
    redirect: "manual",
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    signal: AbortSignal.timeout(10_000),
  });
  jar.store(response);
  return response;
}

const location = (response: Response, base: string) => new URL(response.headers.get("location") ?? "", base).href;

/**
 * Signs in as the demo person `email` the way the console's button does (with `authorizationParams`
 * as next-auth's signIn sends them) and returns where next-auth finally redirected the browser.
 */
async function signIn(
  browser: TBrowser,
  email: string,
  password: string,
  authorizationParams: Record<string, string> = {},
): Promise<string> {
  const csrf = (await (await visit(browser, `${app.origin}/api/auth/csrf`)).json()) as { csrfToken: string };
  const query = new URLSearchParams(authorizationParams).toString();
  let response = await visit(browser, `${app.origin}/api/auth/signin/oidc${query ? `?${query}` : ""}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${app.origin}/`, json: "true" }).toString(),
  });
  let url = ((await response.json()) as { url: string }).url;
  expect(url.startsWith(idp.issuer)).toBe(true);
  if (query) expect(new URL(url).searchParams.get("prompt")).toBe(authorizationParams.prompt ?? null);
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(app.origin)) {
      // Past the callback, the browser would load a console page: that is where it ends here.
      if (!url.includes("/api/auth/callback/")) return url;
      response = await visit(browser, url);
      url = location(response, app.origin);
      continue;
    }
    const interaction = /\/interaction\/([\w-]+)$/.exec(new URL(url).pathname);
    response = interaction
      ? await visit(browser, `${url}/login`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ email, password }).toString(),
        })
      : await visit(browser, url);
    url = location(response, url);
  }
  throw new Error("the sign-in did not come back to Attache within 12 redirects");
}

const sessionCookie = (browser: TBrowser) =>
  `next-auth.session-token=${browser.app.cookies.get("next-auth.session-token")}`;

async function memberOf(email: string) {
  return db.membership.findFirst({
    where: { user: { email } },
    select: { role: true, joinedVia: true, roleFromGroups: true, userId: true },
  });
}

beforeAll(async () => {
  const database = await createTestDatabase();
  ({ db, drop } = database);
  app = await startHttpServer((incoming, outgoing) => {
    serveAuth(incoming, outgoing).catch((error: unknown) => {
      console.error(error);
      outgoing.statusCode = 500;
      outgoing.end();
    });
  });
  idp = await startDevIdp({ port: await freePort(), redirectUris: [`${app.origin}/api/auth/callback/oidc`] });
  // next-auth and serverEnv() read these; they must name this test's IdP, app and database.
  // biome-ignore lint/style/noProcessEnv: the configuration under test is the environment.
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    NEXTAUTH_URL: app.origin,
    NEXTAUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    ATTACHE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64url"),
    ATTACHE_ALLOWED_EMAIL_DOMAINS: "attache.test",
    ATTACHE_BOOTSTRAP_OWNER_EMAIL: "owner@attache.test",
    // The dev IdP puts a demo person in "attache-<role>s"; here editors' group gives admin.
    ATTACHE_OIDC_ROLE_GROUPS: "attache-editors=admin",
    ATTACHE_RECENT_SIGN_IN_MINUTES: "10",
  });
  auth = await import("@/server/auth");
});

afterAll(async () => {
  await idp?.close();
  await app?.close();
  await drop?.();
});

describe("signing in through the identity provider", () => {
  it("admits a verified person at an allowed domain, with a session whose sign-in time is now, audited", async () => {
    const browser = newBrowser();
    const before = Date.now();
    expect(await signIn(browser, "viewer@attache.test", "viewer-pass")).toBe(`${app.origin}/`);

    const member = await memberOf("viewer@attache.test");
    expect(member).toMatchObject({ role: "viewer", joinedVia: "DOMAIN" });
    const found = await auth.sessionFromCookies(db, sessionCookie(browser));
    expect(found?.actor?.role).toBe("viewer");
    expect(found?.session.authenticatedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const user = await db.user.findUniqueOrThrow({ where: { email: "viewer@attache.test" } });
    expect(user.lastSignInAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(
      await db.auditEvent.count({ where: { action: "session.signIn", actorUserId: user.id, actorKind: "USER" } }),
    ).toBe(1);
  });

  it("gives the role the groups claim maps to, at every sign-in, overriding a change made since", async () => {
    const browser = newBrowser();
    await signIn(browser, "editor@attache.test", "editor-pass");
    const member = await memberOf("editor@attache.test");
    expect(member).toMatchObject({ role: "admin", joinedVia: "GROUPS", roleFromGroups: true });

    await db.membership.updateMany({ where: { userId: member?.userId }, data: { role: "viewer" } });
    await signIn(newBrowser(), "editor@attache.test", "editor-pass");
    expect((await memberOf("editor@attache.test"))?.role).toBe("admin");
    const changes = await db.auditEvent.findMany({
      where: { action: "team.role.change", targetId: member?.userId },
      orderBy: { createdAt: "asc" },
      select: { actorKind: true, before: true, after: true },
    });
    expect(changes.at(-1)).toMatchObject({
      actorKind: "SYSTEM",
      before: { role: "viewer" },
      after: { role: "admin", email: "editor@attache.test" },
    });
  });

  it("refuses someone whose role came from groups once they are in no mapped group, and audits it", async () => {
    await signIn(newBrowser(), "admin@attache.test", "admin-pass");
    const member = await memberOf("admin@attache.test");
    expect(member).toMatchObject({ joinedVia: "DOMAIN", roleFromGroups: false });
    // attache-admins is not mapped here: as if this person, who joined by domain, had been given a
    // role by a mapped group since and had then left that group at the IdP.
    await db.membership.updateMany({
      where: { userId: member?.userId },
      data: { role: "admin", roleFromGroups: true },
    });

    const browser = newBrowser();
    expect(await signIn(browser, "admin@attache.test", "admin-pass")).toBe(`${app.origin}/signin?error=NoMappedGroup`);
    expect(browser.app.cookies.has("next-auth.session-token")).toBe(false);
    expect(
      await db.auditEvent.findFirst({
        where: { action: "session.signInRefused", actorLabel: "admin@attache.test" },
        select: { actorKind: true, reason: true },
      }),
    ).toEqual({ actorKind: "ANONYMOUS", reason: "The person is no longer in any group that gives a role." });
  });

  it("refuses an unverified email and a domain that is not allowed, with no session and no member, audited", async () => {
    for (const [email, password, reason] of [
      ["unverified@attache.test", "unverified-pass", "EmailNotVerified"],
      ["olga@outside.test", "outsider-pass", "DomainNotAllowed"],
    ] as const) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const browser = newBrowser();
        expect(await signIn(browser, email, password)).toBe(`${app.origin}/signin?error=${reason}`);
        expect(browser.app.cookies.has("next-auth.session-token")).toBe(false);
      }
      expect(await db.user.count({ where: { email } })).toBe(0);
      // Kept once per identity and hour: audit rows are forever, so repeats must not grow the log.
      expect(await db.auditEvent.count({ where: { action: "session.signInRefused", actorLabel: email } })).toBe(1);
    }
  });

  it("signs in again at the IdP (prompt=login, max_age=0) into a new session with a fresh sign-in time; the old one ends", async () => {
    const browser = newBrowser();
    await signIn(browser, "owner@attache.test", "owner-pass");
    const oldCookie = sessionCookie(browser);
    const oldToken = browser.app.cookies.get("next-auth.session-token") ?? "";
    expect((await memberOf("owner@attache.test"))?.role).toBe("owner");
    // As if that sign-in were an hour old.
    await db.session.updateMany({
      where: { sessionToken: oldToken },
      data: { authenticatedAt: new Date(Date.now() - 3_600_000) },
    });
    const stale = await auth.sessionFromCookies(db, oldCookie);
    expect(stale && auth.isRecentSignIn(stale.session)).toBe(false);

    await signIn(browser, "owner@attache.test", "owner-pass", { prompt: "login", max_age: "0" });
    const fresh = await auth.sessionFromCookies(db, sessionCookie(browser));
    expect(browser.app.cookies.get("next-auth.session-token")).not.toBe(oldToken);
    expect(fresh && auth.isRecentSignIn(fresh.session)).toBe(true);
    expect(await auth.sessionFromCookies(db, oldCookie)).toBeNull();
    expect(await db.session.count({ where: { sessionToken: oldToken } })).toBe(0);
  });

  it("signs out: the session ends and the sign-out is audited", async () => {
    const browser = newBrowser();
    await signIn(browser, "viewer@attache.test", "viewer-pass");
    const cookie = sessionCookie(browser);
    const userId = (await memberOf("viewer@attache.test"))?.userId;
    const before = await db.auditEvent.count({ where: { action: "session.signOut", actorUserId: userId } });

    const csrf = (await (await visit(browser, `${app.origin}/api/auth/csrf`)).json()) as { csrfToken: string };
    const response = await visit(browser, `${app.origin}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${app.origin}/signin` }).toString(),
    });
    expect(response.status).toBe(302);
    expect(await auth.sessionFromCookies(db, cookie)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "session.signOut", actorUserId: userId } })).toBe(before + 1);
  });

  it("answers a callbackUrl that is no URL, or another site's, by going home instead of failing", async () => {
    for (const callbackUrl of ["abc", "%zz", "//evil.example/x", "https://evil.example/", "javascript:alert(1)"]) {
      const browser = newBrowser();
      const csrf = (await (await visit(browser, `${app.origin}/api/auth/csrf`)).json()) as { csrfToken: string };
      const response = await visit(browser, `${app.origin}/api/auth/signin/oidc`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `csrfToken=${encodeURIComponent(csrf.csrfToken)}&callbackUrl=${encodeURIComponent(callbackUrl)}&json=true`,
      });
      expect(response.status, callbackUrl).toBe(200);
      expect(((await response.json()) as { url: string }).url.startsWith(idp.issuer)).toBe(true);
      const stored = new URL(decodeURIComponent(browser.app.cookies.get("next-auth.callback-url") ?? ""));
      expect(stored.origin, callbackUrl).toBe(app.origin);
    }
  });
});
