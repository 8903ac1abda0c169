import { createHash, timingSafeEqual } from "node:crypto";
import type { SignatureV4 } from "@smithy/signature-v4";
import { AwsError } from "../protocol/errors";

/**
 * Verifies an AWS Signature Version 4 by recomputing it with @smithy/signature-v4 — the signer the
 * AWS SDKs use — over the raw (still percent-encoded) path, the query, the signed headers and the
 * body (spec §2.3). Every failure is the same modelled 403, with a message saying what to fix.
 * The signer is the key's own (see signing-keys.ts), so its derived signing key is reused.
 */

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * One answer for a wrong secret (or an old one past its grace period), an unknown key, an expired
 * one and a revoked one, so the API does not tell a caller which access key ids exist.
 */
export const NOT_VERIFIED =
  "The request signature does not match, or its access key is unknown, expired or revoked. Check the access key id, the secret access key and that the client signs for this endpoint.";

/** For a request signed for a Host that is not this deployment's (see allowed-hosts.ts); says nothing about the key. */
export const WRONG_HOST =
  "The request is signed for another host than this endpoint's. Set the client's endpoint to this deployment's API URL, as shown on the console's API keys page.";

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

export type TSignedRequest = {
  method: string;
  /** The request URL exactly as received: its path still percent-encoded. */
  url: URL;
  headers: THeaderReader;
  body: Uint8Array;
};

/** Case-insensitive header lookup, as fetch's Headers offers it. */
export type THeaderReader = { get(name: string): string | null };

export type TCredentialScope = { accessKeyId: string; region: string; service: string };

function denied(message: string): AwsError {
  return new AwsError("AccessDeniedException", message);
}

function parseAmzDate(value: string | null): Date | null {
  const match = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
  return Number.isNaN(date.getTime()) ? null : date;
}

const formatAmzDate = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/**
 * Checks the request's shape (header, scope, date, body hash) and returns who claims to have signed
 * it; `verifySignature` then checks the claim with that key's secret.
 */
export function readSignature(request: TSignedRequest, { service, now }: { service: string; now: Date }) {
  const authorization = request.headers.get("authorization");
  if (!authorization) {
    throw denied("The request is not signed. Sign it with AWS Signature Version 4 (any AWS SDK does).");
  }
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match) throw denied("The Authorization header is not a valid AWS4-HMAC-SHA256 signature.");
  const [, accessKeyId = "", scopeDate, region = "", scopeService, signedHeaderList = "", signature = ""] = match;
  if (scopeService !== service) {
    throw denied(`The credential scope names the service "${scopeService}"; this API is signed for "${service}".`);
  }
  const amzDate = request.headers.get("x-amz-date");
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) throw denied("The request has no valid X-Amz-Date header (yyyyMMddTHHmmssZ).");
  if (amzDate?.slice(0, 8) !== scopeDate) throw denied("The credential scope date does not match X-Amz-Date.");
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw denied(
      `Signature expired: ${amzDate} is more than 5 minutes away from the server time ${formatAmzDate(now)}. Check the client's clock.`,
    );
  }
  const signedHeaders = signedHeaderList.split(";");
  if (!signedHeaders.includes("host")) throw denied("The signature must cover the Host header.");
  // The body must be covered by the signature: no UNSIGNED-PAYLOAD or streaming payloads, and a
  // declared hash must itself be signed and match the body.
  const declaredHash = request.headers.get("x-amz-content-sha256");
  if (declaredHash !== null) {
    if (!/^[0-9a-f]{64}$/.test(declaredHash)) {
      throw denied("X-Amz-Content-Sha256 must be the hex SHA-256 of the body; unsigned payloads are not accepted.");
    }
    if (!signedHeaders.includes("x-amz-content-sha256")) throw denied("The signature must cover X-Amz-Content-Sha256.");
    const actualHash = createHash("sha256").update(request.body).digest("hex");
    if (declaredHash !== actualHash) throw denied("The X-Amz-Content-Sha256 header does not match the request body.");
  }
  return { scope: { accessKeyId, region, service } as TCredentialScope, signedHeaders, signature, signingDate };
}

/**
 * Whether `signer`'s secret produces the claimed signature. Fails (the same for any key) only when
 * a signed header is missing; each call costs one signature, whatever the answer.
 */
export async function signatureMatches(
  request: TSignedRequest,
  claim: ReturnType<typeof readSignature>,
  signer: SignatureV4,
): Promise<boolean> {
  const headers: Record<string, string> = {};
  for (const name of claim.signedHeaders) {
    const value = request.headers.get(name);
    if (value === null) throw denied(`The signed header "${name}" is missing from the request.`);
    headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of request.url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      port: request.url.port ? Number(request.url.port) : undefined,
      path: request.url.pathname,
      query,
      headers,
      body: request.body.byteLength ? request.body : undefined,
    },
    { signingDate: claim.signingDate, signingRegion: claim.scope.region, signingService: claim.scope.service },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ""))?.[1] ?? "";
  return (
    expected.length === claim.signature.length &&
    timingSafeEqual(Buffer.from(expected, "utf8"), Buffer.from(claim.signature, "utf8"))
  );
}
