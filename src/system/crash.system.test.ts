import {
  type ConnectClient,
  ConnectServiceException,
  DescribeAttachedFilesConfigurationCommand,
  UpdateAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type TDb } from "@/server/db";
import { connectClient } from "@/test/aws";
import { createTestInstance } from "@/test/db";
import {
  BOOTSTRAP_KEY,
  freePort,
  killEverything,
  outputOfEverything,
  startAppServer,
  startTestPostgres,
  type TTestPostgres,
} from "@/test/processes";

/**
 * kill -9 of the app server in the middle of a burst of concurrent policy writes: after a restart on
 * the same database, the policy's history holds every write the server acknowledged, its versions
 * run 1..n without gaps, each revision has its one audit event, and no request that got an error
 * answer left a write. Requests that had no answer when the process died may have committed or not;
 * those are the only ones allowed either way.
 */

const WRITERS = 6;
const BURST_MS = 1_500;
const SCOPE = "CHAT";
/** Every fifth write is out of range (above 100 MB): refused with a 400, so it must never be written. */
const INVALID_EVERY = 5;
const MAX_VALID_SIZE = 104_857_600;

let postgres: TTestPostgres;
let db: TDb;

beforeAll(async () => {
  postgres = await startTestPostgres();
});

afterAll(async () => {
  await killEverything();
  await db?.$disconnect();
  await postgres?.destroy();
});

type TOutcome = "acknowledged" | "refused" | "no answer";
type TWrite = { size: number; extensions: string[]; outcome?: TOutcome; status?: number; error?: string };

describe("kill -9 during a burst of concurrent writes to one policy", () => {
  it("loses no acknowledged write, keeps versions gapless with one audit event each, and writes nothing refused", async ({
    onTestFailed,
  }) => {
    const writes: TWrite[] = [];
    onTestFailed(() => {
      const outcomes = new Map<string, number>();
      for (const write of writes) {
        const key = `${write.outcome} ${write.status ?? ""} ${write.error ?? ""}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
      console.error(`Outcomes: ${JSON.stringify([...outcomes])}\n${outputOfEverything()}`);
    });
    const port = await freePort();
    const dataDir = postgres.dataDir;
    const serverOptions = {
      databaseUrl: postgres.url,
      port,
      dataDir,
    };
    const first = await startAppServer({ ...serverOptions, name: "app server (before the crash)" });
    db = createDb(postgres.url);
    const instance = await createTestInstance(db, "crash");

    // Warm up: each writer's client connects and is verified, and the scope's row exists, before the burst.
    const writerClients = Array.from({ length: WRITERS }, () => connectClient(first.endpoint, BOOTSTRAP_KEY));
    await Promise.all(
      writerClients.map((client) =>
        client.send(new DescribeAttachedFilesConfigurationCommand({ InstanceId: instance.id, AttachmentScope: SCOPE })),
      ),
    );
    const warmUp: TWrite = { size: 999_999, extensions: ["pdf"] };
    await writerClients[0]?.send(
      new UpdateAttachedFilesConfigurationCommand({
        InstanceId: instance.id,
        AttachmentScope: SCOPE,
        MaximumSizeLimitInBytes: warmUp.size,
        ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }] },
      }),
    );
    warmUp.outcome = "acknowledged";
    writes.push(warmUp);

    let stop = false;
    const writer = async (index: number) => {
      const client = writerClients[index] as ConnectClient;
      for (let sequence = 0; !stop && sequence < 1_000; sequence++) {
        const invalid = sequence % INVALID_EVERY === INVALID_EVERY - 1;
        // A size no other request uses identifies each write in the history.
        const size = (invalid ? MAX_VALID_SIZE + 1 : 1_000_000) + index * 10_000 + sequence;
        const write: TWrite = { size, extensions: ["pdf", `w${index}`, `s${sequence}`] };
        writes.push(write);
        try {
          await client.send(
            new UpdateAttachedFilesConfigurationCommand({
              InstanceId: instance.id,
              AttachmentScope: SCOPE,
              MaximumSizeLimitInBytes: size,
              ExtensionConfiguration: { AllowedExtensions: write.extensions.map((Extension) => ({ Extension })) },
            }),
            { abortSignal: AbortSignal.timeout(20_000) },
          );
          write.outcome = "acknowledged";
        } catch (error) {
          if (error instanceof ConnectServiceException && error.$metadata.httpStatusCode) {
            write.outcome = "refused";
            write.status = error.$metadata.httpStatusCode;
            write.error = error.name;
          } else {
            write.outcome = "no answer";
            write.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          }
        }
      }
      client.destroy();
    };
    const writers = Array.from({ length: WRITERS }, (_, index) => writer(index));
    await new Promise((resolve) => setTimeout(resolve, BURST_MS));
    first.signal("SIGKILL");
    stop = true;
    const exit = await first.waitForExit(10_000);
    await Promise.all(writers);
    expect(exit.signal).toBe("SIGKILL");

    const restarted = await startAppServer({ ...serverOptions, name: "app server (after the crash)" });

    const acknowledged = writes.filter((write) => write.outcome === "acknowledged");
    const refused = writes.filter((write) => write.outcome === "refused");
    const unanswered = writes.filter((write) => write.outcome === "no answer");
    const revisions = await db.policyRevision.findMany({
      where: { instanceId: instance.id, scope: SCOPE },
      orderBy: { version: "asc" },
    });
    const sizeOf = (json: unknown) => (json as { maximumSizeLimitInBytes: number }).maximumSizeLimitInBytes;
    const revisionSizes = revisions.map((revision) => sizeOf(revision.after));
    const written = new Set(revisionSizes);

    expect(acknowledged.length).toBeGreaterThan(1);
    // Versions 1..n, gapless, and the configuration is at n with the last revision's policy.
    expect(revisions.map((revision) => revision.version)).toEqual(revisions.map((_, index) => index + 1));
    const configuration = await db.attachedFilesConfiguration.findUniqueOrThrow({
      where: { instanceId_scope: { instanceId: instance.id, scope: SCOPE } },
    });
    expect(configuration.version).toBe(revisions.length);
    expect(configuration.maximumSizeLimitInBytes).toBe(revisionSizes.at(-1));
    // Each revision is one request's write, written once.
    expect(written.size).toBe(revisions.length);

    // Every acknowledged write is in the history; nothing refused is; the rest had no answer.
    expect(acknowledged.filter((write) => !written.has(write.size)).map((write) => write.size)).toEqual([]);
    expect(refused.filter((write) => written.has(write.size)).map((write) => write.size)).toEqual([]);
    const answeredOrNot = new Set([...acknowledged, ...unanswered].map((write) => write.size));
    expect(revisionSizes.filter((size) => !answeredOrNot.has(size))).toEqual([]);
    const committedUnanswered = unanswered.filter((write) => written.has(write.size)).length;

    // One audit event per revision, with that revision's policy.
    const audits = await db.auditEvent.findMany({
      where: { action: "policy.update", targetType: "AttachedFilesConfiguration", targetId: `${instance.id}/${SCOPE}` },
    });
    const auditSizes = audits.map((audit) => sizeOf(audit.after));
    expect(auditSizes.length).toBe(revisions.length);
    expect([...auditSizes].sort((a, b) => a - b)).toEqual([...revisionSizes].sort((a, b) => a - b));

    // The restarted server reads the last revision and writes on top of it at once (no lock left behind).
    const client = connectClient(restarted.endpoint, BOOTSTRAP_KEY);
    const described = await client.send(
      new DescribeAttachedFilesConfigurationCommand({ InstanceId: instance.id, AttachmentScope: SCOPE }),
    );
    expect(described.AttachedFilesConfiguration?.MaximumSizeLimitInBytes).toBe(revisionSizes.at(-1));
    const afterwards = performance.now();
    await client.send(
      new UpdateAttachedFilesConfigurationCommand({
        InstanceId: instance.id,
        AttachmentScope: SCOPE,
        MaximumSizeLimitInBytes: 123_456,
      }),
    );
    const nextWriteMs = Math.round(performance.now() - afterwards);
    client.destroy();
    expect(
      (
        await db.attachedFilesConfiguration.findUniqueOrThrow({
          where: { instanceId_scope: { instanceId: instance.id, scope: SCOPE } },
        })
      ).version,
    ).toBe(revisions.length + 1);

    const byStatus = new Map<string, number>();
    for (const write of refused)
      byStatus.set(`${write.status} ${write.error}`, (byStatus.get(`${write.status} ${write.error}`) ?? 0) + 1);
    const statuses = [...byStatus].map(([status, count]) => `${count} × ${status}`);
    console.info(
      `[system] kill -9: ${writes.length - 1} writes sent by ${WRITERS} writers in ${BURST_MS} ms (after 1 warm-up write); ` +
        `${acknowledged.length} acknowledged, ${refused.length} refused (${statuses.join(", ") || "none"}), ` +
        `${unanswered.length} without an answer (${committedUnanswered} of them committed); ` +
        `history versions 1..${revisions.length} gapless, ${audits.length} audit events, ` +
        `all ${acknowledged.length} acknowledged present, 0 refused written; next write after restart ${nextWriteMs} ms`,
    );
  });
});
