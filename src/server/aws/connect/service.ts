import { randomBytes } from "node:crypto";
import { createApiKeyUseRecorder } from "@/server/api-keys/api-keys";
import type { TDb } from "@/server/db";
import type { TApiKeyActor } from "@/server/team/team";
import { createHostCheck } from "../auth/allowed-hosts";
import { connectSigner, createSigningKeyCache, type TVerifiedKey } from "../auth/signing-keys";
import { NOT_VERIFIED, readSignature, signatureMatches, WRONG_HOST } from "../auth/sigv4";
import { AwsError } from "../protocol/errors";
import type { TAwsService } from "../protocol/service";
import { connectErrors } from "./errors";
import { CONNECT_OPERATIONS } from "./operations";

export const CONNECT_SIGNING_NAME = "connect";

/** Signs with a random secret no caller has: the stand-in for a key or secret that cannot be used. */
const nobodysSigner = connectSigner("unknown", randomBytes(32).toString("base64"));

/** The key's signers that may sign at `at`: none once it has expired; the old secret only during its grace period. */
function usableSigners(key: TVerifiedKey | null, at: Date) {
  if (!key || (key.expiresAt && key.expiresAt <= at)) return { current: null, previous: null };
  const graceRuns = key.previous !== null && at < key.previous.expiresAt;
  return { current: key.signer, previous: graceRuns ? key.previousSigner : null };
}

/**
 * Amazon Connect (`@aws-sdk/client-connect`): SigV4 with Attache's API keys (signing name
 * "connect"), verified against keys cached per server (see auth/signing-keys.ts); each call counts
 * against its key's rate limits and records the key's last use (time and client address).
 * With `allowedHosts`, a request signed for any other Host is refused before its key is looked up.
 */
export function createConnectService({
  db,
  serverKey,
  now,
  allowedHosts,
}: {
  db: TDb;
  serverKey: string;
  now: () => Date;
  allowedHosts?: readonly string[];
}): TAwsService<TApiKeyActor> {
  const keys = createSigningKeyCache({ db, serverKey, now: () => now().getTime() });
  const recordUse = createApiKeyUseRecorder({ db });
  const hostAllowed = allowedHosts ? createHostCheck(allowedHosts) : null;
  return {
    name: "connect",
    signingName: CONNECT_SIGNING_NAME,
    errors: connectErrors,
    operations: CONNECT_OPERATIONS,
    async authenticate(request, at) {
      const claim = readSignature(request, { service: CONNECT_SIGNING_NAME, now: at });
      if (hostAllowed && !hostAllowed(request.headers.get("host")))
        throw new AwsError("AccessDeniedException", WRONG_HOST);
      const key = await keys.get(claim.scope.accessKeyId);
      const { current, previous } = usableSigners(key, at);
      // Every refusal costs two signatures — unknown, revoked or expired key, wrong secret, old secret
      // past its grace period — so neither the answer nor the time it takes tells them apart.
      const currentMatches = await signatureMatches(request, claim, current ?? nobodysSigner);
      const previousMatches = !currentMatches && (await signatureMatches(request, claim, previous ?? nobodysSigner));
      if (!key || !((currentMatches && current) || (previousMatches && previous))) {
        throw new AwsError("AccessDeniedException", NOT_VERIFIED);
      }
      return {
        actor: key.actor,
        rateLimitKey: key.actor.apiKeyId,
        admitted: ({ at: usedAt, clientAddress }) => recordUse(key.actor.apiKeyId, usedAt, clientAddress),
      };
    },
    ready: keys.ready,
    close: keys.close,
  };
}
