import { z } from "zod";
import { assertCallerKind, createParticipantConnection, type TChatCaller } from "@/server/chats/chats";
import { AppError } from "@/server/errors";
import {
  ZContentTypeSchema,
  ZFileNameSchema,
  ZFileSizeSchema,
  ZNonEmptyClientTokenSchema,
  ZUrlExpirySchema,
} from "@/server/files/file-schemas";
import { completeUpload, DEFAULT_URL_EXPIRY_SECONDS, downloadUrl, findFile, startUpload } from "@/server/files/files";
import { defineOperation } from "../operation";

const VALIDATION = "ValidationException";
/** A token is one connection's participant's, in its chat; only a connection token may replay an answer. */
const perParticipant = {
  token: (input: { ClientToken?: string }) => input.ClientToken,
  scope: (_input: unknown, { actor }: { actor: TChatCaller }) => {
    assertCallerKind(actor, "connection");
    return `chat:${actor.contactId}:${actor.participantId}`;
  },
};

export const createParticipantConnectionOperation = defineOperation({
  name: "CreateParticipantConnection",
  method: "POST",
  path: "/participant/connection",
  validationError: VALIDATION,
  jsonBody: true,
  members: z.object({
    Type: z
      .array(
        z.enum(["WEBSOCKET", "CONNECTION_CREDENTIALS", "WEBRTC_CONNECTION"], {
          error: "Type must be WEBSOCKET, CONNECTION_CREDENTIALS or WEBRTC_CONNECTION.",
        }),
      )
      .min(1, "Type must name at least one connection type.")
      .max(3, "Type names at most 3 connection types.")
      .optional(),
    ConnectParticipant: z.boolean({ error: "ConnectParticipant must be true or false." }).optional(),
  }),
  run: async (input, { db, actor, now }) => {
    assertCallerKind(actor, "participant");
    const types = input.Type ?? ["CONNECTION_CREDENTIALS"];
    if (!types.includes("CONNECTION_CREDENTIALS")) {
      throw new AppError(
        "INVALID_INPUT",
        "Attache serves attachments, not messaging: ask for Type CONNECTION_CREDENTIALS (WEBSOCKET and WEBRTC_CONNECTION are not offered).",
      );
    }
    const connection = await createParticipantConnection({ db, caller: actor, now: now() });
    return {
      ConnectionCredentials: {
        ConnectionToken: connection.connectionToken,
        Expiry: connection.expiresAt.toISOString(),
      },
    };
  },
});

export const startAttachmentUploadOperation = defineOperation({
  name: "StartAttachmentUpload",
  method: "POST",
  path: "/participant/start-attachment-upload",
  validationError: VALIDATION,
  jsonBody: true,
  members: z.object({
    ContentType: ZContentTypeSchema,
    AttachmentSizeInBytes: ZFileSizeSchema("AttachmentSizeInBytes"),
    AttachmentName: ZFileNameSchema("AttachmentName"),
    ClientToken: ZNonEmptyClientTokenSchema,
  }),
  idempotency: perParticipant,
  run: async (input, { db, objects, actor, now, fileChecks }) => {
    assertCallerKind(actor, "connection");
    const { file, upload } = await startUpload({
      db,
      objects,
      now: now(),
      upload: {
        instance: { id: actor.instanceId, arn: actor.instanceArn },
        origin: "CHAT",
        scope: "CHAT",
        associatedResourceArn: actor.contactArn,
        chatContactId: actor.contactId,
        participantId: actor.participantId,
        fileName: input.AttachmentName,
        sizeInBytes: input.AttachmentSizeInBytes,
        contentType: input.ContentType,
        createdBy: { label: `Chat participant ${actor.displayName}` },
        urlExpiryInSeconds: DEFAULT_URL_EXPIRY_SECONDS,
      },
      quota: {
        maxFiles: fileChecks.chatMaxAttachments,
        message: `This chat already has ${fileChecks.chatMaxAttachments} attachments, the most it can hold.`,
      },
    });
    return {
      AttachmentId: file.id,
      UploadMetadata: {
        Url: upload.url,
        UrlExpiry: upload.expiresAt.toISOString(),
        HeadersToInclude: upload.headers,
      },
    };
  },
});

export const completeAttachmentUploadOperation = defineOperation({
  name: "CompleteAttachmentUpload",
  method: "POST",
  path: "/participant/complete-attachment-upload",
  validationError: VALIDATION,
  jsonBody: true,
  members: z.object({
    AttachmentIds: z
      .array(
        z
          .string()
          .min(1, "An attachment id must not be empty.")
          .max(256, "An attachment id has at most 256 characters."),
        {
          error: "AttachmentIds must be a list.",
        },
      )
      .length(1, "AttachmentIds must hold exactly one attachment id."),
    ClientToken: ZNonEmptyClientTokenSchema,
  }),
  idempotency: perParticipant,
  run: async (input, { db, objects, actor, fileChecks }) => {
    assertCallerKind(actor, "connection");
    const file = await findFile({
      db,
      instanceId: actor.instanceId,
      fileId: input.AttachmentIds[0] as string,
      chatContactId: actor.contactId,
    });
    await completeUpload({ db, objects, checks: fileChecks, file });
    return {};
  },
});

export const getAttachmentOperation = defineOperation({
  name: "GetAttachment",
  method: "POST",
  path: "/participant/attachment",
  validationError: VALIDATION,
  jsonBody: true,
  members: z.object({
    AttachmentId: z
      .string({ error: "AttachmentId must be text." })
      .min(1, "AttachmentId must not be empty.")
      .max(256, "AttachmentId has at most 256 characters."),
    UrlExpiryInSeconds: ZUrlExpirySchema.optional(),
  }),
  run: async (input, { db, objects, actor }) => {
    assertCallerKind(actor, "connection");
    const file = await findFile({
      db,
      instanceId: actor.instanceId,
      fileId: input.AttachmentId,
      chatContactId: actor.contactId,
    });
    const download = await downloadUrl({
      objects,
      file,
      expiresInSeconds: input.UrlExpiryInSeconds ?? DEFAULT_URL_EXPIRY_SECONDS,
    });
    if (!download) {
      throw new AppError(
        "UNPROCESSABLE",
        file.status === "PROCESSING"
          ? "The attachment is still being uploaded or checked; complete it first."
          : `The attachment was ${file.status.toLowerCase()}${file.reason ? `: ${file.reason}` : "."}`,
      );
    }
    return { Url: download.url, UrlExpiry: download.expiresAt.toISOString(), AttachmentSizeInBytes: file.sizeInBytes };
  },
});
