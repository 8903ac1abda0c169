import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for secrets the server must read back (API key secrets, to recompute SigV4). The key
 * is derived from the server key with HKDF, per purpose; `context` (the access key id) is bound as
 * associated data, so a ciphertext copied onto another key's row does not decrypt.
 */
const VERSION = "v1";

function deriveKey(serverKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(serverKey, "base64url"), Buffer.alloc(0), purpose, 32));
}

export function sealSecret({
  serverKey,
  purpose,
  context,
  plaintext,
}: {
  serverKey: string;
  purpose: string;
  context: string;
  plaintext: string;
}): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(serverKey, purpose), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

/** The plaintext, or null when the box was sealed under another key or context, or altered. */
export function openSecret({
  serverKey,
  purpose,
  context,
  sealed,
}: {
  serverKey: string;
  purpose: string;
  context: string;
  sealed: string;
}): string | null {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !ciphertext || !tag) return null;
  try {
    const authTag = Buffer.from(tag, "base64url");
    if (authTag.length !== 16) return null;
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(serverKey, purpose), Buffer.from(iv, "base64url"), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
