import { randomUUID } from "node:crypto";
import {
  ConnectServiceException,
  DescribeAttachedFilesConfigurationCommand,
  ListInstancesCommand,
  UpdateAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRateLimits } from "@/env";
import { revokeApiKey } from "@/server/api-keys/api-keys";
import type { TDb } from "@/server/db";
import { createDb } from "@/server/db";
import { createInstance } from "@/server/instances/instances";
import { findActor, type TUserActor } from "@/server/team/team";
import { connectClient, createTestApiKey, startAwsServer } from "@/test/aws";
import { createSession, createTestDatabase } from "@/test/db";
import { SIGNING_KEY_TTL_MS } from "./auth/signing-keys";

/**
 * Two app servers on one PostgreSQL, as behind a load balancer: writes to one scope are serialized
 * (never a 500), rate limits hold across both, and a key revoked on one is refused by both.
 */

let db: TDb;
let url: string;
let drop: () => Promise<void>;
let admin: TUserActor;
const servers: Array<Awaited<ReturnType<typeof startAwsServer>>> = [];

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase());
  const found = await findActor({ db, userId: (await createSession(db, "admin")).user.id });
  if (!found) throw new Error("admin actor missing");
  admin = found;
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await drop?.();
});

async function startServer(options: Partial<Parameters<typeof startAwsServer>[0]> = {}) {
  const server = await startAwsServer({ db, ...options });
  servers.push(server);
  return server;
}

async function newInstance() {
  return createInstance({
    db,
    actor: admin,
    input: { alias: `fleet-${randomUUID().slice(0, 8)}` },
    arnContext: { region: "us-east-1", accountId: "123456789012" },
  });
}

/** The outcome of each call: "ok" or the modelled error's name and status. */
async function outcomes(calls: Array<Promise<unknown>>) {
  return Promise.all(
    calls.map((call) =>
      call.then(
        () => "ok",
        (error: unknown) => {
          if (!(error instanceof ConnectServiceException)) throw error;
          return `${error.name} ${error.$metadata.httpStatusCode}`;
        },
      ),
    ),
  );
}

const tally = (values: string[]) =>
  values.reduce<Record<string, number>>((counts, value) => {
    counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  }, {});

/** Polls `check` until it returns true: at most `tries` times, `pauseMs` apart. */
async function eventually(check: () => Promise<boolean>, { tries = 100, pauseMs = 20 } = {}) {
  for (let attempt = 0; attempt < tries; attempt++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return false;
}

describe("concurrent API updates of one scope", () => {
  it("all succeed, each with its own revision, in order, across two servers", async () => {
    const instance = await newInstance();
    const key = await createTestApiKey(db, { allInstances: true });
    const [first, second] = [await startServer(), await startServer()];
    const clients = [connectClient(first.endpoint, key), connectClient(second.endpoint, key)];
    const sizes = Array.from({ length: 100 }, (_, index) => 1000 + index);

    const results = await outcomes(
      sizes.map((size, index) =>
        (clients[index % 2] ?? clients[0])?.send(
          new UpdateAttachedFilesConfigurationCommand({
            InstanceId: instance.id,
            AttachmentScope: "EMAIL",
            MaximumSizeLimitInBytes: size,
          }),
        ),
      ) as Array<Promise<unknown>>,
    );
    expect(tally(results)).toEqual({ ok: 100 });

    const revisions = await db.policyRevision.findMany({
      where: { instanceId: instance.id, scope: "EMAIL" },
      orderBy: { version: "asc" },
    });
    expect(revisions.map((revision) => revision.version)).toEqual(sizes.map((_, index) => index + 1));
    const written = revisions.map(
      (revision) => (revision.after as { maximumSizeLimitInBytes: number }).maximumSizeLimitInBytes,
    );
    expect([...written].sort((a, b) => a - b)).toEqual(sizes);
    // Each revision starts from the one before it: nothing was applied on a stale read.
    for (const [index, revision] of revisions.entries()) {
      const before = (revision.before as { maximumSizeLimitInBytes: number }).maximumSizeLimitInBytes;
      if (index > 0) expect(before).toBe(written[index - 1]);
    }
    const configuration = await db.attachedFilesConfiguration.findUniqueOrThrow({
      where: { instanceId_scope: { instanceId: instance.id, scope: "EMAIL" } },
    });
    expect(configuration.version).toBe(100);
    expect(configuration.maximumSizeLimitInBytes).toBe(written.at(-1));
    expect(
      await db.auditEvent.count({
        where: { targetType: "AttachedFilesConfiguration", targetId: `${instance.id}/EMAIL` },
      }),
    ).toBe(100);
    for (const client of clients) client.destroy();
  });
});

describe("rate limits across two servers", () => {
  it("never admit more than the limit, and at most a tenth of it less per server", async () => {
    const instance = await newInstance();
    const limits = parseRateLimits("1000/1,DescribeAttachedFilesConfiguration=100/60");
    const [first, second] = [await startServer({ rateLimits: limits }), await startServer({ rateLimits: limits })];
    const key = await createTestApiKey(db, { allInstances: true });
    const clients = [connectClient(first.endpoint, key), connectClient(second.endpoint, key)];
    const describe = new DescribeAttachedFilesConfigurationCommand({
      InstanceId: instance.id,
      AttachmentScope: "CHAT",
    });

    // In waves, so that both servers lease and spend concurrently.
    const results: string[] = [];
    for (let wave = 0; wave < 4; wave++) {
      results.push(
        ...(await outcomes(
          Array.from({ length: 40 }, (_, index) => (clients[index % 2] ?? clients[0])?.send(describe)) as Array<
            Promise<unknown>
          >,
        )),
      );
    }
    const counts = tally(results);
    expect(Object.keys(counts).sort()).toEqual(["ThrottlingException 429", "ok"]);
    expect(counts.ok).toBeLessThanOrEqual(100);
    expect(counts.ok).toBeGreaterThanOrEqual(100 - 2 * 10);
    for (const client of clients) client.destroy();
  });
});

describe("a revoked key", () => {
  it("is refused by every server once the revocation commits, told by NOTIFY (their clocks stand still)", async () => {
    const instance = await newInstance();
    const frozen = new Date();
    const [first, second] = [await startServer({ now: () => frozen }), await startServer({ now: () => frozen })];
    const key = await createTestApiKey(db, { allInstances: true });
    const clients = [first, second].map((server) =>
      connectClient(server.endpoint, key, { systemClockOffset: frozen.getTime() - Date.now() }),
    );
    const describe = new DescribeAttachedFilesConfigurationCommand({
      InstanceId: instance.id,
      AttachmentScope: "CHAT",
    });
    // Both servers now hold the key in memory; with their clocks stopped it never expires there.
    expect(await outcomes(clients.map((client) => client.send(describe)))).toEqual(["ok", "ok"]);

    await revokeApiKey({ db, actor: admin, id: key.id });
    const refusedByBoth = await eventually(async () => {
      const now = await outcomes(clients.map((client) => client.send(describe)));
      return now.every((outcome) => outcome === "AccessDeniedException 403");
    });
    expect(refusedByBoth).toBe(true);
    for (const client of clients) client.destroy();
  });

  it("is refused within the cache's expiry even if no notification arrives", async () => {
    const instance = await newInstance();
    let clock = Date.now();
    const server = await startServer({ now: () => new Date(clock) });
    const key = await createTestApiKey(db, { allInstances: true });
    const client = connectClient(server.endpoint, key);
    const describe = new DescribeAttachedFilesConfigurationCommand({
      InstanceId: instance.id,
      AttachmentScope: "CHAT",
    });
    await expect(client.send(describe)).resolves.toBeDefined();

    // Revoked behind the triggers' back: no NOTIFY.
    await db.$transaction([
      db.$executeRawUnsafe('ALTER TABLE "ApiKey" DISABLE TRIGGER USER'),
      db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } }),
      db.$executeRawUnsafe('ALTER TABLE "ApiKey" ENABLE TRIGGER USER'),
    ]);
    clock += SIGNING_KEY_TTL_MS + 1;
    expect(await outcomes([client.send(describe)])).toEqual(["AccessDeniedException 403"]);
    client.destroy();
  });
});

describe("the statements a call costs", () => {
  it("is one for a Describe or a ListInstances, and five for an Update, once the key is known", async () => {
    const instance = await newInstance();
    const statements: string[] = [];
    const counted = createDb(url, { onStatement: (sql) => statements.push(sql) });
    const frozen = new Date();
    // The key exists before the server listens for key changes, so no notification clears its cache
    // mid-test; a budget that one lease covers and a clock that stands still: no lease, no reload.
    const key = await createTestApiKey(db, { allInstances: true });
    const server = await startServer({ db: counted, rateLimits: parseRateLimits("100000/60"), now: () => frozen });
    const client = connectClient(server.endpoint, key, { systemClockOffset: frozen.getTime() - Date.now() });
    const describe = new DescribeAttachedFilesConfigurationCommand({
      InstanceId: instance.id,
      AttachmentScope: "CHAT",
    });
    const update = (size: number) =>
      new UpdateAttachedFilesConfigurationCommand({
        InstanceId: instance.id,
        AttachmentScope: "CHAT",
        MaximumSizeLimitInBytes: size,
      });
    // The first calls load the key, lease rate-limit points per operation and record the key's use.
    await client.send(describe);
    await client.send(new ListInstancesCommand({}));
    await client.send(update(1000));

    const cost = async (call: () => Promise<unknown>) => {
      const before = statements.length;
      for (let index = 0; index < 5; index++) await call();
      return (statements.length - before) / 5;
    };
    expect(await cost(() => client.send(describe))).toBe(1);
    expect(await cost(() => client.send(new ListInstancesCommand({})))).toBe(1);
    let size = 2000;
    // The instance, then BEGIN, the row lock, one statement writing configuration, revision and audit event, COMMIT.
    expect(await cost(() => client.send(update(size++)))).toBe(5);
    client.destroy();
    await server.close();
    await counted.$disconnect();
  });
});
