import { describe, expect, it } from "vitest";
import {
  API_CONTENT_SECURITY_POLICY,
  baseSecurityHeaders,
  buildPagePolicy,
  createNonce,
  DEFAULT_SECURITY_OPTIONS,
  nonceOfPolicy,
  objectStoreOrigins,
  securityOptionsFor,
  type TSecurityOptions,
} from "./security-headers";

/** A policy as a map of directive → sources. */
const directivesOf = (policy: string) =>
  Object.fromEntries(
    policy.split(";").map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );

const production: TSecurityOptions = {
  dev: false,
  https: true,
  formActionOrigins: ["https://idp.example.com"],
  connectOrigins: ["https://attache-files.s3.eu-west-1.amazonaws.com"],
};

describe("the console's Content-Security-Policy", () => {
  it("lets only scripts with the response's nonce run, and what they load ('strict-dynamic')", () => {
    const directives = directivesOf(buildPagePolicy("abc123==", production));
    expect(directives["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'none'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives["img-src"]).toEqual(["'self'", "data:", "blob:"]);
  });

  it("names the IdP for forms and the object store for uploads, and nothing else", () => {
    const directives = directivesOf(buildPagePolicy("n", production));
    expect(directives["form-action"]).toEqual(["'self'", "https://idp.example.com"]);
    expect(directives["connect-src"]).toEqual(["'self'", "https://attache-files.s3.eu-west-1.amazonaws.com"]);
    expect(buildPagePolicy("n", production)).not.toMatch(/unsafe-eval|ws:|\*/);
  });

  it("allows eval and the dev server's websocket only under next dev", () => {
    const directives = directivesOf(buildPagePolicy("n", { ...DEFAULT_SECURITY_OPTIONS, dev: true }));
    expect(directives["script-src"]).toContain("'unsafe-eval'");
    expect(directives["connect-src"]).toEqual(["'self'", "ws:"]);
  });

  it("hands its nonce back to the layout, and no nonce when there is none", () => {
    const nonce = createNonce();
    expect(nonceOfPolicy(buildPagePolicy(nonce, production))).toBe(nonce);
    expect(nonceOfPolicy(API_CONTENT_SECURITY_POLICY)).toBeUndefined();
    expect(nonceOfPolicy(null)).toBeUndefined();
  });

  it("uses a fresh 128-bit nonce each time, in the alphabet Next.js reads", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("the headers every response carries", () => {
  it("forbid sniffing, framing and powerful features, and limit the referrer", () => {
    const headers = baseSecurityHeaders(DEFAULT_SECURITY_OPTIONS);
    expect(headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
    });
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      expect(headers["permissions-policy"]).toContain(`${feature}=()`);
    }
  });

  it("include HSTS only when Attache is served over HTTPS", () => {
    expect(baseSecurityHeaders(DEFAULT_SECURITY_OPTIONS)["strict-transport-security"]).toBeUndefined();
    expect(baseSecurityHeaders(production)["strict-transport-security"]).toBe("max-age=31536000");
  });

  it("for an API: a policy that allows nothing", () => {
    expect(directivesOf(API_CONTENT_SECURITY_POLICY)).toEqual({
      "default-src": ["'none'"],
      "frame-ancestors": ["'none'"],
    });
  });
});

describe("the deployment's origins", () => {
  it("come from NEXTAUTH_URL, the issuer and the object store", () => {
    expect(
      securityOptionsFor({
        dev: false,
        appUrl: "https://attache.example.com",
        oidcIssuer: "https://login.example.com/oauth2/default",
        objectStore: {
          driver: "s3",
          bucket: "files",
          region: "eu-west-1",
          endpoint: "https://minio.example.com:9000",
          forcePathStyle: true,
        },
      }),
    ).toEqual({
      dev: false,
      https: true,
      formActionOrigins: ["https://login.example.com"],
      connectOrigins: ["https://minio.example.com:9000"],
    });
    // The development IdP on loopback is another origin too; the local store is Attache itself.
    expect(
      securityOptionsFor({
        dev: true,
        appUrl: "http://localhost:3000",
        oidcIssuer: "http://localhost:3001",
        objectStore: { driver: "local" },
      }),
    ).toEqual({ dev: true, https: false, formActionOrigins: ["http://localhost:3001"], connectOrigins: [] });
  });

  it("name the bucket's host for virtual-hosted URLs, the endpoint's for path-style ones", () => {
    const s3 = { driver: "s3", bucket: "files", region: "us-east-1", forcePathStyle: false } as const;
    expect(objectStoreOrigins({ ...s3, endpoint: "http://127.0.0.1:4569" })).toEqual(["http://files.127.0.0.1:4569"]);
    expect(objectStoreOrigins({ ...s3, endpoint: "http://127.0.0.1:4569", forcePathStyle: true })).toEqual([
      "http://127.0.0.1:4569",
    ]);
    expect(objectStoreOrigins(s3)).toEqual([
      "https://files.s3.us-east-1.amazonaws.com",
      "https://s3.us-east-1.amazonaws.com",
    ]);
    expect(objectStoreOrigins({ driver: "local" })).toEqual([]);
  });
});
