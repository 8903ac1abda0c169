import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The security headers of every answer Attache's listener gives (see app-listener.ts). Pages get a
 * Content-Security-Policy with a fresh script nonce per response; Next.js reads that nonce from the
 * request's own `content-security-policy` header (getScriptNonceFromHeaders) and puts it on its
 * inline and chunk scripts, so the listener sets the same policy on the request before Next.js
 * sees it. The APIs answer JSON only and get a policy that allows nothing. A route with a stricter
 * policy of its own (media, downloads) keeps it: headers given to writeHead win over these.
 */

export type TSecurityOptions = {
  /** `next dev`: React needs eval for its debugging aids, and the dev server's websocket. */
  dev: boolean;
  /** NEXTAUTH_URL is https: browsers are told to keep to HTTPS (HSTS). */
  https: boolean;
  /** Origins a form may post to besides Attache itself: the OpenID Provider's (sign-in round trips). */
  formActionOrigins: readonly string[];
  /** Origins the console's scripts may call besides Attache itself: the object store's (browser uploads). */
  connectOrigins: readonly string[];
};

export const DEFAULT_SECURITY_OPTIONS: TSecurityOptions = {
  dev: false,
  https: false,
  formActionOrigins: [],
  connectOrigins: [],
};

/** Everything a JSON answer needs: nothing may load, nothing may frame it. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Features the console never uses, turned off for it and anything it could embed. */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** One year; not includeSubDomains, since the deployment's other hosts are not Attache's to decide. */
const HSTS = "max-age=31536000";

/** 128 random bits, base64 (the alphabet CSP nonces and Next.js's nonce parser accept). */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The console's policy for one response, with `nonce` the only way for an inline script to run. */
export function buildPagePolicy(nonce: string, options: TSecurityOptions): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts the nonced ones load (Next.js's chunks) may run, host lists are ignored.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    // Next.js and Tailwind set inline styles; styles cannot run code.
    ["style-src", "'self'", "'unsafe-inline'"],
    // Branding previews show picked files (blob:) and images pasted as data: URLs.
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...options.connectOrigins, ...(options.dev ? ["ws:"] : [])],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'", ...options.formActionOrigins],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** The nonce in a policy built by buildPagePolicy (what the root layout hands to its own inline script). */
export function nonceOfPolicy(policy: string | null | undefined): string | undefined {
  return policy ? /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(policy)?.[1] : undefined;
}

/** The headers every answer carries, whatever it is. */
export function baseSecurityHeaders(options: TSecurityOptions): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "x-frame-options": "DENY",
    ...(options.https ? { "strict-transport-security": HSTS } : {}),
  };
}

/** Where an answer goes: a page (HTML Next.js renders, with a nonce), or JSON from an API (never cached). */
export type TResponseKind = "page" | "api";

/**
 * Sets the headers on `outgoing` before its handler runs; for a page, also puts the policy on the
 * request so Next.js uses its nonce. A header the handler passes to writeHead replaces the one set here.
 */
export function applySecurityHeaders(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  kind: TResponseKind,
  options: TSecurityOptions,
): void {
  for (const [name, value] of Object.entries(baseSecurityHeaders(options))) outgoing.setHeader(name, value);
  // Whatever a client sent in these request headers must not choose the nonce Next.js uses.
  delete incoming.headers["content-security-policy-report-only"];
  if (kind === "api") {
    delete incoming.headers["content-security-policy"];
    outgoing.setHeader("content-security-policy", API_CONTENT_SECURITY_POLICY);
    outgoing.setHeader("cache-control", "no-store");
    return;
  }
  const policy = buildPagePolicy(createNonce(), options);
  incoming.headers["content-security-policy"] = policy;
  outgoing.setHeader("content-security-policy", policy);
}

/**
 * The origins the console's policy must name besides its own, from the deployment's settings: the
 * OpenID Provider's (form-action) and the S3-compatible store's that browsers upload to (connect-src).
 */
export function securityOptionsFor({
  dev,
  appUrl,
  oidcIssuer,
  objectStore,
}: {
  dev: boolean;
  appUrl: string;
  oidcIssuer: string;
  objectStore:
    | { driver: "local" }
    | { driver: "s3"; bucket: string; region: string; endpoint?: string; forcePathStyle: boolean };
}): TSecurityOptions {
  return {
    dev,
    https: new URL(appUrl).protocol === "https:",
    formActionOrigins: [new URL(oidcIssuer).origin].filter((origin) => origin !== new URL(appUrl).origin),
    connectOrigins: objectStoreOrigins(objectStore),
  };
}

/** The origins of the store's presigned URLs: virtual-hosted (bucket.host) unless path-style is forced. */
export function objectStoreOrigins(
  store:
    | { driver: "local" }
    | { driver: "s3"; bucket: string; region: string; endpoint?: string; forcePathStyle: boolean },
): string[] {
  if (store.driver === "local") return [];
  if (store.endpoint) {
    const endpoint = new URL(store.endpoint);
    return [store.forcePathStyle ? endpoint.origin : `${endpoint.protocol}//${store.bucket}.${endpoint.host}`];
  }
  // AWS S3: the SDK uses path-style URLs for bucket names that are not DNS-compatible (dots).
  return [`https://${store.bucket}.s3.${store.region}.amazonaws.com`, `https://s3.${store.region}.amazonaws.com`];
}
