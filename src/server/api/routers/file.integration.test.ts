import { randomUUID } from "node:crypto";
import {
  CompleteAttachedFileUploadCommand,
  StartAttachedFileUploadCommand,
  UpdateAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/server/db";
import type { TAttachmentScope } from "@/server/policies/policy-rules";
import { awsFailure, connectClient, createTestApiKey, startAwsServer } from "@/test/aws";
import { createSession, createTestDatabase, createTestInstance } from "@/test/db";
import { download, PDF_BYTES, uploadTo } from "@/test/files";
import { startTestObjectStore, type TTestObjectStore } from "@/test/storage";
import { callerFor, type TCaller, trpcErrorOf } from "@/test/trpc";

const DAY_MS = 24 * 60 * 60 * 1000;

let db: TDb;
let drop: () => Promise<void>;
let objects: TTestObjectStore;
let server: Awaited<ReturnType<typeof startAwsServer>>;
let client: ReturnType<typeof connectClient>;
let viewer: TCaller;
let editor: TCaller;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  objects = await startTestObjectStore("local");
  server = await startAwsServer({ db, objects: objects.store });
  client = connectClient(server.endpoint, await createTestApiKey(db, { allInstances: true }));
  viewer = callerFor(db, await createSession(db, "viewer"), objects.store);
  editor = callerFor(db, await createSession(db, "editor"), objects.store);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  await objects?.stop();
  await drop?.();
});

type TRow = {
  fileName: string;
  scope?: TAttachmentScope;
  status?: "PROCESSING" | "APPROVED" | "REJECTED" | "FAILED";
  reasonCode?: string;
  sizeInBytes?: number;
  daysAgo?: number;
  origin?: "ATTACHED_FILE" | "CHAT";
};

/** A file row as the upload path leaves it (no object: these rows are never downloaded). */
function createRow(instance: { id: string; arn: string }, row: TRow) {
  return db.attachedFile.create({
    data: {
      instanceId: instance.id,
      origin: row.origin ?? "ATTACHED_FILE",
      scope: row.scope ?? "CASE",
      associatedResourceArn: `${instance.arn}/case/${randomUUID()}`,
      fileName: row.fileName,
      sizeInBytes: row.sizeInBytes ?? 1000,
      contentType: "application/octet-stream",
      useCaseType: "ATTACHMENT",
      status: row.status ?? "APPROVED",
      reasonCode: row.reasonCode ?? null,
      reason: row.reasonCode ? `Refused: ${row.reasonCode}.` : null,
      createdByLabel: "API key test",
      createdAt: new Date(Date.now() - (row.daysAgo ?? 0) * DAY_MS),
    },
  });
}

async function casePolicy(instanceId: string, extensions: string[], maximumSizeLimitInBytes = 1024 * 1024) {
  await client.send(
    new UpdateAttachedFilesConfigurationCommand({
      InstanceId: instanceId,
      AttachmentScope: "CASE",
      MaximumSizeLimitInBytes: maximumSizeLimitInBytes,
      ExtensionConfiguration: { AllowedExtensions: extensions.map((Extension) => ({ Extension })) },
    }),
  );
}

/** report.pdf through the real path: start, PUT to the signed URL, complete. */
async function uploadPdf(instance: { id: string; arn: string }, fileName = "report.pdf") {
  const arn = `${instance.arn}/case/${randomUUID()}`;
  const started = await client.send(
    new StartAttachedFileUploadCommand({
      InstanceId: instance.id,
      AssociatedResourceArn: arn,
      FileName: fileName,
      FileSizeInBytes: PDF_BYTES.byteLength,
      FileUseCaseType: "ATTACHMENT",
    }),
  );
  expect((await uploadTo(started.UploadUrlMetadata, PDF_BYTES)).ok).toBe(true);
  await client.send(
    new CompleteAttachedFileUploadCommand({
      InstanceId: instance.id,
      FileId: started.FileId,
      AssociatedResourceArn: arn,
    }),
  );
  return { fileId: started.FileId as string, arn };
}

describe("the Files area", () => {
  it("lets a viewer list an approved upload and a refused start, newest first, with the reason", async () => {
    const instance = await createTestInstance(db, "files-list");
    await casePolicy(instance.id, ["pdf", "png"]);
    const { fileId } = await uploadPdf(instance);
    const refused = await awsFailure(
      client.send(
        new StartAttachedFileUploadCommand({
          InstanceId: instance.id,
          AssociatedResourceArn: `${instance.arn}/case/c1`,
          FileName: "setup.exe",
          FileSizeInBytes: 2048,
          FileUseCaseType: "ATTACHMENT",
        }),
      ),
    );
    expect(refused.reason).toEqual({ AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_TYPE" });

    const listed = await viewer.file.list({ instanceId: instance.id });
    expect(listed.instance).toEqual({ id: instance.id, alias: instance.alias, arn: instance.arn });
    expect(listed.nextCursor).toBeNull();
    expect(listed.files.map((file) => [file.fileName, file.status, file.reasonCode, file.downloadable])).toEqual([
      ["setup.exe", "REJECTED", "INVALID_FILE_TYPE", false],
      ["report.pdf", "APPROVED", null, true],
    ]);
    expect(listed.files[0]?.reason).toMatch(/exe/);
    expect(listed.files[1]).toMatchObject({
      id: fileId,
      scope: "CASE",
      origin: "ATTACHED_FILE",
      sizeInBytes: PDF_BYTES.byteLength,
      createdBy: expect.any(String),
    });

    const summary = await viewer.file.summary({ instanceId: instance.id });
    expect(summary).toEqual([{ scope: "CASE", reasonCode: "INVALID_FILE_TYPE", last7Days: 1, last30Days: 1 }]);
  });

  it("filters by status, scope and dates, and pages 25 at a time without gaps or repeats", async () => {
    const instance = await createTestInstance(db, "files-paging");
    for (let index = 0; index < 30; index++) {
      await createRow(instance, {
        fileName: `file-${String(index).padStart(2, "0")}.pdf`,
        scope: index % 3 === 0 ? "CHAT" : "CASE",
        origin: index % 3 === 0 ? "CHAT" : "ATTACHED_FILE",
        status: index % 5 === 0 ? "REJECTED" : "APPROVED",
        reasonCode: index % 5 === 0 ? "INVALID_FILE_SIZE" : undefined,
        daysAgo: index,
      });
    }

    const first = await viewer.file.list({ instanceId: instance.id });
    expect(first.files).toHaveLength(25);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await viewer.file.list({ instanceId: instance.id, cursor: first.nextCursor ?? undefined });
    expect(second.files).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const names = [...first.files, ...second.files].map((file) => file.fileName);
    expect(names).toEqual(Array.from({ length: 30 }, (_, index) => `file-${String(index).padStart(2, "0")}.pdf`));

    const rejected = await viewer.file.list({ instanceId: instance.id, filter: { status: "REJECTED" } });
    expect(rejected.files.map((file) => file.fileName)).toEqual(
      ["00", "05", "10", "15", "20", "25"].map((n) => `file-${n}.pdf`),
    );
    const chat = await viewer.file.list({ instanceId: instance.id, filter: { scope: "CHAT", status: "APPROVED" } });
    expect(chat.files.map((file) => file.fileName)).toEqual(
      ["03", "06", "09", "12", "18", "21", "24", "27"].map((n) => `file-${n}.pdf`),
    );
    expect(chat.files.every((file) => file.origin === "CHAT")).toBe(true);

    // From 10.5 days ago up to 7.5 days ago: the files of 10, 9 and 8 days ago.
    const range = await viewer.file.list({
      instanceId: instance.id,
      filter: { from: new Date(Date.now() - 10.5 * DAY_MS), to: new Date(Date.now() - 7.5 * DAY_MS) },
    });
    expect(range.files.map((file) => file.fileName)).toEqual(["file-08.pdf", "file-09.pdf", "file-10.pdf"]);
    const nothing = await viewer.file.list({
      instanceId: instance.id,
      filter: { from: new Date(Date.now() + DAY_MS) },
    });
    expect(nothing).toMatchObject({ files: [], nextCursor: null });
  });

  it("refuses bad filters, a forged cursor and an unknown instance with clear errors", async () => {
    const instance = await createTestInstance(db, "files-bad");
    const backwards = await trpcErrorOf(
      viewer.file.list({
        instanceId: instance.id,
        filter: { from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") },
      }),
    );
    expect(backwards.code).toBe("BAD_REQUEST");
    expect(backwards.message).toContain("The end date must be on or after the start date.");

    const status = await trpcErrorOf(
      viewer.file.list({ instanceId: instance.id, filter: { status: "LOST" as never } }),
    );
    expect(status.code).toBe("BAD_REQUEST");
    expect(status.message).toContain("Choose a status.");

    for (const cursor of ["bm90LWEtY3Vyc29y", "x".repeat(600)]) {
      const refused = await trpcErrorOf(viewer.file.list({ instanceId: instance.id, cursor }));
      expect(refused.code).toBe("BAD_REQUEST");
      expect(refused.message).toContain("That page of files is no longer valid; start from the first page.");
    }

    const unknown = await trpcErrorOf(viewer.file.summary({ instanceId: randomUUID() }));
    expect(unknown.code).toBe("NOT_FOUND");
    const notAnId = await trpcErrorOf(viewer.file.list({ instanceId: "attache-demo" }));
    expect(notAnId.code).toBe("BAD_REQUEST");
    expect(notAnId.message).toContain("That is not an instance id.");
    const signedOut = await trpcErrorOf(callerFor(db, null).file.list({ instanceId: instance.id }));
    expect(signedOut.code).toBe("UNAUTHORIZED");
  });

  it("counts refusals by scope and reason over the last 7 and 30 days", async () => {
    const instance = await createTestInstance(db, "files-summary");
    const rows: TRow[] = [
      { fileName: "a.exe", scope: "CHAT", status: "REJECTED", reasonCode: "INVALID_FILE_TYPE", daysAgo: 1 },
      { fileName: "b.exe", scope: "CHAT", status: "REJECTED", reasonCode: "INVALID_FILE_TYPE", daysAgo: 3 },
      { fileName: "c.exe", scope: "CHAT", status: "REJECTED", reasonCode: "INVALID_FILE_TYPE", daysAgo: 12 },
      { fileName: "big.pdf", scope: "CASE", status: "REJECTED", reasonCode: "INVALID_FILE_SIZE", daysAgo: 20 },
      { fileName: "old.exe", scope: "CHAT", status: "REJECTED", reasonCode: "INVALID_FILE_TYPE", daysAgo: 31 },
      { fileName: "ok.pdf", scope: "CHAT", status: "APPROVED", daysAgo: 1 },
      { fileName: "broken.pdf", scope: "CASE", status: "FAILED", reasonCode: "INTERNAL", daysAgo: 1 },
    ];
    for (const row of rows) await createRow(instance, row);

    expect(await viewer.file.summary({ instanceId: instance.id })).toEqual([
      { scope: "CHAT", reasonCode: "INVALID_FILE_TYPE", last7Days: 2, last30Days: 3 },
      { scope: "CASE", reasonCode: "INVALID_FILE_SIZE", last7Days: 0, last30Days: 1 },
    ]);
    expect(await viewer.file.summary({ instanceId: (await createTestInstance(db, "files-none")).id })).toEqual([]);
  });

  it("previews how a stricter policy would have judged the last 30 days' uploads", async () => {
    const instance = await createTestInstance(db, "files-impact");
    await casePolicy(instance.id, ["pdf", "png", "txt"], 1024 * 1024);
    const rows: TRow[] = [
      { fileName: "invoice.pdf", sizeInBytes: 200_000, daysAgo: 1 },
      { fileName: "photo.png", sizeInBytes: 300_000, daysAgo: 2 },
      { fileName: "notes.txt", sizeInBytes: 900_000, daysAgo: 3 },
      { fileName: "setup.exe", status: "REJECTED", reasonCode: "INVALID_FILE_TYPE", daysAgo: 4 },
      { fileName: "huge.pdf", sizeInBytes: 3_000_000, status: "REJECTED", reasonCode: "INVALID_FILE_SIZE", daysAgo: 5 },
      { fileName: "older.png", daysAgo: 40 },
      { fileName: "chat.png", scope: "CHAT", origin: "CHAT", daysAgo: 1 },
    ];
    for (const row of rows) await createRow(instance, row);

    const impact = await viewer.file.policyImpact({
      instanceId: instance.id,
      scope: "CASE",
      policy: { maximumSizeLimitInBytes: 500_000, allowedExtensions: ["pdf", "txt"] },
    });
    expect(impact).toEqual({
      scope: "CASE",
      judged: 5,
      sampled: false,
      refused: 4,
      newlyRefused: 2,
      byReason: { INVALID_FILE_TYPE: 2, INVALID_FILE_SIZE: 2 },
      examples: [
        { fileName: "photo.png", sizeInBytes: 300_000, message: expect.stringMatching(/png/) },
        { fileName: "notes.txt", sizeInBytes: 900_000, message: expect.stringMatching(/limit/) },
      ],
    });

    // The same policy as today refuses nothing that is accepted today.
    const same = await viewer.file.policyImpact({
      instanceId: instance.id,
      scope: "CASE",
      policy: { maximumSizeLimitInBytes: 1024 * 1024, allowedExtensions: ["pdf", "png", "txt"] },
    });
    expect(same).toMatchObject({ judged: 5, refused: 2, newlyRefused: 0, examples: [] });
    expect(
      await viewer.file.policyImpact({
        instanceId: instance.id,
        scope: "TASK",
        policy: { maximumSizeLimitInBytes: 1, allowedExtensions: [] },
      }),
    ).toMatchObject({ judged: 0, refused: 0, newlyRefused: 0 });

    const invalid = await trpcErrorOf(
      viewer.file.policyImpact({
        instanceId: instance.id,
        scope: "CASE",
        policy: { maximumSizeLimitInBytes: 0, allowedExtensions: [".pdf"] },
      }),
    );
    expect(invalid.code).toBe("BAD_REQUEST");
    expect(invalid.message).toContain("The size limit must be at least 1 byte.");
    expect(invalid.message).toContain("no leading dot");
  });

  it("gives a one-minute download URL that fetches the identical bytes, for approved files only", async () => {
    const instance = await createTestInstance(db, "files-download");
    await casePolicy(instance.id, ["pdf"]);
    const { fileId } = await uploadPdf(instance);
    const before = Date.now();
    const link = await viewer.file.download({ instanceId: instance.id, fileId });
    expect(link.expiresAt.getTime() - before).toBeGreaterThan(50_000);
    expect(link.expiresAt.getTime() - before).toBeLessThanOrEqual(61_000);
    expect(Buffer.from(await download(link.url)).equals(Buffer.from(PDF_BYTES))).toBe(true);

    const rejected = await createRow(instance, { fileName: "setup.exe", status: "REJECTED", reasonCode: "X" });
    const refused = await trpcErrorOf(viewer.file.download({ instanceId: instance.id, fileId: rejected.id }));
    expect(refused.code).toBe("UNPROCESSABLE_CONTENT");
    expect(refused.message).toBe("Only approved files can be downloaded; this one is rejected.");
    const missing = await trpcErrorOf(viewer.file.download({ instanceId: instance.id, fileId: randomUUID() }));
    expect(missing.code).toBe("NOT_FOUND");
  });

  it("lets an editor delete a file (its object too, audited), and refuses a viewer with FORBIDDEN", async () => {
    const instance = await createTestInstance(db, "files-delete");
    await casePolicy(instance.id, ["pdf"]);
    const { fileId } = await uploadPdf(instance);
    const { objectKey } = await db.attachedFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(objectKey && (await objects.store.head(objectKey))).toEqual({ size: PDF_BYTES.byteLength });
    const link = await viewer.file.download({ instanceId: instance.id, fileId });

    const forbidden = await trpcErrorOf(viewer.file.delete({ instanceId: instance.id, fileId }));
    expect(forbidden.code).toBe("FORBIDDEN");
    expect(await db.attachedFile.count({ where: { id: fileId } })).toBe(1);

    expect(await editor.file.delete({ instanceId: instance.id, fileId })).toEqual({ instanceId: instance.id, fileId });
    expect((await viewer.file.list({ instanceId: instance.id })).files).toEqual([]);
    expect(await objects.store.head(objectKey as string)).toBeNull();
    expect((await fetch(link.url)).ok).toBe(false);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "file.delete", targetId: fileId } });
    expect(audit).toMatchObject({ targetType: "file", actorKind: "USER" });
    expect(audit.before).toMatchObject({ fileName: "report.pdf", status: "APPROVED", scope: "CASE" });

    const again = await trpcErrorOf(editor.file.delete({ instanceId: instance.id, fileId }));
    expect(again.code).toBe("NOT_FOUND");
  });
});
