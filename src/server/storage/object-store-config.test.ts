import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, mediaUrlPolicy, objectStoreConfig, parseServerEnv } from "@/env";
import { createObjectStore } from "./index";
import { attachmentDisposition, isLocalKey, isS3Key, parseS3Uri } from "./object-rules";

const minimalServer = {
  DATABASE_URL: "postgresql://a:b@127.0.0.1:5432/attache",
  NEXTAUTH_SECRET: "s".repeat(32),
  ATTACHE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64url"),
  OIDC_ISSUER: "https://idp.example.test",
  OIDC_CLIENT_ID: "attache",
  OIDC_CLIENT_SECRET: "secret",
};

const messageOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected an EnvError");
};

describe("object store configuration", () => {
  it("defaults to the local driver under the data directory, and to the other new settings", () => {
    const env = parseServerEnv(minimalServer);
    expect(objectStoreConfig(env)).toEqual({ driver: "local", directory: path.resolve(".attache/objects") });
    expect(env.ATTACHE_SCANNER_URL).toBeUndefined();
    expect(env.ATTACHE_SCANNER_TIMEOUT_MS).toBe(10_000);
    expect(env.ATTACHE_CHAT_MAX_ATTACHMENTS).toBe(20);
    expect(objectStoreConfig(parseServerEnv({ ...minimalServer, ATTACHE_DATA_DIR: "/srv/attache" }))).toEqual({
      driver: "local",
      directory: "/srv/attache/objects",
    });
    expect(objectStoreConfig(parseServerEnv({ ...minimalServer, ATTACHE_OBJECT_STORE_DIR: "/data/files" }))).toEqual({
      driver: "local",
      directory: "/data/files",
    });
  });

  it("reads an S3-compatible store and picks its driver", async () => {
    const env = parseServerEnv({
      ...minimalServer,
      ATTACHE_OBJECT_STORE: "s3",
      ATTACHE_S3_ENDPOINT: "https://minio.internal.test:9000",
      ATTACHE_S3_REGION: "eu-central-1",
      ATTACHE_S3_BUCKET: "attache-files",
      ATTACHE_S3_ACCESS_KEY_ID: "AKIDEXAMPLE",
      ATTACHE_S3_SECRET_ACCESS_KEY: "secret",
      ATTACHE_S3_FORCE_PATH_STYLE: "true",
    });
    const config = objectStoreConfig(env);
    expect(config).toEqual({
      driver: "s3",
      bucket: "attache-files",
      region: "eu-central-1",
      endpoint: "https://minio.internal.test:9000",
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      forcePathStyle: true,
    });
    const store = createObjectStore(config, {
      baseUrl: "http://localhost:3000",
      serverKey: minimalServer.ATTACHE_ENCRYPTION_KEY,
    });
    expect(store.driver).toBe("s3");
    const { url } = await store.presignPut("files/a", {
      contentLength: 1,
      contentType: "text/plain",
      expiresInSeconds: 60,
    });
    expect(url.startsWith("https://minio.internal.test:9000/attache-files/files/a?")).toBe(true);
    await store.close();
    // The console may import images from the store's presigned URLs unless the hosts are set.
    expect(mediaUrlPolicy(env).allowedHosts).toEqual(["minio.internal.test:9000"]);
    expect(mediaUrlPolicy({ ...env, ATTACHE_S3_FORCE_PATH_STYLE: false }).allowedHosts).toEqual([
      "attache-files.minio.internal.test:9000",
    ]);
    expect(mediaUrlPolicy({ ...env, ATTACHE_MEDIA_URL_HOSTS: ["cdn.test"] }).allowedHosts).toEqual(["cdn.test"]);
    expect(mediaUrlPolicy(parseServerEnv(minimalServer)).allowedHosts).toEqual([]);
  });

  it("names the variable in one sentence when a value is wrong or missing", () => {
    expect(messageOf(() => parseServerEnv({ ...minimalServer, ATTACHE_OBJECT_STORE: "gcs" }))).toContain(
      'ATTACHE_OBJECT_STORE must be "local" or "s3"',
    );
    expect(messageOf(() => parseServerEnv({ ...minimalServer, ATTACHE_OBJECT_STORE: "s3" }))).toBe(
      "Set ATTACHE_S3_BUCKET when ATTACHE_OBJECT_STORE is s3.",
    );
    expect(
      messageOf(() =>
        parseServerEnv({
          ...minimalServer,
          ATTACHE_OBJECT_STORE: "s3",
          ATTACHE_S3_BUCKET: "files",
          ATTACHE_S3_ACCESS_KEY_ID: "AKID",
        }),
      ),
    ).toContain("Set both ATTACHE_S3_ACCESS_KEY_ID and ATTACHE_S3_SECRET_ACCESS_KEY");
    expect(messageOf(() => parseServerEnv({ ...minimalServer, ATTACHE_S3_ENDPOINT: "ftp://x.test" }))).toContain(
      "ATTACHE_S3_ENDPOINT must be an http:// or https:// URL",
    );
    expect(messageOf(() => parseServerEnv({ ...minimalServer, ATTACHE_S3_BUCKET: "Bad_Bucket" }))).toContain(
      "ATTACHE_S3_BUCKET must be a bucket name",
    );
    expect(messageOf(() => parseServerEnv({ ...minimalServer, ATTACHE_S3_FORCE_PATH_STYLE: "yes" }))).toContain(
      'ATTACHE_S3_FORCE_PATH_STYLE must be "true" or "false"',
    );
    expect(messageOf(() => parseServerEnv({ ...minimalServer, ATTACHE_SCANNER_URL: "not a url" }))).toContain(
      "ATTACHE_SCANNER_URL must be an http:// or https:// URL",
    );
    for (const value of ["99", "60001", "1.5", "soon"]) {
      expect(messageOf(() => parseServerEnv({ ...minimalServer, ATTACHE_SCANNER_TIMEOUT_MS: value }))).toContain(
        "ATTACHE_SCANNER_TIMEOUT_MS: ATTACHE_SCANNER_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000",
      );
    }
    expect(messageOf(() => parseServerEnv({ ...minimalServer, ATTACHE_CHAT_MAX_ATTACHMENTS: "0" }))).toContain(
      "ATTACHE_CHAT_MAX_ATTACHMENTS must be a whole number from 1 to 1000",
    );
  });
});

describe("object rules", () => {
  it("accepts server-made keys only for the local driver", () => {
    expect(isLocalKey("files/0b8c2a9e-3f5d-4f39-9d2a-2a1b2c3d4e5f")).toBe(true);
    expect(isLocalKey("recordings/call-1.wav")).toBe(true);
    for (const key of [
      "",
      "/files/a",
      "files/",
      "files//a",
      "../a",
      "files/../a",
      ".a",
      "files/.hidden",
      "files/%2e",
      "x".repeat(201),
    ]) {
      expect(isLocalKey(key), key).toBe(false);
    }
    expect(isS3Key("uploads/report 2026.pdf")).toBe(true);
    expect(isS3Key("bad\nkey")).toBe(false);
  });

  it("names a download safely in Content-Disposition", () => {
    expect(attachmentDisposition("report.pdf")).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(attachmentDisposition('../etc/"pass"wd\r\n')).toBe(
      `attachment; filename=".._etc__pass_wd"; filename*=UTF-8''.._etc_%22pass%22wd`,
    );
    expect(attachmentDisposition("日本語.txt")).toBe(
      `attachment; filename="___.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt`,
    );
    expect(attachmentDisposition("  ")).toContain('filename="download"');
  });

  it("parses s3:// URIs", () => {
    expect(parseS3Uri("s3://bucket/files/a")).toEqual({ bucket: "bucket", key: "files/a" });
    expect(parseS3Uri("s3://bucket/")).toBeNull();
    expect(parseS3Uri("https://bucket/files/a")).toBeNull();
  });
});
