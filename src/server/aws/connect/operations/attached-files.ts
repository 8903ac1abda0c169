import { z } from "zod";
import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";
import {
  ZClientTokenSchema,
  ZCreatedBySchema,
  ZFileIdSchema,
  ZFileNameSchema,
  ZFileSizeSchema,
  ZFileUseCaseTypeSchema,
  ZResourceArnSchema,
  ZUrlExpirySchema,
} from "@/server/files/file-schemas";
import {
  completeUpload,
  createRecording,
  DEFAULT_URL_EXPIRY_SECONDS,
  deleteFile,
  downloadUrl,
  fileArn,
  findFile,
  findFiles,
  MAX_BYTES_PER_RESOURCE,
  MAX_FILES_PER_RESOURCE,
  resourceOf,
  startUpload,
  type TStoredFile,
} from "@/server/files/files";
import { ZInstanceReferenceSchema } from "@/server/instances/instance-schemas";
import { requireInstance } from "@/server/instances/instances";
import { assertActorRole, type TApiKeyActor } from "@/server/team/team";
import { ZTagsSchema } from "@/server/workspaces/workspace-schemas";
import { queryInteger } from "../../protocol/wire";
import { defineOperation } from "../operation";

/**
 * The attached-file operations of spec §7A (cases, emails, tasks; voice recordings): their lists
 * have no InvalidParameterException, so invalid members are InvalidRequestException, and a policy's
 * refusal is InvalidRequestException with its Reason (see ../errors.ts).
 */

const VALIDATION = "InvalidRequestException" as const;
const RESOURCE_QUERY = { associatedResourceArn: "AssociatedResourceArn" } as const;

/** The identity an API key acts as, for CreatedBy when no ConnectUserArn is given. */
export function identityArnOf(instanceArn: string, actor: TApiKeyActor): string {
  const [partition = "aws", , region = "", account = ""] = instanceArn.split(":").slice(1);
  return `arn:${partition}:iam::${account || region}:user/attache-api-key/${actor.apiKeyId}`;
}

function createdByOf(file: TStoredFile) {
  if (file.createdByConnectUser) return { ConnectUserArn: file.createdByConnectUser };
  if (file.createdByIdentity) return { AWSIdentityArn: file.createdByIdentity };
  return undefined;
}

function fileOf(file: TStoredFile, instanceArn: string) {
  const createdBy = createdByOf(file);
  return {
    FileArn: fileArn(instanceArn, file.id),
    FileId: file.id,
    CreationTime: file.createdAt.toISOString(),
    FileStatus: file.status,
    FileName: file.fileName,
    FileSizeInBytes: file.sizeInBytes,
    AssociatedResourceArn: file.associatedResourceArn,
    FileUseCaseType: file.useCaseType,
    ...(createdBy ? { CreatedBy: createdBy } : {}),
    ...(file.tags && Object.keys(file.tags).length ? { Tags: file.tags } : {}),
  };
}

/** The instance (by id or ARN, within the key's reach) and the resource's scope. */
async function target(
  context: { db: Parameters<typeof requireInstance>[0]["db"]; actor: TApiKeyActor },
  input: { InstanceId: string; AssociatedResourceArn: string },
  write: boolean,
) {
  if (write) assertActorRole(context.actor, "editor");
  const instance = await requireInstance({ db: context.db, actor: context.actor, reference: input.InstanceId });
  const resource = resourceOf(instance.arn, input.AssociatedResourceArn);
  return { instance, resource };
}

/** The file a Complete, Get or Delete names, under its instance and resource. */
async function targetFile(
  context: Parameters<typeof target>[0],
  input: { InstanceId: string; FileId: string; AssociatedResourceArn: string },
  write: boolean,
) {
  const { instance } = await target(context, input, write);
  const file = await findFile({
    db: context.db,
    instanceId: instance.id,
    fileId: input.FileId,
    associatedResourceArn: input.AssociatedResourceArn,
  });
  return { instance, file };
}

/** A token is this API key's, on this instance, which the key must (still) reach before any answer is replayed. */
const perKeyAndInstance = {
  token: (input: { ClientToken?: string }) => input.ClientToken,
  scope: async (input: { InstanceId: string }, context: { db: TDb; actor: TApiKeyActor }) => {
    const instance = await requireInstance({ db: context.db, actor: context.actor, reference: input.InstanceId });
    return `${context.actor.apiKeyId}:${instance.id}`;
  },
};

const ZFileTargetSchema = z.object({
  InstanceId: ZInstanceReferenceSchema,
  FileId: ZFileIdSchema,
  AssociatedResourceArn: ZResourceArnSchema,
});

export const startAttachedFileUploadOperation = defineOperation({
  name: "StartAttachedFileUpload",
  method: "PUT",
  path: "/attached-files/{InstanceId}",
  validationError: VALIDATION,
  jsonBody: true,
  query: RESOURCE_QUERY,
  members: z.object({
    InstanceId: ZInstanceReferenceSchema,
    AssociatedResourceArn: ZResourceArnSchema,
    ClientToken: ZClientTokenSchema.optional(),
    FileName: ZFileNameSchema("FileName"),
    FileSizeInBytes: ZFileSizeSchema("FileSizeInBytes"),
    UrlExpiryInSeconds: ZUrlExpirySchema.optional(),
    FileUseCaseType: ZFileUseCaseTypeSchema,
    CreatedBy: ZCreatedBySchema.optional(),
    Tags: ZTagsSchema.optional(),
  }),
  idempotency: perKeyAndInstance,
  run: async (input, context) => {
    const { instance, resource } = await target(context, input, true);
    if (input.FileUseCaseType !== "ATTACHMENT") {
      throw new AppError("INVALID_INPUT", "StartAttachedFileUpload supports FileUseCaseType ATTACHMENT only.");
    }
    if (!resource.scope) {
      throw new AppError(
        "INVALID_INPUT",
        "Attachments go to a case, email or task; a contact takes voice recordings (CreateAttachedFile).",
      );
    }
    const identity = identityArnOf(instance.arn, context.actor);
    const { file, upload } = await startUpload({
      db: context.db,
      objects: context.objects,
      now: context.now(),
      upload: {
        instance,
        origin: "ATTACHED_FILE",
        scope: resource.scope,
        associatedResourceArn: input.AssociatedResourceArn,
        fileName: input.FileName,
        sizeInBytes: input.FileSizeInBytes,
        createdBy: input.CreatedBy?.ConnectUserArn
          ? {
              connectUser: input.CreatedBy.ConnectUserArn,
              label: context.actor.label,
              apiKeyId: context.actor.apiKeyId,
            }
          : { identity, label: context.actor.label, apiKeyId: context.actor.apiKeyId },
        tags: input.Tags,
        urlExpiryInSeconds: input.UrlExpiryInSeconds ?? DEFAULT_URL_EXPIRY_SECONDS,
      },
      quota: {
        maxFiles: MAX_FILES_PER_RESOURCE,
        maxBytes: MAX_BYTES_PER_RESOURCE,
        message: `This resource already has ${MAX_FILES_PER_RESOURCE} files, the most it can hold; delete some first.`,
      },
    });
    return {
      FileArn: fileArn(instance.arn, file.id),
      FileId: file.id,
      CreationTime: file.createdAt.toISOString(),
      FileStatus: file.status,
      CreatedBy: createdByOf(file),
      UploadUrlMetadata: {
        Url: upload.url,
        UrlExpiry: upload.expiresAt.toISOString(),
        HeadersToInclude: upload.headers,
      },
    };
  },
});

export const completeAttachedFileUploadOperation = defineOperation({
  name: "CompleteAttachedFileUpload",
  method: "POST",
  path: "/attached-files/{InstanceId}/{FileId}",
  validationError: VALIDATION,
  jsonBody: false,
  query: RESOURCE_QUERY,
  members: ZFileTargetSchema,
  run: async (input, context) => {
    const { file } = await targetFile(context, input, true);
    await completeUpload({ db: context.db, objects: context.objects, checks: context.fileChecks, file });
    return {};
  },
});

export const getAttachedFileOperation = defineOperation({
  name: "GetAttachedFile",
  method: "GET",
  path: "/attached-files/{InstanceId}/{FileId}",
  validationError: VALIDATION,
  jsonBody: false,
  query: { ...RESOURCE_QUERY, urlExpiryInSeconds: "UrlExpiryInSeconds" },
  members: ZFileTargetSchema.extend({
    UrlExpiryInSeconds: queryInteger("UrlExpiryInSeconds", { min: 5, max: 300 }).optional(),
  }),
  run: async (input, context) => {
    const { instance, file } = await targetFile(context, input, false);
    const download = await downloadUrl({
      objects: context.objects,
      file,
      expiresInSeconds: input.UrlExpiryInSeconds ?? DEFAULT_URL_EXPIRY_SECONDS,
    });
    return {
      ...fileOf(file, instance.arn),
      ...(download ? { DownloadUrlMetadata: { Url: download.url, UrlExpiry: download.expiresAt.toISOString() } } : {}),
    };
  },
});

export const batchGetAttachedFileMetadataOperation = defineOperation({
  name: "BatchGetAttachedFileMetadata",
  method: "POST",
  path: "/attached-files/{InstanceId}",
  validationError: VALIDATION,
  jsonBody: true,
  query: RESOURCE_QUERY,
  members: z.object({
    InstanceId: ZInstanceReferenceSchema,
    AssociatedResourceArn: ZResourceArnSchema,
    FileIds: z
      .array(ZFileIdSchema, { error: "FileIds must be a list of file ids." })
      .min(1, "FileIds must hold at least one file id.")
      .max(100, "FileIds holds at most 100 file ids."),
  }),
  run: async (input, context) => {
    const { instance } = await target(context, input, false);
    const found = await findFiles({
      db: context.db,
      instanceId: instance.id,
      fileIds: input.FileIds,
      associatedResourceArn: input.AssociatedResourceArn,
    });
    const ids = [...new Set(input.FileIds)];
    return {
      Files: ids.flatMap((id) => {
        const file = found.get(id);
        return file ? [fileOf(file, instance.arn)] : [];
      }),
      Errors: ids
        .filter((id) => !found.has(id))
        .map((id) => ({ FileId: id, ErrorCode: "404", ErrorMessage: "No such file is attached to this resource." })),
    };
  },
});

export const deleteAttachedFileOperation = defineOperation({
  name: "DeleteAttachedFile",
  method: "DELETE",
  path: "/attached-files/{InstanceId}/{FileId}",
  validationError: VALIDATION,
  jsonBody: false,
  query: RESOURCE_QUERY,
  members: ZFileTargetSchema,
  run: async (input, context) => {
    const { file } = await targetFile(context, input, true);
    await deleteFile({ db: context.db, objects: context.objects, actor: context.actor, file });
    return {};
  },
});

export const createAttachedFileOperation = defineOperation({
  name: "CreateAttachedFile",
  method: "PUT",
  path: "/attached-files/{InstanceId}/files",
  validationError: VALIDATION,
  jsonBody: true,
  query: RESOURCE_QUERY,
  members: z.object({
    InstanceId: ZInstanceReferenceSchema,
    AssociatedResourceArn: ZResourceArnSchema,
    ClientToken: ZClientTokenSchema.optional(),
    FileUseCaseType: ZFileUseCaseTypeSchema,
    FileSourceUri: z
      .string({ error: "FileSourceUri must be text." })
      .min(1, "FileSourceUri must not be empty.")
      .max(2000, "FileSourceUri has at most 2000 characters."),
    Tags: ZTagsSchema.optional(),
  }),
  idempotency: perKeyAndInstance,
  run: async (input, context) => {
    const { instance, resource } = await target(context, input, true);
    if (input.FileUseCaseType !== "VOICE_RECORDING") {
      throw new AppError("INVALID_INPUT", "CreateAttachedFile supports FileUseCaseType VOICE_RECORDING only.");
    }
    if (resource.kind !== "contact") {
      throw new AppError("INVALID_INPUT", "A voice recording is attached to a contact: <instance ARN>/contact/<id>.");
    }
    const file = await createRecording({
      db: context.db,
      objects: context.objects,
      instance,
      associatedResourceArn: input.AssociatedResourceArn,
      sourceUri: input.FileSourceUri,
      createdBy: {
        identity: identityArnOf(instance.arn, context.actor),
        label: context.actor.label,
        apiKeyId: context.actor.apiKeyId,
      },
      tags: input.Tags,
      now: context.now(),
    });
    return {
      FileArn: fileArn(instance.arn, file.id),
      FileId: file.id,
      CreationTime: file.createdAt.toISOString(),
      FileStatus: file.status,
    };
  },
});
