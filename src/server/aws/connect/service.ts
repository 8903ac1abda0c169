import { randomBytes } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { createApiKeyUseRecorder } from "@/server/api-keys/api-keys";
import type { TDb } from "@/server/db";
import type { TApiKeyActor } from "@/server/team/team";
import { createSigningKeyCache } from "../auth/signing-keys";
import { NOT_VERIFIED, readSignature, verifySignature } from "../auth/sigv4";
import { AwsError } from "../protocol/errors";
import type { TAwsService } from "../protocol/service";
import { connectErrors } from "./errors";
import { CONNECT_OPERATIONS } from "./operations";

export const CONNECT_SIGNING_NAME = "connect";

/** Signs with a random secret no caller has, for requests whose access key is unknown or revoked. */
const unknownKeySigner = new SignatureV4({
  credentials: { accessKeyId: "unknown", secretAccessKey: randomBytes(32).toString("base64") },
  region: "us-east-1",
  service: CONNECT_SIGNING_NAME,
  sha256: Hash.bind(null, "sha256"),
  uriEscapePath: true,
  applyChecksum: false,
});

/**
 * Amazon Connect (`@aws-sdk/client-connect`): SigV4 with Attache's API keys (signing name
 * "connect"), verified against keys cached per server (see auth/signing-keys.ts); each call counts
 * against its key's rate limits and records the key's last use.
 */
export function createConnectService({
  db,
  serverKey,
  now,
}: {
  db: TDb;
  serverKey: string;
  now: () => Date;
}): TAwsService<TApiKeyActor> {
  const keys = createSigningKeyCache({ db, serverKey, now: () => now().getTime() });
  const recordUse = createApiKeyUseRecorder({ db });
  return {
    name: "connect",
    signingName: CONNECT_SIGNING_NAME,
    errors: connectErrors,
    operations: CONNECT_OPERATIONS,
    async authenticate(request, at) {
      const claim = readSignature(request, { service: CONNECT_SIGNING_NAME, now: at });
      const key = await keys.get(claim.scope.accessKeyId);
      if (!key) {
        // Verified against a key nobody holds: the same work and the same answer as a wrong secret.
        await verifySignature(request, claim, unknownKeySigner);
        throw new AwsError("AccessDeniedException", NOT_VERIFIED);
      }
      await verifySignature(request, claim, key.signer);
      return {
        actor: key.actor,
        rateLimitKey: key.actor.apiKeyId,
        admitted: (usedAt) => recordUse(key.actor.apiKeyId, usedAt),
      };
    },
    ready: keys.ready,
    close: keys.close,
  };
}
