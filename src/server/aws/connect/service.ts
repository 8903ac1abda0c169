import { createApiKeyUseRecorder } from "@/server/api-keys/api-keys";
import type { TDb } from "@/server/db";
import type { TApiKeyActor } from "@/server/team/team";
import { createSigningKeyCache } from "../auth/signing-keys";
import { readSignature, verifySignature } from "../auth/sigv4";
import { AwsError } from "../protocol/errors";
import type { TAwsService } from "../protocol/service";
import { connectErrors } from "./errors";
import { CONNECT_OPERATIONS } from "./operations";

export const CONNECT_SIGNING_NAME = "connect";

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
        throw new AwsError(
          "AccessDeniedException",
          `The access key ${claim.scope.accessKeyId} does not exist or has been revoked.`,
        );
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
