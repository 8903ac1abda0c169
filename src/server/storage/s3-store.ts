import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import {
  assertContentLength,
  assertContentType,
  assertExpiresIn,
  assertS3Key,
  attachmentDisposition,
  isS3Key,
  parseS3Uri,
} from "./object-rules";
import type { TObjectInfo, TObjectStore, TPresignedGet, TPresignedPut } from "./object-store";

/**
 * The s3 driver: any S3-compatible store through the official client. Uploads and downloads go
 * straight between the browser and the store at SigV4-presigned URLs; an upload URL signs the
 * content-length and content-type headers, so the store refuses a body of another size or type.
 */

export type TS3ObjectStoreOptions = {
  bucket: string;
  region: string;
  /** Unset: AWS S3 itself. */
  endpoint?: string;
  /** Unset: the AWS SDK's default credential chain (environment, profile, instance role…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (most self-hosted stores need it). */
  forcePathStyle?: boolean;
  /** Milliseconds since the epoch, used as the signing time; tests move it instead of waiting. */
  now?: () => number;
};

export type TS3ObjectStore = TObjectStore & {
  readonly driver: "s3";
  readonly bucket: string;
  readonly client: S3Client;
};

/** The headers a presigned upload URL binds; the store refuses the PUT when either differs. */
export const SIGNED_UPLOAD_HEADERS = ["content-length", "content-type"] as const;

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
const nameOf = (error: unknown) => (error as { name?: string } | undefined)?.name;
const isMissing = (error: unknown) =>
  statusOf(error) === 404 || ["NotFound", "NoSuchKey"].includes(nameOf(error) ?? "");

/** `bucket/key` for CopySource, each key segment URL-encoded as S3 requires. */
const copySource = (bucket: string, key: string) => `${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;

/** The first `length` bytes of a body stream, which is then abandoned (its connection released). */
async function readAtMost(body: AsyncIterable<Uint8Array> | undefined, length: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const out = new Uint8Array(length);
  let filled = 0;
  const iterator = body[Symbol.asyncIterator]();
  try {
    while (filled < length) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = next.value.subarray(0, length - filled);
      out.set(chunk, filled);
      filled += chunk.length;
    }
  } finally {
    await iterator.return?.();
  }
  return out.subarray(0, filled);
}

export function createS3ObjectStore(options: TS3ObjectStoreOptions): TS3ObjectStore {
  const { bucket } = options;
  const now = options.now ?? Date.now;
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    // Checksums only where an operation requires one: a presigned PUT must not carry the checksum of
    // an empty body, and not every S3-compatible store knows the newer checksum headers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

  async function head(key: string): Promise<TObjectInfo | null> {
    assertS3Key(key);
    try {
      const result = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { size: result.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  return {
    driver: "s3",
    uploadsAreWriteOnce: false,
    bucket,
    client,

    async presignPut(key, { contentLength, contentType, expiresInSeconds }): Promise<TPresignedPut> {
      assertS3Key(key);
      assertContentLength(contentLength);
      assertContentType(contentType);
      assertExpiresIn(expiresInSeconds);
      const signingDate = new Date(now());
      const url = await getSignedUrl(
        client,
        new PutObjectCommand({ Bucket: bucket, Key: key, ContentLength: contentLength, ContentType: contentType }),
        { expiresIn: expiresInSeconds, signingDate, signableHeaders: new Set(SIGNED_UPLOAD_HEADERS) },
      );
      return {
        url,
        // Browsers set Content-Length from the body themselves (they refuse to let scripts set it);
        // it is listed because the signature covers it, and other clients must send it as is.
        headers: { "Content-Type": contentType, "Content-Length": String(contentLength) },
        expiresAt: new Date(signingDate.getTime() + expiresInSeconds * 1000),
      };
    },

    async presignGet(key, { expiresInSeconds, fileName, contentType }): Promise<TPresignedGet> {
      assertS3Key(key);
      assertContentType(contentType);
      assertExpiresIn(expiresInSeconds);
      const signingDate = new Date(now());
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentDisposition: attachmentDisposition(fileName),
          ResponseContentType: contentType,
          ResponseCacheControl: "private, no-store",
        }),
        { expiresIn: expiresInSeconds, signingDate },
      );
      return { url, expiresAt: new Date(signingDate.getTime() + expiresInSeconds * 1000) };
    },

    head,

    async readStart(key, length) {
      assertS3Key(key);
      // The size first: a Range cannot be satisfied by an empty object (S3 answers 416, and some
      // S3-compatible servers send a broken answer), and a missing object needs no second request.
      const info = await head(key);
      if (!info) return null;
      const wanted = Math.min(Math.max(0, length), info.size);
      if (wanted === 0) return new Uint8Array();
      try {
        const result = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${wanted - 1}` }),
        );
        // Read only what was asked for: a store that ignores Range would otherwise send (and have
        // buffered) the whole object.
        return await readAtMost(result.Body as AsyncIterable<Uint8Array> | undefined, wanted);
      } catch (error) {
        if (isMissing(error)) return null;
        if (statusOf(error) === 416 || nameOf(error) === "InvalidRange") return new Uint8Array();
        throw error;
      }
    },

    async delete(key) {
      assertS3Key(key);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async copy(sourceKey, targetKey) {
      assertS3Key(sourceKey);
      assertS3Key(targetKey);
      try {
        await client.send(
          new CopyObjectCommand({ Bucket: bucket, Key: targetKey, CopySource: copySource(bucket, sourceKey) }),
        );
      } catch (error) {
        // A source that is missing, too large for one copy (5 GB), archived, encrypted with a
        // customer key or not readable cannot be copied: the caller's mistake, not a failure here.
        if (isMissing(error) || (statusOf(error) ?? 500) < 500) return null;
        throw error;
      }
      return head(targetKey);
    },

    keyOfUri(uri) {
      const parsed = parseS3Uri(uri);
      return parsed && parsed.bucket === bucket && isS3Key(parsed.key) ? parsed.key : null;
    },

    async put(key, bytes, contentType) {
      assertS3Key(key);
      assertContentType(contentType);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.byteLength,
        }),
      );
    },

    async close() {
      client.destroy();
    },
  };
}
