/**
 * Rules both object-store drivers apply to what they are asked to sign or store. Breaking one is a
 * programming error (keys and sizes come from the server, never straight from a client), so these
 * throw rather than return a refusal.
 */

/**
 * Keys such as `attache/files/<uuid>` or `recordings/call-1.wav`: no segment starts with a dot (so
 * no `.` or `..`), no empty segment, no leading or trailing slash.
 */
const LOCAL_KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;
export const MAX_LOCAL_KEY_LENGTH = 200;

export const isLocalKey = (key: string) => key.length <= MAX_LOCAL_KEY_LENGTH && LOCAL_KEY.test(key);

export function assertLocalKey(key: string): void {
  if (!isLocalKey(key)) {
    throw new Error(
      `Object key ${JSON.stringify(key.slice(0, 80))} is not valid: use 1–${MAX_LOCAL_KEY_LENGTH} characters of A–Z, a–z, 0–9, ".", "_", "-" in "/"-separated segments that do not start with a dot.`,
    );
  }
}

/** Any key S3 itself accepts (1–1024 UTF-8 bytes), minus control characters; a bucket may hold keys Attache did not make. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const S3_KEY_FORBIDDEN = /[\u0000-\u001f\u007f]/;
export const isS3Key = (key: string) =>
  key.length > 0 && Buffer.byteLength(key) <= 1024 && !S3_KEY_FORBIDDEN.test(key) && !key.startsWith("/");

export function assertS3Key(key: string): void {
  if (!isS3Key(key)) {
    throw new Error(
      `Object key ${JSON.stringify(key.slice(0, 80))} is not valid: use 1–1024 bytes, no control characters, no leading "/".`,
    );
  }
}

/** The largest object one PUT may carry (S3's own limit for a single PUT). */
export const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
/** The longest a presigned URL may live (S3's own limit for SigV4 query signing). */
export const MAX_URL_SECONDS = 7 * 24 * 3600;

export function assertContentLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_OBJECT_BYTES) {
    throw new Error(`Content length ${length} is not a whole number of bytes from 0 to ${MAX_OBJECT_BYTES}.`);
  }
}

/** A media type as it goes into a header: printable ASCII, e.g. `application/pdf` or `text/plain; charset=utf-8`. */
const CONTENT_TYPE = /^[!-~](?:[ -~]{0,253}[!-~])?$/;
export function assertContentType(contentType: string): void {
  if (!CONTENT_TYPE.test(contentType) || !contentType.includes("/")) {
    throw new Error(
      `Content type ${JSON.stringify(contentType.slice(0, 80))} is not a media type such as application/pdf.`,
    );
  }
}

export function assertExpiresIn(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_URL_SECONDS) {
    throw new Error(`expiresInSeconds ${seconds} is not a whole number from 1 to ${MAX_URL_SECONDS}.`);
  }
}

/** RFC 5987 encoding for `filename*`: everything but attr-chars is percent-encoded. */
const encodeRfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="<ascii fallback>"; filename*=UTF-8''<encoded>`: old clients read the ASCII
 * name (anything else, quotes and backslashes included, becomes "_"), current ones the exact name.
 * Path separators never survive, so a name cannot point outside the download folder.
 */
export function attachmentDisposition(fileName: string): string {
  const name = fileName.replace(/[/\\]/g, "_").trim() || "download";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are replaced on purpose
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "_");
  const ascii = cleaned.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(cleaned)}`;
}

/** `s3://<bucket>/<key>` → its parts, or null when it is not such a URI. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | null {
  const match = /^s3:\/\/([^/?#]+)\/(.+)$/.exec(uri);
  return match ? { bucket: match[1] as string, key: match[2] as string } : null;
}
