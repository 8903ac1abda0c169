import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { findSigningKey, type TSigningKey } from "@/server/api-keys/api-keys";
import type { TDb } from "@/server/db";
import { listenForChanges } from "@/server/db/notifications";

/** The PostgreSQL channel the ApiKey and ApiKeyInstance rules notify (see their migration). */
export const API_KEY_CHANGES_CHANNEL = "attache_api_keys";

/**
 * How long a verified key is trusted without asking PostgreSQL again. Changes normally arrive by
 * NOTIFY within milliseconds of their commit; this expiry is the bound if a notification is lost.
 */
export const SIGNING_KEY_TTL_MS = 1000;

/** Unknown access key ids are cached too (a flood of them must not each cost a query), up to a bound. */
const MAX_ENTRIES = 10_000;

export type TVerifiedKey = TSigningKey & {
  signer: SignatureV4;
  /** The secret from before the last rotation, while it has a grace period (its end in `previous`). */
  previousSigner: SignatureV4 | null;
};

/** SigV4 as the Connect SDK signs; one per secret, so its signing-key cache is reused. */
export function connectSigner(accessKeyId: string, secretAccessKey: string): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region: "us-east-1",
    service: "connect",
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: true,
    applyChecksum: false,
  });
}

/**
 * Verified API key material, in memory: the decrypted secret, the actor, and one SigV4 signer per
 * key so its signing-key cache (one HMAC chain per day, region and service) is reused. Loads are
 * shared by concurrent requests. Revocation, rotation and scope changes reach every app server
 * within SIGNING_KEY_TTL_MS at most, normally at once (LISTEN/NOTIFY clears the cache).
 */
export function createSigningKeyCache({
  db,
  serverKey,
  now = Date.now,
}: {
  db: TDb;
  serverKey: string;
  now?: () => number;
}) {
  const entries = new Map<string, { expiresAt: number; key: Promise<TVerifiedKey | null> }>();
  const listener = listenForChanges(db, API_KEY_CHANGES_CHANNEL, () => entries.clear());

  async function load(accessKeyId: string): Promise<TVerifiedKey | null> {
    const key = await findSigningKey({ db, accessKeyId, serverKey });
    if (!key) return null;
    return {
      ...key,
      signer: connectSigner(accessKeyId, key.secretAccessKey),
      previousSigner: key.previous ? connectSigner(accessKeyId, key.previous.secretAccessKey) : null,
    };
  }

  return {
    ready: listener.ready,
    /** The non-revoked key with this access key id, or null (unknown, revoked, unreadable); expiry is the caller's to check. */
    get(accessKeyId: string): Promise<TVerifiedKey | null> {
      const at = now();
      const cached = entries.get(accessKeyId);
      if (cached && cached.expiresAt > at) return cached.key;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      const key = load(accessKeyId);
      const entry = { expiresAt: at + SIGNING_KEY_TTL_MS, key };
      entries.set(accessKeyId, entry);
      // A failed load (database down) is not remembered.
      key.catch(() => {
        if (entries.get(accessKeyId) === entry) entries.delete(accessKeyId);
      });
      return key;
    },
    close: listener.close,
  };
}
