import { ListInstancesCommand } from "@aws-sdk/client-connect";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, markApiKeyUsed, rotateApiKey } from "@/server/api-keys/api-keys";
import { API_KEY_CHANGES_CHANNEL, SIGNING_KEY_TTL_MS } from "@/server/aws/auth/signing-keys";
import { NOT_VERIFIED, WRONG_HOST } from "@/server/aws/auth/sigv4";
import type { TDb } from "@/server/db";
import { listenForChanges } from "@/server/db/notifications";
import { findActor, type TUserActor } from "@/server/team/team";
import {
  awsFailure,
  connectClient,
  createTestApiKey,
  startAwsServer,
  type TCredentials,
  TEST_SERVER_KEY,
} from "@/test/aws";
import { createSession, createTestDatabase } from "@/test/db";
import { rawRequest } from "@/test/http";

/**
 * API keys through the real SDK: rotation and its grace period, expiry, last use, and the signed
 * Host. The server's clock is injected (`now`) and moved forward, and clients sign with the same
 * offset; moving it past SIGNING_KEY_TTL_MS after a change also makes the server re-read the key
 * without waiting for its NOTIFY.
 */

let db: TDb;
let drop: () => Promise<void>;
let server: Awaited<ReturnType<typeof startAwsServer>>;
let admin: TUserActor;
let offsetMs = 0;
const clients: Array<{ destroy: () => void }> = [];

const serverNow = () => new Date(Date.now() + offsetMs);
/** Past the key cache's expiry, on the server's clock. */
const afterChange = () => {
  offsetMs += SIGNING_KEY_TTL_MS + 1;
};
/** The SDK client, signing on the server's (moved) clock. */
function client(credentials: TCredentials, endpoint = server.endpoint) {
  const sdk = connectClient(endpoint, credentials, { systemClockOffset: offsetMs });
  clients.push(sdk);
  return sdk;
}
const listInstances = (credentials: TCredentials, endpoint?: string) =>
  client(credentials, endpoint).send(new ListInstancesCommand({}));
const refusal = (credentials: TCredentials, endpoint?: string) => awsFailure(listInstances(credentials, endpoint));
const DENIED = { name: "AccessDeniedException", status: 403, message: NOT_VERIFIED };

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  server = await startAwsServer({ db, now: serverNow });
  const found = await findActor({ db, userId: (await createSession(db, "admin")).user.id });
  if (!found) throw new Error("admin missing");
  admin = found;
});

afterAll(async () => {
  for (const sdk of clients) sdk.destroy();
  await server?.close();
  await drop?.();
});

async function rotate(key: { id: string; accessKeyId: string }, graceHours: 0 | 1 | 24 | 168) {
  const rotated = await rotateApiKey({
    db,
    actor: admin,
    input: { id: key.id, graceHours },
    serverKey: TEST_SERVER_KEY,
    now: serverNow(),
  });
  afterChange();
  return { accessKeyId: key.accessKeyId, secretAccessKey: rotated.secretAccessKey };
}

describe("a rotated key", () => {
  it("signs with the new and the old secret during the grace period, then only with the new one", async () => {
    const key = await createTestApiKey(db, { allInstances: true });
    await expect(listInstances(key)).resolves.toBeDefined();
    const rotated = await rotate(key, 24);
    await expect(listInstances(rotated)).resolves.toBeDefined();
    await expect(listInstances(key)).resolves.toBeDefined();

    // 23 hours later the old secret still works.
    offsetMs += 23 * 60 * 60_000;
    await expect(listInstances(key)).resolves.toBeDefined();

    // Past the grace period the old secret gets exactly the answer a wrong secret gets.
    offsetMs += 60 * 60_000 + 1000;
    expect(await refusal(key)).toMatchObject(DENIED);
    expect(await refusal({ ...rotated, secretAccessKey: `${rotated.secretAccessKey}x` })).toMatchObject(DENIED);
    await expect(listInstances(rotated)).resolves.toBeDefined();
  });

  it("without a grace period refuses the old secret at once", async () => {
    const key = await createTestApiKey(db, { allInstances: true });
    const rotated = await rotate(key, 0);
    expect(await refusal(key)).toMatchObject(DENIED);
    await expect(listInstances(rotated)).resolves.toBeDefined();
  });

  it("rotated again during the grace period stops the first secret; the second keeps its grace", async () => {
    const key = await createTestApiKey(db, { allInstances: true });
    const once = await rotate(key, 168);
    const twice = await rotate(key, 1);
    expect(await refusal(key)).toMatchObject(DENIED);
    await expect(listInstances(once)).resolves.toBeDefined();
    await expect(listInstances(twice)).resolves.toBeDefined();
  });
});

describe("an expired key", () => {
  it("is refused exactly like a revoked one, with the right secret", async () => {
    const created = await createApiKey({
      db,
      actor: admin,
      serverKey: TEST_SERVER_KEY,
      now: serverNow(),
      input: {
        name: "Expires in an hour",
        allInstances: true,
        instanceIds: [],
        expiresAt: new Date(serverNow().getTime() + 60 * 60_000),
      },
    });
    const key = { accessKeyId: created.key.accessKeyId, secretAccessKey: created.secretAccessKey };
    await expect(listInstances(key)).resolves.toBeDefined();
    offsetMs += 60 * 60_000 + 1000;
    expect(await refusal(key)).toMatchObject(DENIED);
    // The same answer as a wrong secret for it.
    expect(await refusal({ ...key, secretAccessKey: "x".repeat(40) })).toMatchObject(DENIED);
  });
});

describe("a key's last use", () => {
  it("is recorded with the client's address", async () => {
    const key = await createTestApiKey(db, { allInstances: true });
    await listInstances(key);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.lastUsedAt).toEqual(expect.any(Date));
    expect(Math.abs((row.lastUsedAt?.getTime() ?? 0) - serverNow().getTime())).toBeLessThan(60_000);
    expect(row.lastUsedAddress).toBe("127.0.0.1");
  });

  it("does not make the app servers drop their cached keys", async () => {
    const key = await createTestApiKey(db, { allInstances: true });
    let notifications = 0;
    let notified: () => void = () => undefined;
    const listener = listenForChanges(db, API_KEY_CHANGES_CHANNEL, () => {
      notifications++;
      notified();
    });
    await listener.ready;
    try {
      notifications = 0;
      await markApiKeyUsed({ db, apiKeyId: key.id, now: new Date(Date.now() + 3_600_000), address: "192.0.2.1" });
      // A change that does notify, committed after: had the use notified, its notification came first.
      const arrived = new Promise<void>((resolve) => {
        notified = resolve;
      });
      await db.apiKey.update({ where: { id: key.id }, data: { name: "renamed after use" } });
      await arrived;
      expect(notifications).toBe(1);
    } finally {
      await listener.close();
    }
  });
});

describe("the signed Host", () => {
  let hosted: Awaited<ReturnType<typeof startAwsServer>>;
  let key: TCredentials;

  beforeAll(async () => {
    hosted = await startAwsServer({ db, now: serverNow, allowedHosts: (port) => [`localhost:${port}`] });
    key = await createTestApiKey(db, { allInstances: true });
  });
  afterAll(() => hosted?.close());

  /** ListInstances signed for `host` and sent to the server on 127.0.0.1 with that Host header. */
  async function signedFor(host: string, credentials: TCredentials = key) {
    const signer = new SignatureV4({
      credentials,
      region: "us-east-1",
      service: "connect",
      sha256: Hash.bind(null, "sha256"),
    });
    const signed = await signer.sign(
      { method: "GET", protocol: "http:", hostname: host, path: "/api/aws/instance", query: {}, headers: { host } },
      { signingDate: serverNow() },
    );
    const response = await rawRequest(hosted.origin, {
      method: "GET",
      target: "/api/aws/instance",
      headers: signed.headers,
    });
    return {
      status: response.status,
      type: response.headers["x-amzn-errortype"],
      message: JSON.parse(response.text).Message,
    };
  }

  it("must be this deployment's: the SDK pointed at 127.0.0.1 is refused, at localhost it works", async () => {
    expect(await refusal(key, hosted.endpoint)).toMatchObject({
      name: "AccessDeniedException",
      status: 403,
      message: WRONG_HOST,
    });
    await expect(listInstances(key, `http://localhost:${hosted.port}/api/aws`)).resolves.toMatchObject({
      InstanceSummaryList: expect.any(Array),
    });
  });

  it("compares case-insensitively; another host or port is refused before the key is looked at", async () => {
    expect(await signedFor(`LocalHost:${hosted.port}`)).toMatchObject({ status: 200 });
    for (const host of [
      "attache.example.com",
      `localhost:${hosted.port + 1}`,
      "localhost",
      `127.0.0.1:${hosted.port}`,
    ]) {
      expect(await signedFor(host), host).toEqual({ status: 403, type: "AccessDeniedException", message: WRONG_HOST });
    }
    // The same answer for a key that does not exist: the host check says nothing about keys.
    const unknown = { accessKeyId: "ATCHNOSUCHKEY0000000", secretAccessKey: "x".repeat(40) };
    expect(await signedFor("attache.example.com", unknown)).toMatchObject({ status: 403, message: WRONG_HOST });
    expect(await signedFor(`localhost:${hosted.port}`, unknown)).toMatchObject({ status: 403, message: NOT_VERIFIED });
  });
});
