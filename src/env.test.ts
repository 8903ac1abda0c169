import { describe, expect, it } from "vitest";
import {
  apiHosts,
  EnvError,
  launchEnv,
  parseRateLimits,
  parseRoleGroups,
  parseServerEnv,
  seedsDemoData,
  testBrowserEnv,
} from "./env";

const minimalServer = {
  DATABASE_URL: "postgresql://a:b@127.0.0.1:5432/attache",
  NEXTAUTH_SECRET: "s".repeat(32),
  ATTACHE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64url"),
  OIDC_ISSUER: "https://idp.example.test",
  OIDC_CLIENT_ID: "attache",
  OIDC_CLIENT_SECRET: "secret",
};

describe("environment", () => {
  it("fills in defaults and treats empty variables as unset", () => {
    const env = parseServerEnv({ ...minimalServer, ATTACHE_AWS_REGION: "", OIDC_DISPLAY_NAME: "" });
    expect(env.ATTACHE_AWS_REGION).toBe("us-east-1");
    expect(env.OIDC_DISPLAY_NAME).toBe("SSO");
    expect(env.OIDC_TRUST_EMAIL).toBe(false);
  });

  it("normalizes the allowed domains and the bootstrap email", () => {
    const env = parseServerEnv({
      ...minimalServer,
      ATTACHE_ALLOWED_EMAIL_DOMAINS: " Acme.test, ,partner.TEST ",
      ATTACHE_BOOTSTRAP_OWNER_EMAIL: "Boss@Acme.test",
    });
    expect(env.ATTACHE_ALLOWED_EMAIL_DOMAINS).toEqual(["acme.test", "partner.test"]);
    expect(env.ATTACHE_BOOTSTRAP_OWNER_EMAIL).toBe("boss@acme.test");
  });

  it("names every invalid variable in one error", () => {
    expect(() => parseServerEnv({ ...minimalServer, NEXTAUTH_SECRET: "short", ATTACHE_AWS_ACCOUNT_ID: "12" })).toThrow(
      EnvError,
    );
    try {
      parseServerEnv({ ...minimalServer, NEXTAUTH_SECRET: "short", ATTACHE_AWS_ACCOUNT_ID: "12" });
    } catch (error) {
      expect((error as Error).message).toContain("NEXTAUTH_SECRET");
      expect((error as Error).message).toContain("ATTACHE_AWS_ACCOUNT_ID");
    }
  });

  it("seeds demo data only with the embedded database and the dev IdP, unless told otherwise", () => {
    expect(seedsDemoData(launchEnv({}))).toBe(true);
    expect(seedsDemoData(launchEnv({ OIDC_ISSUER: "https://idp.example.test" }))).toBe(false);
    expect(seedsDemoData(launchEnv({ DATABASE_URL: minimalServer.DATABASE_URL }))).toBe(false);
    expect(seedsDemoData(launchEnv({ ATTACHE_SEED_DEMO: "true", OIDC_ISSUER: "https://idp.example.test" }))).toBe(true);
  });

  it("reads CI=false as not CI", () => {
    expect(testBrowserEnv({ CI: "true" }).ci).toBe(true);
    expect(testBrowserEnv({ CI: "1" }).ci).toBe(true);
    expect(testBrowserEnv({ CI: "false" }).ci).toBe(false);
    expect(testBrowserEnv({}).ci).toBe(false);
  });
});

describe("API rate limits", () => {
  it("reads a default and per-operation overrides", () => {
    expect(parseRateLimits("50/10, UpdateAttachedFilesConfiguration=5/1")).toEqual({
      default: { points: 50, durationSeconds: 10 },
      operations: { UpdateAttachedFilesConfiguration: { points: 5, durationSeconds: 1 } },
    });
    expect(parseServerEnv(minimalServer).ATTACHE_AWS_RATE_LIMITS.default).toEqual({ points: 20, durationSeconds: 1 });
  });

  it("refuses what it cannot read, naming the part", () => {
    expect(() => parseRateLimits("20 per second")).toThrow('"20 per second"');
    expect(() => parseRateLimits("0/1")).toThrow('"0/1"');
    expect(() => parseServerEnv({ ...minimalServer, ATTACHE_AWS_RATE_LIMITS: "x=1" })).toThrow(EnvError);
  });

  it("needs an encryption key of at least 32 bytes", () => {
    expect(() => parseServerEnv({ ...minimalServer, ATTACHE_ENCRYPTION_KEY: "c2hvcnQ" })).toThrow(
      "ATTACHE_ENCRYPTION_KEY",
    );
  });
});

describe("ATTACHE_OIDC_ROLE_GROUPS", () => {
  it("maps groups to roles, keeping the group's case and an = inside its name", () => {
    expect(parseRoleGroups(" attache-owners=owner, /Attache/Admins=Admin,team=ops=editor,")).toEqual([
      { group: "attache-owners", role: "owner" },
      { group: "/Attache/Admins", role: "admin" },
      { group: "team=ops", role: "editor" },
    ]);
    expect(parseRoleGroups("")).toEqual([]);
  });

  it("refuses an entry without a group or with an unknown role, naming it", () => {
    for (const text of ["attache-owners", "=owner", "ops=superuser"]) {
      expect(() => parseRoleGroups(text)).toThrow(`"${text}"`);
    }
  });
});

describe("apiHosts", () => {
  const env = (extra: Record<string, string>) =>
    parseServerEnv({
      DATABASE_URL: "postgresql://a@127.0.0.1/b",
      NEXTAUTH_SECRET: "x".repeat(32),
      OIDC_ISSUER: "https://idp.example.com",
      OIDC_CLIENT_ID: "c",
      OIDC_CLIENT_SECRET: "s",
      ATTACHE_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"),
      ...extra,
    });

  it("is NEXTAUTH_URL's host, or every loopback name on its port when it is a loopback URL", () => {
    expect(apiHosts(env({ NEXTAUTH_URL: "https://attache.example.com" }))).toEqual(["attache.example.com"]);
    expect(apiHosts(env({ NEXTAUTH_URL: "http://localhost:3000" }))).toEqual([
      "localhost:3000",
      "127.0.0.1:3000",
      "[::1]:3000",
    ]);
  });

  it("is exactly ATTACHE_API_HOSTS when set", () => {
    expect(
      apiHosts(
        env({ NEXTAUTH_URL: "http://localhost:3000", ATTACHE_API_HOSTS: "api.example.com, Attache.Example.com:8443" }),
      ),
    ).toEqual(["api.example.com", "attache.example.com:8443"]);
  });
});
