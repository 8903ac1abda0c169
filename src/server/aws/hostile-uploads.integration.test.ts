import {
  CompleteAttachedFileUploadCommand,
  GetAttachedFileCommand,
  StartAttachedFileUploadCommand,
  UpdateAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/server/db";
import {
  BENIGN_FILE_CONTENTS,
  BENIGN_FILE_NAMES,
  HOSTILE_FILE_CONTENTS,
  HOSTILE_FILE_NAMES,
  PERMISSIVE_POLICY,
  type TSampleFile,
} from "@/server/files/hostile-corpus";
import { awsFailure, connectClient, createTestApiKey, startAwsServer } from "@/test/aws";
import { createTestDatabase, createTestInstance } from "@/test/db";
import { uploadTo } from "@/test/files";

/**
 * The committed hostile corpus (src/server/files/hostile-corpus.ts) through the real API and the real
 * upload path: every hostile name is refused at StartAttachedFileUpload, every hostile content is
 * REJECTED at completion, under a policy that allows every extension the corpus dresses them in. The
 * benign control group goes through, so the test fails if the rules simply refuse everything.
 */

let db: TDb;
let drop: () => Promise<void>;
let server: Awaited<ReturnType<typeof startAwsServer>>;
let client: ReturnType<typeof connectClient>;
let instance: Awaited<ReturnType<typeof createTestInstance>>;
let serial = 0;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  server = await startAwsServer({ db });
  instance = await createTestInstance(db, "hostile");
  client = connectClient(server.endpoint, await createTestApiKey(db, { allInstances: true }));
  await client.send(
    new UpdateAttachedFilesConfigurationCommand({
      InstanceId: instance.id,
      AttachmentScope: "CASE",
      MaximumSizeLimitInBytes: PERMISSIVE_POLICY.maximumSizeLimitInBytes,
      ExtensionConfiguration: {
        AllowedExtensions: PERMISSIVE_POLICY.allowedExtensions.map((Extension) => ({ Extension })),
      },
    }),
  );
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  await drop?.();
});

function start(fileName: string, size: number) {
  const AssociatedResourceArn = `${instance.arn}/case/h${++serial}`;
  return client
    .send(
      new StartAttachedFileUploadCommand({
        InstanceId: instance.id,
        AssociatedResourceArn,
        FileName: fileName,
        FileSizeInBytes: size,
        FileUseCaseType: "ATTACHMENT",
      }),
    )
    .then((started) => ({ ...started, AssociatedResourceArn }));
}

async function uploadAndComplete(file: TSampleFile) {
  const started = await start(file.name, file.bytes.byteLength);
  const put = await uploadTo(started.UploadUrlMetadata, file.bytes);
  expect(put.ok, `${file.name}: ${file.why}`).toBe(true);
  const target = {
    InstanceId: instance.id,
    FileId: started.FileId,
    AssociatedResourceArn: started.AssociatedResourceArn,
  };
  await client.send(new CompleteAttachedFileUploadCommand(target));
  return client.send(new GetAttachedFileCommand(target));
}

describe("the hostile corpus through the API", () => {
  it(`refuses all ${HOSTILE_FILE_NAMES.length} hostile names at the start, with a name or type Reason`, async () => {
    const accepted: string[] = [];
    for (const { name, why } of HOSTILE_FILE_NAMES) {
      const refusal = await awsFailure(start(name, 10)).catch(() => null);
      const reason = refusal?.reason?.AttachedFileInvalidRequestExceptionReason;
      if (
        refusal?.name !== "InvalidRequestException" ||
        !["INVALID_FILE_NAME", "INVALID_FILE_TYPE"].includes(reason ?? "")
      ) {
        accepted.push(`${JSON.stringify(name.slice(0, 60))} (${why}): ${refusal?.name ?? "accepted"} ${reason ?? ""}`);
      }
    }
    expect(accepted).toEqual([]);
    // Whatever the name held, what is stored of a refusal is bounded and free of control characters.
    const stored = await db.attachedFile.findMany({ where: { instanceId: instance.id }, select: { fileName: true } });
    expect(stored.length).toBe(HOSTILE_FILE_NAMES.length);
    for (const { fileName } of stored) {
      expect([...fileName].length).toBeLessThanOrEqual(256);
      expect(fileName).not.toMatch(/\p{Cc}|\p{Cf}/u);
    }
  });

  it(`rejects all ${HOSTILE_FILE_CONTENTS.length} hostile contents at completion, and keeps none of them`, async () => {
    const approved: string[] = [];
    for (const file of HOSTILE_FILE_CONTENTS) {
      const result = await uploadAndComplete(file);
      if (result.FileStatus !== "REJECTED") approved.push(`${file.name} (${file.why}): ${result.FileStatus}`);
      expect(result.DownloadUrlMetadata).toBeUndefined();
    }
    expect(approved).toEqual([]);
  });

  it("lets the benign control group through", async () => {
    for (const name of BENIGN_FILE_NAMES) expect((await start(name, 10)).FileStatus, name).toBe("PROCESSING");
    const refused: string[] = [];
    for (const file of BENIGN_FILE_CONTENTS) {
      const result = await uploadAndComplete(file);
      if (result.FileStatus !== "APPROVED") refused.push(`${file.name}: ${result.FileStatus}`);
    }
    expect(refused).toEqual([]);
  });
});
