import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  BatchGetAttachedFileMetadataCommand,
  CompleteAttachedFileUploadCommand,
  CreateAttachedFileCommand,
  DeleteAttachedFileCommand,
  GetAttachedFileCommand,
  StartAttachedFileUploadCommand,
  type StartAttachedFileUploadCommandInput,
  UpdateAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/server/db";
import { deleteQueuedObjects, expireAbandonedUploads, MAX_REFUSALS_RECORDED_PER_HOUR } from "@/server/files/files";
import { awsFailure, connectClient, createTestApiKey, startAwsServer, type TCredentials } from "@/test/aws";
import { createTestDatabase, createTestInstance } from "@/test/db";
import { download, PDF_BYTES, peBytes, pngBytes, uploadTo, wavBytes } from "@/test/files";
import { OBJECT_STORE_DRIVERS, startTestObjectStore, TEST_BUCKET, type TTestObjectStore } from "@/test/storage";

describe.each(OBJECT_STORE_DRIVERS)("attached files through the Connect SDK, %s store", (driver) => {
  let db: TDb;
  let drop: () => Promise<void>;
  let objects: TTestObjectStore;
  let server: Awaited<ReturnType<typeof startAwsServer>>;
  let key: TCredentials & { id: string };
  let client: ReturnType<typeof connectClient>;
  let instance: Awaited<ReturnType<typeof createTestInstance>>;
  let other: Awaited<ReturnType<typeof createTestInstance>>;
  let serial = 0;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
    objects = await startTestObjectStore(driver);
    server = await startAwsServer({ db, objects: objects.store });
    instance = await createTestInstance(db, `files-${driver}`);
    other = await createTestInstance(db, `other-${driver}`);
    key = await createTestApiKey(db, { allInstances: true });
    client = connectClient(server.endpoint, key);
    for (const scope of ["CASE", "EMAIL", "TASK"] as const) {
      await client.send(
        new UpdateAttachedFilesConfigurationCommand({
          InstanceId: instance.id,
          AttachmentScope: scope,
          MaximumSizeLimitInBytes: 1024 * 1024,
          ExtensionConfiguration: {
            AllowedExtensions: (scope === "EMAIL" ? ["txt"] : ["pdf", "png", "txt"]).map((Extension) => ({
              Extension,
            })),
          },
        }),
      );
    }
  });

  afterAll(async () => {
    client?.destroy();
    await server?.close();
    await objects?.stop();
    await drop?.();
  });

  const caseArn = (id = `c${++serial}`) => `${instance.arn}/case/${id}`;

  function start(resourceArn: string, input: Partial<StartAttachedFileUploadCommandInput> = {}) {
    return client.send(
      new StartAttachedFileUploadCommand({
        InstanceId: instance.id,
        AssociatedResourceArn: resourceArn,
        FileName: "report.pdf",
        FileSizeInBytes: PDF_BYTES.byteLength,
        FileUseCaseType: "ATTACHMENT",
        ...input,
      }),
    );
  }

  const get = (resourceArn: string, fileId: string, extra: { UrlExpiryInSeconds?: number } = {}) =>
    client.send(
      new GetAttachedFileCommand({
        InstanceId: instance.id,
        FileId: fileId,
        AssociatedResourceArn: resourceArn,
        ...extra,
      }),
    );
  const complete = (resourceArn: string, fileId: string) =>
    client.send(
      new CompleteAttachedFileUploadCommand({
        InstanceId: instance.id,
        FileId: fileId,
        AssociatedResourceArn: resourceArn,
      }),
    );

  it("uploads, completes, approves and downloads the identical bytes", async () => {
    const arn = caseArn();
    const started = await start(arn, { Tags: { team: "billing" }, UrlExpiryInSeconds: 60 });
    expect(started.FileStatus).toBe("PROCESSING");
    expect(started.FileArn).toBe(`${instance.arn}/file/${started.FileId}`);
    expect(started.CreatedBy?.AWSIdentityArn).toContain(key.id);
    expect(
      Date.parse(started.UploadUrlMetadata?.UrlExpiry ?? "") - Date.parse(started.CreationTime ?? ""),
    ).toBeGreaterThan(55_000);
    expect(started.UploadUrlMetadata?.HeadersToInclude).toMatchObject({ "Content-Type": "application/pdf" });
    expect((await uploadTo(started.UploadUrlMetadata, PDF_BYTES)).ok).toBe(true);

    await complete(arn, started.FileId as string);
    const file = await get(arn, started.FileId as string, { UrlExpiryInSeconds: 30 });
    expect(file).toMatchObject({
      FileStatus: "APPROVED",
      FileName: "report.pdf",
      FileSizeInBytes: PDF_BYTES.byteLength,
      AssociatedResourceArn: arn,
      FileUseCaseType: "ATTACHMENT",
      Tags: { team: "billing" },
    });
    expect(Buffer.from(await download(file.DownloadUrlMetadata?.Url)).equals(Buffer.from(PDF_BYTES))).toBe(true);

    const batch = await client.send(
      new BatchGetAttachedFileMetadataCommand({
        InstanceId: instance.id,
        AssociatedResourceArn: arn,
        FileIds: [started.FileId as string, "00000000-0000-4000-8000-000000000000"],
      }),
    );
    expect(batch.Files?.map((item) => item.FileId)).toEqual([started.FileId]);
    expect(batch.Errors).toEqual([
      { FileId: "00000000-0000-4000-8000-000000000000", ErrorCode: "404", ErrorMessage: expect.any(String) },
    ]);
  });

  // Only the local driver's URLs are Attache's to check (s3rver does not check signatures; S3 does).
  if (driver === "local")
    it("refuses an upload whose URL or headers were changed from what was signed", async () => {
      const started = await start(caseArn());
      const metadata = started.UploadUrlMetadata as { Url: string; HeadersToInclude: Record<string, string> };
      const url = new URL(metadata.Url);
      const changed = (name: string, value: string) => {
        const copy = new URL(url);
        copy.searchParams.set(name, value);
        return copy.toString();
      };
      const signature = url.searchParams.get("X-Attache-Signature") as string;
      const attempts: Array<[string, string, Record<string, string>, Uint8Array]> = [
        ["a longer signed length", changed("X-Attache-Length", "999"), metadata.HeadersToInclude, PDF_BYTES],
        ["another signed type", changed("X-Attache-Type", "text/html"), metadata.HeadersToInclude, PDF_BYTES],
        [
          "another key",
          url.toString().replace(/files\/[0-9a-f-]+/, `files/${crypto.randomUUID()}`),
          metadata.HeadersToInclude,
          PDF_BYTES,
        ],
        [
          "another signature",
          changed("X-Attache-Signature", `${signature.slice(0, -2)}00`),
          metadata.HeadersToInclude,
          PDF_BYTES,
        ],
        [
          "another Content-Type",
          metadata.Url,
          { ...metadata.HeadersToInclude, "Content-Type": "text/html" },
          PDF_BYTES,
        ],
        ["fewer bytes", metadata.Url, { "Content-Type": "application/pdf" }, PDF_BYTES.subarray(1)],
      ];
      for (const [what, target, headers, bytes] of attempts) {
        const response = await fetch(target, { method: "PUT", headers, body: Buffer.from(bytes) });
        expect(response.status, what).toBeGreaterThanOrEqual(400);
        expect(response.status, what).toBeLessThan(500);
      }
      expect((await uploadTo(metadata, PDF_BYTES)).ok).toBe(true);
    });

  it("records ConnectUserArn as the creator when given", async () => {
    const arn = caseArn();
    const agent = `${instance.arn}/agent/agent-1`;
    const started = await start(arn, { CreatedBy: { ConnectUserArn: agent } });
    expect(started.CreatedBy).toEqual({ ConnectUserArn: agent });
    expect((await get(arn, started.FileId as string)).CreatedBy).toEqual({ ConnectUserArn: agent });
  });

  it("refuses by the scope's policy with the modelled Reason, before any URL is handed out", async () => {
    const arn = caseArn();
    const refusals = await Promise.all([
      awsFailure(start(arn, { FileSizeInBytes: 1024 * 1024 + 1 })),
      awsFailure(start(arn, { FileName: "setup.exe" })),
      awsFailure(start(arn, { FileName: "report.pdf.exe" })),
      awsFailure(start(arn, { FileName: "invoice\u202Efdp.exe" })),
      awsFailure(start(`${instance.arn}/email/e1`, { FileName: "report.pdf" })),
    ]);
    expect(refusals.map((refusal) => [refusal.name, refusal.status, refusal.reason])).toEqual([
      ["InvalidRequestException", 400, { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_SIZE" }],
      ["InvalidRequestException", 400, { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_TYPE" }],
      ["InvalidRequestException", 400, { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_NAME" }],
      ["InvalidRequestException", 400, { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_NAME" }],
      ["InvalidRequestException", 400, { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_TYPE" }],
    ]);
    expect(refusals[0]?.message).toMatch(/over this scope's limit/);
    const stored = await db.attachedFile.findMany({ where: { associatedResourceArn: arn } });
    expect(stored.every((file) => file.status === "REJECTED" && file.objectKey === null)).toBe(true);
    expect(stored.map((file) => file.fileName)).not.toContain("invoice\u202Efdp.exe");
  });

  it(`records refused starts at most ${MAX_REFUSALS_RECORDED_PER_HOUR} times per resource and hour`, async () => {
    const arn = caseArn();
    for (let index = 0; index <= MAX_REFUSALS_RECORDED_PER_HOUR; index++) {
      expect((await awsFailure(start(arn, { FileName: `setup-${index}.exe` }))).name).toBe("InvalidRequestException");
    }
    expect(await db.attachedFile.count({ where: { associatedResourceArn: arn } })).toBe(MAX_REFUSALS_RECORDED_PER_HOUR);
  });

  it("puts the file in the scope of its resource and refuses other resources and instances", async () => {
    expect((await start(`${instance.arn}/task/t1`)).FileStatus).toBe("PROCESSING");
    const refused = await Promise.all(
      [
        `${other.arn}/case/c1`,
        `${instance.arn}/agent/a1`,
        "arn:aws:s3:::bucket/key",
        `${instance.arn}/case/c1/extra`,
      ].map((arn) => awsFailure(start(arn))),
    );
    expect(refused.map((refusal) => refusal.name)).toEqual(Array(4).fill("InvalidRequestException"));
    expect(refused[0]?.message).toMatch(/another instance/);
  });

  it("only shows a file under the resource it was uploaded to", async () => {
    const arn = caseArn();
    const started = await start(arn);
    const elsewhere = await awsFailure(get(caseArn(), started.FileId as string));
    expect(elsewhere).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
  });

  it("rejects stored content that does not match its name, and removes it", async () => {
    for (const [name, bytes, reason] of [
      ["photo.pdf", await pngBytes(), /PNG/i],
      ["invoice.pdf", peBytes(), /program|executable/i],
    ] as const) {
      const arn = caseArn();
      const started = await start(arn, { FileName: name, FileSizeInBytes: bytes.byteLength });
      expect((await uploadTo(started.UploadUrlMetadata, bytes)).ok).toBe(true);
      await complete(arn, started.FileId as string);
      const file = await get(arn, started.FileId as string);
      expect(file.FileStatus).toBe("REJECTED");
      expect(file.DownloadUrlMetadata).toBeUndefined();
      const row = await db.attachedFile.findUniqueOrThrow({ where: { id: started.FileId as string } });
      expect(row.reason).toMatch(reason);
      expect(await objects.store.head(row.objectKey as string)).toBeNull();
    }
  });

  it("says a file is still being uploaded when it is completed before its bytes arrive", async () => {
    const arn = caseArn();
    const started = await start(arn);
    expect(await awsFailure(complete(arn, started.FileId as string))).toMatchObject({
      name: "ResourceConflictException",
      status: 409,
    });
    expect((await get(arn, started.FileId as string)).FileStatus).toBe("PROCESSING");
  });

  it("answers a repeated ClientToken with the first answer, and a changed one with a conflict", async () => {
    const arn = caseArn();
    const ClientToken = `token-${driver}-${serial}`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => start(arn, { ClientToken })));
    const bodies = answers.map(({ $metadata: _metadata, ...body }) => body);
    expect(new Set(bodies.map((body) => body.FileId)).size).toBe(1);
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(await db.attachedFile.count({ where: { associatedResourceArn: arn } })).toBe(1);

    const changed = await awsFailure(start(arn, { ClientToken, FileName: "other.pdf" }));
    expect(changed).toMatchObject({ name: "ResourceConflictException", status: 409 });
  });

  it("keeps a ClientToken to the API key that used it, and authorizes before replaying", async () => {
    const arn = caseArn();
    const ClientToken = `shared-${driver}`;
    const first = await start(arn, { ClientToken });
    const otherKey = connectClient(server.endpoint, await createTestApiKey(db, { allInstances: true }));
    const elsewhere = connectClient(server.endpoint, await createTestApiKey(db, { instanceIds: [other.id] }));
    try {
      const input = {
        InstanceId: instance.id,
        AssociatedResourceArn: arn,
        FileName: "report.pdf",
        FileSizeInBytes: PDF_BYTES.byteLength,
        FileUseCaseType: "ATTACHMENT" as const,
        ClientToken,
      };
      const second = await otherKey.send(new StartAttachedFileUploadCommand(input));
      expect(second.FileId).not.toBe(first.FileId);
      const denied = await awsFailure(elsewhere.send(new StartAttachedFileUploadCommand(input)));
      expect(denied).toMatchObject({ name: "AccessDeniedException", status: 403 });
    } finally {
      otherKey.destroy();
      elsewhere.destroy();
    }
  });

  it("removes bytes PUT again to an upload URL after its file was rejected, once the URL has expired", async () => {
    const arn = caseArn();
    const png = await pngBytes();
    const started = await start(arn, { FileName: "again.pdf", FileSizeInBytes: png.byteLength });
    await uploadTo(started.UploadUrlMetadata, png);
    await complete(arn, started.FileId as string);
    expect((await get(arn, started.FileId as string)).FileStatus).toBe("REJECTED");
    // The URL is still valid: the uploader PUTs the same bytes again.
    expect((await uploadTo(started.UploadUrlMetadata, png)).ok).toBe(true);
    const later = new Date(Date.now() + 10 * 60_000);
    await deleteQueuedObjects({ db, objects: objects.store, now: later });
    const { objectKey } = await db.attachedFile.findUniqueOrThrow({ where: { id: started.FileId as string } });
    const uploadKey = objectKey?.replace("/files/", driver === "s3" ? "/uploads/" : "/files/") as string;
    expect(await objects.store.head(uploadKey)).toBeNull();
    expect(await objects.store.head(objectKey as string)).toBeNull();
  });

  it("deletes a file and its object, and records it in the audit log", async () => {
    const arn = caseArn();
    const started = await start(arn);
    await uploadTo(started.UploadUrlMetadata, PDF_BYTES);
    await complete(arn, started.FileId as string);
    const row = await db.attachedFile.findUniqueOrThrow({ where: { id: started.FileId as string } });
    await client.send(
      new DeleteAttachedFileCommand({
        InstanceId: instance.id,
        FileId: started.FileId as string,
        AssociatedResourceArn: arn,
      }),
    );
    expect(await awsFailure(get(arn, started.FileId as string))).toMatchObject({ name: "ResourceNotFoundException" });
    expect(await objects.store.head(row.objectKey as string)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "file.delete", targetId: started.FileId as string } })).toBe(1);
  });

  it("copies a voice recording from its instance's recordings/ prefix of its own store, and nothing else", async () => {
    const bucket = driver === "s3" ? TEST_BUCKET : "attache";
    await objects.store.put(`recordings/${instance.id}/call-1.wav`, wavBytes(), "audio/wav");
    await objects.store.put(`recordings/${other.id}/secret.wav`, wavBytes(), "audio/wav");
    const contact = `${instance.arn}/contact/k1`;
    const copy = (FileSourceUri: string) =>
      client.send(
        new CreateAttachedFileCommand({
          InstanceId: instance.id,
          AssociatedResourceArn: contact,
          FileUseCaseType: "VOICE_RECORDING",
          FileSourceUri,
        }),
      );
    const created = await copy(`s3://${bucket}/recordings/${instance.id}/call-1.wav`);
    expect(created.FileStatus).toBe("APPROVED");
    const file = await get(contact, created.FileId as string);
    expect(Buffer.from(await download(file.DownloadUrlMetadata?.Url)).equals(Buffer.from(wavBytes()))).toBe(true);

    const uploaded = await start(caseArn());
    const ownKey = (await db.attachedFile.findUniqueOrThrow({ where: { id: uploaded.FileId as string } })).objectKey;
    for (const uri of [
      `s3://another-bucket/recordings/${instance.id}/call-1.wav`,
      `s3://${bucket}/recordings/${other.id}/secret.wav`,
      `s3://${bucket}/recordings/${instance.id}/missing.wav`,
      `s3://${bucket}/${ownKey}`,
      "https://example.test/a.wav",
    ]) {
      expect((await awsFailure(copy(uri))).name, uri).toBe("InvalidRequestException");
    }
  });

  it("removes the stored objects of an instance that is deleted", async () => {
    const doomed = await createTestInstance(db, `doomed-${driver}`);
    await client.send(
      new UpdateAttachedFilesConfigurationCommand({
        InstanceId: doomed.id,
        AttachmentScope: "TASK",
        ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }] },
      }),
    );
    const arn = `${doomed.arn}/task/t1`;
    const started = await client.send(
      new StartAttachedFileUploadCommand({
        InstanceId: doomed.id,
        AssociatedResourceArn: arn,
        FileName: "task.pdf",
        FileSizeInBytes: PDF_BYTES.byteLength,
        FileUseCaseType: "ATTACHMENT",
      }),
    );
    await uploadTo(started.UploadUrlMetadata, PDF_BYTES);
    await client.send(
      new CompleteAttachedFileUploadCommand({
        InstanceId: doomed.id,
        FileId: started.FileId,
        AssociatedResourceArn: arn,
      }),
    );
    const { objectKey } = await db.attachedFile.findUniqueOrThrow({ where: { id: started.FileId as string } });
    expect(await objects.store.head(objectKey as string)).not.toBeNull();
    await db.instance.delete({ where: { id: doomed.id } });
    expect(await deleteQueuedObjects({ db, objects: objects.store })).toBeGreaterThanOrEqual(1);
    expect(await objects.store.head(objectKey as string)).toBeNull();
    expect(await db.pendingObjectDeletion.count({ where: { key: objectKey as string } })).toBe(0);
  });

  it("expires an upload that was never completed and removes what arrived", async () => {
    const arn = caseArn();
    const started = await start(arn, { UrlExpiryInSeconds: 5 });
    await uploadTo(started.UploadUrlMetadata, PDF_BYTES);
    const row = await db.attachedFile.findUniqueOrThrow({ where: { id: started.FileId as string } });
    expect(
      await expireAbandonedUploads({ db, objects: objects.store, now: new Date(Date.now() + 10 * 60_000) }),
    ).toBeGreaterThanOrEqual(1);
    const after = await db.attachedFile.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "REJECTED", reasonCode: "EXPIRED", objectKey: null });
    expect(await objects.store.head(row.objectKey as string)).toBeNull();
  });
});

describe("the scanner webhook", () => {
  let db: TDb;
  let drop: () => Promise<void>;
  let objects: TTestObjectStore;
  let scanner: Server;
  let verdict: "CLEAN" | "INFECTED" | "SILENT" = "CLEAN";
  const asked: unknown[] = [];

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
    objects = await startTestObjectStore("local");
    scanner = createServer((incoming, outgoing) => {
      let body = "";
      incoming.on("data", (chunk) => {
        body += chunk;
      });
      incoming.on("end", () => {
        asked.push(JSON.parse(body));
        if (verdict === "SILENT") return;
        outgoing.writeHead(200, { "content-type": "application/json" });
        outgoing.end(JSON.stringify({ verdict, reason: "EICAR test signature" }));
      });
    });
    await new Promise<void>((resolve) => scanner.listen(0, "127.0.0.1", resolve));
  });

  afterAll(async () => {
    scanner?.closeAllConnections();
    await new Promise((resolve) => scanner?.close(resolve));
    await objects?.stop();
    await drop?.();
  });

  it("adds its verdict; no answer in time fails the file instead of approving it", async () => {
    const { port } = scanner.address() as AddressInfo;
    const server = await startAwsServer({
      db,
      objects: objects.store,
      fileChecks: { chatMaxAttachments: 20, scanner: { url: `http://127.0.0.1:${port}/scan`, timeoutMs: 300 } },
    });
    const instance = await createTestInstance(db, "scanned");
    const key = await createTestApiKey(db, { allInstances: true });
    const client = connectClient(server.endpoint, key);
    try {
      await client.send(
        new UpdateAttachedFilesConfigurationCommand({
          InstanceId: instance.id,
          AttachmentScope: "CASE",
          ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }] },
        }),
      );
      const statuses: Record<string, string | undefined> = {};
      for (const outcome of ["CLEAN", "INFECTED", "SILENT"] as const) {
        verdict = outcome;
        const arn = `${instance.arn}/case/${outcome}`;
        const started = await client.send(
          new StartAttachedFileUploadCommand({
            InstanceId: instance.id,
            AssociatedResourceArn: arn,
            FileName: "scan.pdf",
            FileSizeInBytes: PDF_BYTES.byteLength,
            FileUseCaseType: "ATTACHMENT",
          }),
        );
        await uploadTo(started.UploadUrlMetadata, PDF_BYTES);
        await client.send(
          new CompleteAttachedFileUploadCommand({
            InstanceId: instance.id,
            FileId: started.FileId,
            AssociatedResourceArn: arn,
          }),
        );
        const file = await client.send(
          new GetAttachedFileCommand({ InstanceId: instance.id, FileId: started.FileId, AssociatedResourceArn: arn }),
        );
        statuses[outcome] = file.FileStatus;
      }
      expect(statuses).toEqual({ CLEAN: "APPROVED", INFECTED: "REJECTED", SILENT: "FAILED" });
      expect(asked).toHaveLength(3);
      expect(asked[0]).toMatchObject({
        fileName: "scan.pdf",
        sizeInBytes: PDF_BYTES.byteLength,
        downloadUrl: expect.any(String),
      });
    } finally {
      client.destroy();
      await server.close();
    }
  });
});

describe.each(OBJECT_STORE_DRIVERS)("presigned URLs past their expiry, %s store", (driver) => {
  let db: TDb;
  let drop: () => Promise<void>;
  let objects: TTestObjectStore;
  let server: Awaited<ReturnType<typeof startAwsServer>>;
  let client: ReturnType<typeof connectClient>;
  let instance: Awaited<ReturnType<typeof createTestInstance>>;
  /** The store's clock: URLs are signed this far in the past (s3rver checks expiry on the real clock). */
  let offsetMs = 0;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
    objects = await startTestObjectStore(driver, { now: () => Date.now() + offsetMs });
    server = await startAwsServer({ db, objects: objects.store });
    instance = await createTestInstance(db, `expiry-${driver}`);
    client = connectClient(server.endpoint, await createTestApiKey(db, { allInstances: true }));
    await client.send(
      new UpdateAttachedFilesConfigurationCommand({
        InstanceId: instance.id,
        AttachmentScope: "CASE",
        ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }] },
      }),
    );
  });

  afterAll(async () => {
    client?.destroy();
    await server?.close();
    await objects?.stop();
    await drop?.();
  });

  it("refuses an upload URL and a download URL used after they expire", async () => {
    const arn = `${instance.arn}/case/late`;
    offsetMs = -60_000;
    const late = await client.send(
      new StartAttachedFileUploadCommand({
        InstanceId: instance.id,
        AssociatedResourceArn: arn,
        FileName: "late.pdf",
        FileSizeInBytes: PDF_BYTES.byteLength,
        FileUseCaseType: "ATTACHMENT",
        UrlExpiryInSeconds: 5,
      }),
    );
    offsetMs = 0;
    const refused = await uploadTo(late.UploadUrlMetadata, PDF_BYTES);
    expect(refused.status).toBe(403);

    const onTime = await client.send(
      new StartAttachedFileUploadCommand({
        InstanceId: instance.id,
        AssociatedResourceArn: arn,
        FileName: "on-time.pdf",
        FileSizeInBytes: PDF_BYTES.byteLength,
        FileUseCaseType: "ATTACHMENT",
      }),
    );
    expect((await uploadTo(onTime.UploadUrlMetadata, PDF_BYTES)).ok).toBe(true);
    const target = { InstanceId: instance.id, FileId: onTime.FileId, AssociatedResourceArn: arn };
    await client.send(new CompleteAttachedFileUploadCommand(target));
    offsetMs = -60_000;
    const file = await client.send(new GetAttachedFileCommand({ ...target, UrlExpiryInSeconds: 5 }));
    offsetMs = 0;
    expect(file.FileStatus).toBe("APPROVED");
    expect((await fetch(file.DownloadUrlMetadata?.Url as string)).status).toBe(403);
  });
});
