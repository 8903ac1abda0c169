/**
 * A local OpenID Provider for development and tests, built on `oidc-provider` (a certified OP).
 * It runs the real authorization-code flow with PKCE against next-auth, on loopback only, with the
 * demo people of ./demo-users.ts. It is started by `npm start` only when no OIDC_ISSUER is configured.
 */
import { generateKeyPairSync, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { assertPortFree } from "../launch/ports";
import { DEMO_USERS, type TDemoUser } from "./demo-users";
import { renderLoginPage, renderMessagePage } from "./pages";

export type TDevIdp = { issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> };

const HOST = "127.0.0.1";
const CLIENT_ID = "attache-console";
const SCOPES = "openid email profile";

/**
 * The groups claim of a demo person: "attache-<role>s" for the role they are invited with, so
 * ATTACHE_OIDC_ROLE_GROUPS can be tried out (e.g. "attache-admins=admin") against this IdP.
 */
export function demoGroups(user: TDemoUser): string[] {
  return user.role ? [`attache-${user.role}s`] : [];
}

function findDemoUser(email: string, password: string): TDemoUser | undefined {
  const user = DEMO_USERS.find((candidate) => candidate.email === email.trim().toLowerCase());
  const expected = Buffer.from(user?.password ?? "\0".repeat(password.length || 1));
  const given = Buffer.from(password);
  const matches = expected.length === given.length && timingSafeEqual(expected, given);
  return user && matches ? user : undefined;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

function send(res: http.ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:* http://127.0.0.1:*",
  });
  res.end(html);
}

export async function startDevIdp(input: { port: number; redirectUris: string[] }): Promise<TDevIdp> {
  await assertPortFree({
    port: input.port,
    host: HOST,
    what: "the development OpenID Provider",
    envVar: "ATTACHE_IDP_PORT",
  });
  const issuer = `http://${HOST}:${input.port}`;
  const clientSecret = randomBytes(24).toString("base64url");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: input.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => {
      const user = DEMO_USERS.find((candidate) => candidate.sub === sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: user.email,
          email_verified: user.emailVerified,
          name: user.name,
          groups: demoGroups(user),
        }),
      };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Attache is this IdP's only, first-party client: grant its scopes without a consent screen.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const clientId = ctx.oidc.client?.clientId;
      const accountId = ctx.oidc.session?.accountId;
      if (!clientId || !accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    // Short lifetimes: the tokens are only exchanged once, at sign-in (seconds).
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "dev-idp", use: "sig", alg: "RS256" }] },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderMessagePage("Sign-in could not continue", out.error_description ?? out.error);
    },
  };
  const provider = new Provider(issuer, configuration);
  const providerHandler = provider.callback();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!match) return providerHandler(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== match[1])
        return send(res, 400, renderMessagePage("Sign-in expired", "Start again from Attache."));
      if (req.method === "POST" && match[2]) {
        const form = await readForm(req);
        const email = form.get("email") ?? "";
        const user = findDemoUser(email, form.get("password") ?? "");
        if (!user) {
          return send(res, 401, renderLoginPage({ uid: details.uid, email, error: "Wrong email or password." }));
        }
        return await provider.interactionFinished(
          req,
          res,
          { login: { accountId: user.sub } },
          { mergeWithLastSubmission: false },
        );
      }
      return send(res, 200, renderLoginPage({ uid: details.uid }));
    } catch {
      return send(
        res,
        400,
        renderMessagePage("Sign-in expired", "This sign-in attempt is no longer valid. Start again from Attache."),
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(input.port, HOST, resolve);
  });
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
