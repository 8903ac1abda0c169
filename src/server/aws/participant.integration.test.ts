import { StartChatContactCommand, UpdateAttachedFilesConfigurationCommand } from "@aws-sdk/client-connect";
import {
  CompleteAttachmentUploadCommand,
  CreateParticipantConnectionCommand,
  GetAttachmentCommand,
  StartAttachmentUploadCommand,
} from "@aws-sdk/client-connectparticipant";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECTION_LIFETIME_MS, deleteExpiredConnections } from "@/server/chats/chats";
import type { TDb } from "@/server/db";
import {
  awsFailure,
  connectClient,
  createTestApiKey,
  participantClient,
  startAwsServer,
  type TCredentials,
} from "@/test/aws";
import { createTestDatabase, createTestInstance } from "@/test/db";
import { download, PDF_BYTES, pngBytes, uploadTo } from "@/test/files";
import { rawRequest } from "@/test/http";
import { OBJECT_STORE_DRIVERS, startTestObjectStore, type TTestObjectStore } from "@/test/storage";

const MAX_ATTACHMENTS = 3;

describe.each(OBJECT_STORE_DRIVERS)("chat attachments through the Participant SDK, %s store", (driver) => {
  let db: TDb;
  let drop: () => Promise<void>;
  let objects: TTestObjectStore;
  let server: Awaited<ReturnType<typeof startAwsServer>>;
  let key: TCredentials & { id: string };
  let connect: ReturnType<typeof connectClient>;
  let participant: ReturnType<typeof participantClient>;
  let instance: Awaited<ReturnType<typeof createTestInstance>>;

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
    objects = await startTestObjectStore(driver);
    server = await startAwsServer({ db, objects: objects.store, fileChecks: { chatMaxAttachments: MAX_ATTACHMENTS } });
    instance = await createTestInstance(db, `chat-${driver}`);
    key = await createTestApiKey(db, { allInstances: true });
    connect = connectClient(server.endpoint, key);
    participant = participantClient(server.endpoint);
    await connect.send(
      new UpdateAttachedFilesConfigurationCommand({
        InstanceId: instance.id,
        AttachmentScope: "CHAT",
        MaximumSizeLimitInBytes: 4096,
        ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }, { Extension: "png" }] },
      }),
    );
  });

  afterAll(async () => {
    connect?.destroy();
    participant?.destroy();
    await server?.close();
    await objects?.stop();
    await drop?.();
  });

  async function newChat() {
    const chat = await connect.send(
      new StartChatContactCommand({
        InstanceId: instance.id,
        ContactFlowId: "flow-1",
        ParticipantDetails: { DisplayName: "Ada" },
      }),
    );
    const connection = await participant.send(
      new CreateParticipantConnectionCommand({
        ParticipantToken: chat.ParticipantToken,
        Type: ["CONNECTION_CREDENTIALS"],
      }),
    );
    return { chat, connectionToken: connection.ConnectionCredentials?.ConnectionToken as string, connection };
  }

  const startUpload = (
    ConnectionToken: string,
    extra: Partial<{
      AttachmentName: string;
      AttachmentSizeInBytes: number;
      ContentType: string;
      ClientToken: string;
    }> = {},
  ) =>
    participant.send(
      new StartAttachmentUploadCommand({
        ConnectionToken,
        AttachmentName: "statement.pdf",
        AttachmentSizeInBytes: PDF_BYTES.byteLength,
        ContentType: "application/pdf",
        ...extra,
      }),
    );

  it("starts a chat, connects, uploads, completes and downloads the identical bytes", async () => {
    const { chat, connectionToken, connection } = await newChat();
    expect(chat.ContactId).toMatch(/^[0-9a-f-]{36}$/);
    expect(chat.ParticipantId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(connection.ConnectionCredentials?.Expiry ?? "")).toBeGreaterThan(Date.now() + 60 * 60_000);
    const contact = await db.chatContact.findUniqueOrThrow({ where: { id: chat.ContactId as string } });
    expect(contact.contactFlowId).toBe("flow-1");

    const started = await startUpload(connectionToken);
    expect(started.UploadMetadata?.HeadersToInclude).toMatchObject({ "Content-Type": "application/pdf" });
    expect((await uploadTo(started.UploadMetadata, PDF_BYTES)).ok).toBe(true);
    await participant.send(
      new CompleteAttachmentUploadCommand({
        ConnectionToken: connectionToken,
        AttachmentIds: [started.AttachmentId as string],
      }),
    );
    const attachment = await participant.send(
      new GetAttachmentCommand({
        ConnectionToken: connectionToken,
        AttachmentId: started.AttachmentId,
        UrlExpiryInSeconds: 60,
      }),
    );
    expect(attachment.AttachmentSizeInBytes).toBe(PDF_BYTES.byteLength);
    expect(Buffer.from(await download(attachment.Url)).equals(Buffer.from(PDF_BYTES))).toBe(true);
  });

  it("keeps the participant token and the connection token apart", async () => {
    const { chat, connectionToken } = await newChat();
    const withParticipantToken = await awsFailure(startUpload(chat.ParticipantToken as string));
    expect(withParticipantToken).toMatchObject({ name: "AccessDeniedException", status: 403 });
    expect(withParticipantToken.message).toMatch(/ConnectionToken/);
    const withConnectionToken = await awsFailure(
      participant.send(
        new CreateParticipantConnectionCommand({ ParticipantToken: connectionToken, Type: ["CONNECTION_CREDENTIALS"] }),
      ),
    );
    expect(withConnectionToken).toMatchObject({ name: "AccessDeniedException", status: 403 });
    for (const token of ["", "made-up", `${connectionToken}x`, "x".repeat(2000)]) {
      expect((await awsFailure(startUpload(token))).name, token.slice(0, 20)).toBe("AccessDeniedException");
    }
  });

  it("lets a connection see only its own chat's attachments", async () => {
    const first = await newChat();
    const second = await newChat();
    const started = await startUpload(first.connectionToken);
    await uploadTo(started.UploadMetadata, PDF_BYTES);
    const complete = await awsFailure(
      participant.send(
        new CompleteAttachmentUploadCommand({
          ConnectionToken: second.connectionToken,
          AttachmentIds: [started.AttachmentId as string],
        }),
      ),
    );
    expect(complete).toMatchObject({ name: "AccessDeniedException", status: 403 });
    await participant.send(
      new CompleteAttachmentUploadCommand({
        ConnectionToken: first.connectionToken,
        AttachmentIds: [started.AttachmentId as string],
      }),
    );
    const get = await awsFailure(
      participant.send(
        new GetAttachmentCommand({ ConnectionToken: second.connectionToken, AttachmentId: started.AttachmentId }),
      ),
    );
    expect(get).toMatchObject({ name: "AccessDeniedException", status: 403 });
  });

  it("enforces the CHAT policy with ValidationException, and the attachment count with ServiceQuotaExceededException", async () => {
    const { connectionToken } = await newChat();
    const tooLarge = await awsFailure(startUpload(connectionToken, { AttachmentSizeInBytes: 4097 }));
    expect(tooLarge).toMatchObject({ name: "ValidationException", status: 400 });
    expect(tooLarge.message).toMatch(/limit/);
    expect(await awsFailure(startUpload(connectionToken, { AttachmentName: "notes.txt" }))).toMatchObject({
      name: "ValidationException",
    });
    for (let index = 0; index < MAX_ATTACHMENTS; index++) await startUpload(connectionToken);
    expect(await awsFailure(startUpload(connectionToken))).toMatchObject({
      name: "ServiceQuotaExceededException",
      status: 402,
    });
  });

  it("completes exactly one attachment, and not before its bytes arrive", async () => {
    const { connectionToken } = await newChat();
    const started = await startUpload(connectionToken);
    const two = await awsFailure(
      participant.send(
        new CompleteAttachmentUploadCommand({
          ConnectionToken: connectionToken,
          AttachmentIds: [started.AttachmentId as string, "b"],
        }),
      ),
    );
    expect(two).toMatchObject({ name: "ValidationException", status: 400 });
    const early = await awsFailure(
      participant.send(
        new CompleteAttachmentUploadCommand({
          ConnectionToken: connectionToken,
          AttachmentIds: [started.AttachmentId as string],
        }),
      ),
    );
    expect(early).toMatchObject({ name: "ConflictException", status: 409 });
  });

  it("rejects content that is not what its name says, and will not hand it out", async () => {
    const { connectionToken } = await newChat();
    const png = await pngBytes();
    const started = await startUpload(connectionToken, { AttachmentSizeInBytes: png.byteLength });
    await uploadTo(started.UploadMetadata, png);
    await participant.send(
      new CompleteAttachmentUploadCommand({
        ConnectionToken: connectionToken,
        AttachmentIds: [started.AttachmentId as string],
      }),
    );
    const refused = await awsFailure(
      participant.send(
        new GetAttachmentCommand({ ConnectionToken: connectionToken, AttachmentId: started.AttachmentId }),
      ),
    );
    expect(refused).toMatchObject({ name: "ValidationException", status: 400 });
    expect(refused.message).toMatch(/rejected/);
  });

  it("validates StartChatContact and keeps an API key within its instances", async () => {
    const missing = await awsFailure(
      connect.send(new StartChatContactCommand({ InstanceId: instance.id, ContactFlowId: "flow-1" } as never)),
    );
    expect(missing).toMatchObject({ name: "InvalidParameterException", status: 400 });
    expect(missing.message).toMatch(/ParticipantDetails/);
    const other = await createTestInstance(db, `chat-other-${driver}`);
    const scoped = connectClient(server.endpoint, await createTestApiKey(db, { instanceIds: [other.id] }));
    try {
      const denied = await awsFailure(
        scoped.send(
          new StartChatContactCommand({
            InstanceId: instance.id,
            ContactFlowId: "flow-1",
            ParticipantDetails: { DisplayName: "Eve" },
          }),
        ),
      );
      expect(denied).toMatchObject({ name: "AccessDeniedException", status: 403 });
    } finally {
      scoped.destroy();
    }
  });

  it("ends a chat's tokens with the chat", async () => {
    const { chat, connectionToken } = await newChat();
    await db.chatContact.update({
      where: { id: chat.ContactId as string },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await awsFailure(startUpload(connectionToken))).name).toBe("AccessDeniedException");
    const reconnect = await awsFailure(
      participant.send(
        new CreateParticipantConnectionCommand({
          ParticipantToken: chat.ParticipantToken,
          Type: ["CONNECTION_CREDENTIALS"],
        }),
      ),
    );
    expect(reconnect).toMatchObject({ name: "AccessDeniedException", status: 403 });
    // The sweep forgets the connection, whose token no longer works anyway.
    const participantId = chat.ParticipantId as string;
    expect(await db.participantConnection.count({ where: { participantId } })).toBe(1);
    await deleteExpiredConnections({ db, now: new Date(Date.now() + 2 * CONNECTION_LIFETIME_MS) });
    expect(await db.participantConnection.count({ where: { participantId } })).toBe(0);
  });

  it("ignores the SigV4 Authorization header and authenticates by X-Amz-Bearer alone", async () => {
    const { connectionToken } = await newChat();
    const body = JSON.stringify({
      AttachmentName: "a.pdf",
      AttachmentSizeInBytes: 10,
      ContentType: "application/pdf",
      ClientToken: "t-raw",
    });
    const response = await rawRequest(server.origin, {
      method: "POST",
      target: "/api/aws/participant/start-attachment-upload",
      headers: {
        "content-type": "application/json",
        "x-amz-bearer": connectionToken,
        authorization: "AWS4-HMAC-SHA256 garbage",
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).AttachmentId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
