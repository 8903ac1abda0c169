import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import {
  type ConnectClient,
  ConnectServiceException,
  DescribeAttachedFilesConfigurationCommand,
  ListAttachedFilesConfigurationsCommand,
  UpdateAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-keys/api-keys";
import { createDb, type TDb } from "@/server/db";
import { findActor } from "@/server/team/team";
import { connectClient, type TCredentials } from "@/test/aws";
import { createSession, createTestInstance } from "@/test/db";
import {
  BOOTSTRAP_KEY,
  freePort,
  httpRequest,
  killEverything,
  outputOfEverything,
  SYSTEM_SERVER_SECRETS,
  spawnAppServer,
  startTestPostgres,
  type TAppServer,
  type TTestPostgres,
  waitUntilServing,
} from "@/test/processes";

/**
 * Two app servers on one PostgreSQL, as behind a load balancer: started at the same moment on an
 * empty database they migrate it once; a write through one is read through the other at once; one
 * API key's rate limit holds exactly across both; a key revoked through one is refused by the other
 * on the very next call.
 */

const RATE_LIMITED = "DescribeAttachedFilesConfiguration";
const RATE_LIMIT = 5;
const RATE_CALLS = 20;

let postgres: TTestPostgres;
let db: TDb;
let a: TAppServer;
let b: TAppServer;
let instanceId: string;
let firstStartMs: number;
const clients: ConnectClient[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres("attache_two_servers");
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await killEverything();
  await db?.$disconnect();
  await postgres?.destroy();
});

function client(server: TAppServer, credentials: TCredentials) {
  const created = connectClient(server.endpoint, credentials);
  clients.push(created);
  return created;
}

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof ConnectServiceException) {
      return { name: error.name, status: error.$metadata.httpStatusCode };
    }
    throw error;
  }
}

async function newApiKey(name: string) {
  const session = await createSession(db, "admin");
  const actor = await findActor({ db, userId: session.user.id });
  if (!actor) throw new Error("admin actor missing");
  const created = await createApiKey({
    db,
    actor,
    serverKey: SYSTEM_SERVER_SECRETS.ATTACHE_ENCRYPTION_KEY,
    input: { name, allInstances: true, instanceIds: [] },
  });
  return { id: created.key.id, accessKeyId: created.key.accessKeyId, secretAccessKey: created.secretAccessKey };
}

const describeCommand = () =>
  new DescribeAttachedFilesConfigurationCommand({ InstanceId: instanceId, AttachmentScope: "EMAIL" });

describe("two app servers on one PostgreSQL", () => {
  it("started at the same moment on an empty database, both become ready and each migration is applied once", async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(outputOfEverything()));
    const env = { ATTACHE_AWS_RATE_LIMITS: `1000/1,${RATE_LIMITED}=${RATE_LIMIT}/60` };
    const [portA, portB] = [await freePort(), await freePort()];
    const started = performance.now();
    a = spawnAppServer({
      name: "app server A",
      databaseUrl: postgres.url,
      port: portA,
      dataDir: postgres.dataDir,
      env,
    });
    b = spawnAppServer({
      name: "app server B",
      databaseUrl: postgres.url,
      port: portB,
      dataDir: postgres.dataDir,
      env,
    });
    await Promise.all([waitUntilServing(a), waitUntilServing(b)]);
    firstStartMs = performance.now() - started;

    db = createDb(postgres.url);
    const migrationsDir = path.join(process.cwd(), "prisma", "migrations");
    const onDisk = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
      .map((entry) => entry.name)
      .sort();
    const rows = await db.$queryRaw<Array<{ name: string; applied: number; finished: number; rolledBack: number }>>`
      SELECT "migration_name" AS "name", count(*)::int AS "applied",
        count("finished_at")::int AS "finished", count("rolled_back_at")::int AS "rolledBack"
      FROM "_prisma_migrations" GROUP BY "migration_name" ORDER BY "migration_name"`;
    expect(rows.map((row) => row.name)).toEqual(onDisk);
    expect(rows.filter((row) => row.applied !== 1 || row.finished !== 1 || row.rolledBack !== 0)).toEqual([]);
    const applied = [a, b].map((server) =>
      (server.output().match(/Applied migrations: ([^\n]*)/)?.[1] ?? "").split(", "),
    );

    console.info(
      `[system] concurrent first start: A and B ready in ${Math.round(firstStartMs)} ms; ${rows.length} migrations in _prisma_migrations, ` +
        `each exactly once (A applied ${applied[0]?.filter(Boolean).length ?? 0}, B applied ${applied[1]?.filter(Boolean).length ?? 0})`,
    );
  });

  it("a policy written through A is read through B at once (API and console)", async ({ onTestFailed }) => {
    onTestFailed(() => console.error(outputOfEverything()));
    instanceId = (await createTestInstance(db, "two-servers")).id;
    const viewer = await createSession(db, "viewer");
    const throughA = client(a, BOOTSTRAP_KEY);
    const throughB = client(b, BOOTSTRAP_KEY);
    const reads: number[] = [];
    for (let round = 1; round <= 5; round++) {
      const size = 5_000_000 + round;
      await throughA.send(
        new UpdateAttachedFilesConfigurationCommand({
          InstanceId: instanceId,
          AttachmentScope: "CHAT",
          MaximumSizeLimitInBytes: size,
        }),
      );
      // The very next call, on the other server.
      const listed = await throughB.send(new ListAttachedFilesConfigurationsCommand({ InstanceId: instanceId }));
      const chat = listed.AttachedFilesConfigurations?.find(
        (configuration) => configuration.AttachmentScope === "CHAT",
      );
      expect(chat?.MaximumSizeLimitInBytes).toBe(size);
      const consoleAnswer = await httpRequest(
        `${b.origin}/api/trpc/policy.forInstance?input=${encodeURIComponent(JSON.stringify({ json: { instanceId } }))}`,
        { headers: { cookie: `next-auth.session-token=${viewer.sessionToken}` } },
      );
      expect(consoleAnswer.status).toBe(200);
      const policies = JSON.parse(consoleAnswer.text).result.data.json.policies as Array<{
        scope: string;
        maximumSizeLimitInBytes: number;
        version: number;
      }>;
      expect(policies.find((policy) => policy.scope === "CHAT")).toMatchObject({
        maximumSizeLimitInBytes: size,
        version: round,
      });
      reads.push(size);
    }
    console.info(
      `[system] two servers, visibility: ${reads.length}/5 writes through A read back through B's API and console on the next call`,
    );
  });

  it(`one key's rate limit is exact across both: ${RATE_LIMIT}/60 s, ${RATE_CALLS} calls alternating A/B`, async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(outputOfEverything()));
    const key = await newApiKey("rate limit across servers");
    const pair = [client(a, key), client(b, key)] as const;
    const outcomes: string[] = [];
    for (let call = 0; call < RATE_CALLS; call++) {
      const failure = await failureOf((pair[call % 2] as ConnectClient).send(describeCommand()));
      outcomes.push(failure ? `${failure.status} ${failure.name}` : "200");
    }
    const succeeded = outcomes.filter((outcome) => outcome === "200").length;
    const throttled = outcomes.filter((outcome) => outcome === "429 ThrottlingException").length;
    expect(succeeded).toBe(RATE_LIMIT);
    expect(throttled).toBe(RATE_CALLS - RATE_LIMIT);
    // The budget is spent first, then every call is refused, whichever server it reaches.
    expect(outcomes.slice(0, RATE_LIMIT)).toEqual(Array(RATE_LIMIT).fill("200"));
    const bySide = (side: number) =>
      outcomes.filter((outcome, index) => index % 2 === side && outcome === "200").length;
    console.info(
      `[system] two servers, rate limit ${RATE_LIMIT}/60 s: ${RATE_CALLS} calls alternating A/B → ${succeeded} succeeded ` +
        `(A ${bySide(0)}, B ${bySide(1)}), ${throttled} × 429 ThrottlingException`,
    );
  });

  it("a key revoked through A's console is refused by B on the very next call", async ({ onTestFailed }) => {
    onTestFailed(() => console.error(outputOfEverything()));
    const key = await newApiKey("revoked across servers");
    const onA = client(a, key);
    const onB = client(b, key);
    // Both servers have verified (and cached) the key.
    expect(await failureOf(onA.send(describeCommand()))).toBeNull();
    expect(await failureOf(onB.send(describeCommand()))).toBeNull();

    const admin = await createSession(db, "admin");
    const revoked = await httpRequest(`${a.origin}/api/trpc/apiKey.revoke`, {
      method: "POST",
      headers: {
        cookie: `next-auth.session-token=${admin.sessionToken}`,
        "content-type": "application/json",
        origin: a.origin,
        "sec-fetch-site": "same-origin",
      },
      body: JSON.stringify({ json: { id: key.id } }),
    });
    expect(revoked.status).toBe(200);
    const revokedAt = performance.now();
    const nextOnB = await failureOf(onB.send(describeCommand()));
    const refusedAfterMs = performance.now() - revokedAt;
    expect(nextOnB).toEqual({ name: "AccessDeniedException", status: 403 });
    expect(await failureOf(onA.send(describeCommand()))).toEqual({ name: "AccessDeniedException", status: 403 });
    console.info(
      `[system] two servers, revocation: key revoked through A's console (tRPC apiKey.revoke ${revoked.status}); ` +
        `the very next call on B → ${nextOnB?.status} ${nextOnB?.name} (${Math.round(refusedAfterMs)} ms after the revoke answered), A → 403 too`,
    );
  });
});
