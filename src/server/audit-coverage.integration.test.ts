import { randomUUID } from "node:crypto";
import {
  CompleteAttachedFileUploadCommand,
  CreateWorkspaceCommand,
  DeleteAttachedFileCommand,
  ImportWorkspaceMediaCommand,
  StartAttachedFileUploadCommand,
  UpdateAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/server/audit-log";
import type { TAuditFilter } from "@/server/audit-log-schemas";
import type { TSession } from "@/server/auth";
import type { TDb } from "@/server/db";
import { findActor, type TUserActor } from "@/server/team/team";
import { connectClient, createTestApiKey, startAwsServer } from "@/test/aws";
import { createSession, createTestDatabase } from "@/test/db";
import { PDF_BYTES, pngBytes, uploadTo } from "@/test/files";
import { startTestObjectStore, type TTestObjectStore } from "@/test/storage";
import { callerFor, type TCaller } from "@/test/trpc";

/**
 * Every kind of change made today through the console (tRPC) or the API (the AWS SDK with an API
 * key) appears in the Audit page's list with who made it. Team, sign-in and key-rotation events are
 * covered where those features are tested.
 */

let db: TDb;
let drop: () => Promise<void>;
let objects: TTestObjectStore;
let server: Awaited<ReturnType<typeof startAwsServer>>;
let client: ReturnType<typeof connectClient>;
let apiKey: { id: string; accessKeyId: string };
let editorSession: TSession;
let adminSession: TSession;
let editor: TCaller;
let admin: TCaller;
let reader: TUserActor;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  objects = await startTestObjectStore("local");
  server = await startAwsServer({ db, objects: objects.store });
  const credentials = await createTestApiKey(db, { allInstances: true });
  apiKey = credentials;
  client = connectClient(server.endpoint, credentials);
  editorSession = await createSession(db, "editor");
  adminSession = await createSession(db, "admin");
  editor = callerFor(db, editorSession, objects.store);
  admin = callerFor(db, adminSession, objects.store);
  const owner = await findActor({ db, userId: (await createSession(db, "owner")).user.id });
  if (!owner) throw new Error("owner actor missing");
  reader = owner;
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  await objects?.stop();
  await drop?.();
});

async function audited(filter: TAuditFilter) {
  return (await listAuditEvents({ db, actor: reader, input: { filter } })).events;
}

const byPerson = (session: TSession) => ({
  actorKind: "USER",
  actorUserId: session.user.id,
  actorLabel: session.user.email,
});
const byApiKey = () => ({
  actorKind: "API_KEY",
  actorApiKeyId: apiKey.id,
  actorLabel: expect.stringContaining(apiKey.accessKeyId),
});

const pngBase64 = async () => Buffer.from(await pngBytes(40, 40)).toString("base64");

async function uploadPdf(instance: { id: string; arn: string }) {
  const arn = `${instance.arn}/case/${randomUUID()}`;
  const started = await client.send(
    new StartAttachedFileUploadCommand({
      InstanceId: instance.id,
      AssociatedResourceArn: arn,
      FileName: "report.pdf",
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

describe("changes made in the console are in the audit log, with the person who made them", () => {
  it("instances: create, rename and delete", async () => {
    const alias = `audited-${randomUUID().slice(0, 8)}`;
    const instance = await editor.instance.create({ alias });
    await editor.instance.rename({ id: instance.id, alias: `${alias}-renamed` });
    await admin.instance.delete({ id: instance.id, confirmAlias: `${alias}-renamed` });
    const events = await audited({ area: "instance", targetId: instance.id });
    expect(events).toEqual([
      expect.objectContaining({ action: "instance.delete", ...byPerson(adminSession) }),
      expect.objectContaining({
        action: "instance.rename",
        ...byPerson(editorSession),
        before: { alias },
        after: { alias: `${alias}-renamed` },
      }),
      expect.objectContaining({
        action: "instance.create",
        ...byPerson(editorSession),
        targetType: "Instance",
        after: { alias, arn: instance.arn },
      }),
    ]);
  });

  it("a policy update, a workspace and an imported image", async () => {
    const instance = await editor.instance.create({ alias: `audited-${randomUUID().slice(0, 8)}` });
    await editor.policy.update({
      instanceId: instance.id,
      scope: "CHAT",
      allowedExtensions: ["pdf", "png"],
      reason: "Agents asked for screenshots",
    });
    expect(await audited({ area: "policy", targetId: `${instance.id}/CHAT` })).toEqual([
      expect.objectContaining({
        action: "policy.update",
        ...byPerson(editorSession),
        reason: "Agents asked for screenshots",
        after: expect.objectContaining({ allowedExtensions: ["pdf", "png"] }),
      }),
    ]);

    const workspace = await editor.workspace.create({ instanceId: instance.id, name: "Support EMEA" });
    await editor.workspace.importMedia({
      instanceId: instance.id,
      workspaceId: workspace.id,
      type: "IMAGE_LOGO_LIGHT_FAVICON",
      source: await pngBase64(),
    });
    expect(await audited({ area: "workspace", targetId: workspace.id })).toEqual([
      expect.objectContaining({ action: "workspace.create", ...byPerson(editorSession) }),
    ]);
    expect(await audited({ area: "media", targetId: workspace.id })).toEqual([
      expect.objectContaining({ action: "workspace.media.import", area: "media", ...byPerson(editorSession) }),
    ]);
  });

  it("a file deleted in the Files area", async () => {
    const instance = await editor.instance.create({ alias: `audited-${randomUUID().slice(0, 8)}` });
    const { fileId } = await uploadPdf(instance);
    await editor.file.delete({ instanceId: instance.id, fileId });
    expect(await audited({ area: "file", targetId: fileId })).toEqual([
      expect.objectContaining({
        action: "file.delete",
        ...byPerson(editorSession),
        before: expect.objectContaining({ fileName: "report.pdf" }),
      }),
    ]);
  });

  it("an API key created and revoked", async () => {
    const { key } = await admin.apiKey.create({
      name: `audited ${randomUUID().slice(0, 8)}`,
      allInstances: true,
      instanceIds: [],
    });
    await admin.apiKey.revoke({ id: key.id });
    expect(await audited({ area: "apiKey", targetId: key.id })).toEqual([
      expect.objectContaining({ action: "apiKey.revoke", ...byPerson(adminSession) }),
      expect.objectContaining({
        action: "apiKey.create",
        ...byPerson(adminSession),
        after: expect.objectContaining({ accessKeyId: key.accessKeyId }),
      }),
    ]);
  });
});

describe("changes made through the API are in the audit log, with the API key that made them", () => {
  it("a policy update, a workspace, an imported image and a deleted file", async () => {
    const instance = await editor.instance.create({ alias: `audited-${randomUUID().slice(0, 8)}` });
    await client.send(
      new UpdateAttachedFilesConfigurationCommand({
        InstanceId: instance.id,
        AttachmentScope: "CASE",
        MaximumSizeLimitInBytes: 1024 * 1024,
        ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }] },
      }),
    );
    const created = await client.send(new CreateWorkspaceCommand({ InstanceId: instance.id, Name: "From the API" }));
    const workspaceId = created.WorkspaceId as string;
    await client.send(
      new ImportWorkspaceMediaCommand({
        InstanceId: instance.id,
        WorkspaceId: workspaceId,
        MediaType: "IMAGE_LOGO_LIGHT_FAVICON",
        MediaSource: await pngBase64(),
      }),
    );
    const { fileId, arn } = await uploadPdf(instance);
    await client.send(
      new DeleteAttachedFileCommand({ InstanceId: instance.id, FileId: fileId, AssociatedResourceArn: arn }),
    );

    expect(await audited({ area: "policy", targetId: `${instance.id}/CASE` })).toEqual([
      expect.objectContaining({ action: "policy.update", ...byApiKey() }),
    ]);
    expect(await audited({ targetId: workspaceId })).toEqual([
      expect.objectContaining({ action: "workspace.media.import", area: "media", ...byApiKey() }),
      expect.objectContaining({ action: "workspace.create", area: "workspace", ...byApiKey() }),
    ]);
    expect(await audited({ area: "file", targetId: fileId })).toEqual([
      expect.objectContaining({ action: "file.delete", ...byApiKey() }),
    ]);
    // The actor filter finds the key by the name it is recorded under.
    const byKey = await audited({ actor: apiKey.accessKeyId.toLowerCase(), target: instance.id });
    expect(byKey.map((event) => event.action)).toEqual(["policy.update"]);
  });
});
