import { randomUUID } from "node:crypto";
import { recordAudit } from "@/server/audit";
import type { TDb } from "@/server/db";
import { AppError, type TFileRefusal } from "@/server/errors";
import { getEnforcedPolicy } from "@/server/policies/policies";
import { judgeFile, type TAttachmentScope, type TFileRejectionReason } from "@/server/policies/policy-rules";
import type { TObjectStore } from "@/server/storage/object-store";
import type { TActor } from "@/server/team/team";
import { sanitizeText } from "@/server/text-schemas";
import { INSPECT_BYTES, inspectFileContent } from "./inspect";
import { mimeTypeOf } from "./mime";
import { askScanner, type TScanner } from "./scanner";

/**
 * Uploads under the attachment policies, for both front doors: a start judges the name, type and
 * size with the same rule the console's tester uses (judgeFile) and hands out a presigned URL to a
 * server-generated key; completion inspects what was stored (size, magic bytes, executables, the
 * optional scanner) and settles the status. Transports pass in the store and the caller.
 */

export type TFileChecks = {
  scanner?: TScanner;
  /** Attachments one chat contact may hold (ServiceQuotaExceededException beyond). */
  chatMaxAttachments: number;
};
export const DEFAULT_FILE_CHECKS: TFileChecks = { chatMaxAttachments: 20 };

/** Files one associated resource (a case, an email, a task) may hold, and their total size. */
export const MAX_FILES_PER_RESOURCE = 100;
export const MAX_BYTES_PER_RESOURCE = 1024 * 1024 * 1024;
/** Default and bounds of a presigned URL's life (the model's UrlExpiryInSeconds). */
export const DEFAULT_URL_EXPIRY_SECONDS = 300;
/** A completion that has checked this long is taken to have died; another may check again. */
const CHECK_ABANDONED_MS = 120_000;
/** Where Attache keeps uploads in the store; CreateAttachedFile never copies from here. */
export const OBJECT_PREFIX = "attache/";

/**
 * Where an upload is PUT. A store whose presigned PUTs are write-once keeps the file there; any other
 * has it under uploads/ and completion checks (and keeps) a copy under files/ the uploader cannot
 * replace, so bytes swapped after the checks never reach a download.
 */
const uploadKey = (objects: TObjectStore, id: string) =>
  `${OBJECT_PREFIX}${objects.uploadsAreWriteOnce ? "files" : "uploads"}/${id}`;
const checkedKey = (id: string) => `${OBJECT_PREFIX}files/${id}`;

const REFUSAL_DETAIL: Record<TFileRejectionReason, TFileRefusal> = {
  INVALID_FILE_NAME: "FILE_NAME",
  INVALID_FILE_TYPE: "FILE_TYPE",
  INVALID_FILE_SIZE: "FILE_SIZE",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RESOURCE_SCOPES: Record<string, TAttachmentScope> = { case: "CASE", email: "EMAIL", task: "TASK" };
const RESOURCE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/**
 * The scope an AssociatedResourceArn puts a file in: `<instance ARN>/case|email|task/<id>` (and
 * `/contact/<id>` for a voice recording). Another instance's resource, or any other kind, is refused.
 */
export function resourceOf(instanceArn: string, resourceArn: string): { kind: string; scope?: TAttachmentScope } {
  const prefix = `${instanceArn}/`;
  if (!resourceArn.startsWith(prefix)) {
    const other = /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+\//.test(resourceArn);
    throw new AppError(
      "INVALID_INPUT",
      other
        ? "AssociatedResourceArn belongs to another instance; use a case, email or task of this instance."
        : "AssociatedResourceArn must be the ARN of a case, email or task of this instance (<instance ARN>/case/<id>).",
    );
  }
  const [kind = "", id = "", ...rest] = resourceArn.slice(prefix.length).split("/");
  if (rest.length || !RESOURCE_ID.test(id) || !(kind in RESOURCE_SCOPES || kind === "contact")) {
    throw new AppError(
      "INVALID_INPUT",
      "AssociatedResourceArn must name a case, email or task of this instance (<instance ARN>/case/<id>).",
    );
  }
  return { kind, scope: RESOURCE_SCOPES[kind] };
}

export const fileArn = (instanceArn: string, fileId: string) => `${instanceArn}/file/${fileId}`;

const fileSelect = {
  id: true,
  instanceId: true,
  origin: true,
  scope: true,
  associatedResourceArn: true,
  chatContactId: true,
  fileName: true,
  sizeInBytes: true,
  contentType: true,
  useCaseType: true,
  status: true,
  reasonCode: true,
  reason: true,
  objectKey: true,
  createdByConnectUser: true,
  createdByIdentity: true,
  createdByLabel: true,
  tags: true,
  createdAt: true,
  uploadExpiresAt: true,
  checkingSince: true,
  completedAt: true,
} as const;

export type TStoredFile = {
  id: string;
  instanceId: string;
  origin: "ATTACHED_FILE" | "CHAT";
  scope: TAttachmentScope | null;
  associatedResourceArn: string;
  chatContactId: string | null;
  fileName: string;
  sizeInBytes: number;
  contentType: string;
  useCaseType: string;
  status: "PROCESSING" | "APPROVED" | "REJECTED" | "FAILED";
  reasonCode: string | null;
  reason: string | null;
  objectKey: string | null;
  createdByConnectUser: string | null;
  createdByIdentity: string | null;
  createdByLabel: string;
  tags: Record<string, string> | null;
  createdAt: Date;
  uploadExpiresAt: Date | null;
  checkingSince: Date | null;
  completedAt: Date | null;
};

type TFileRow = Omit<TStoredFile, "sizeInBytes" | "tags"> & { sizeInBytes: bigint; tags: unknown };
const toFile = (row: TFileRow): TStoredFile => ({
  ...row,
  sizeInBytes: Number(row.sizeInBytes),
  tags: (row.tags as Record<string, string> | null) ?? null,
});

export type TNewUpload = {
  instance: { id: string; arn: string };
  origin: "ATTACHED_FILE" | "CHAT";
  scope: TAttachmentScope;
  associatedResourceArn: string;
  chatContactId?: string;
  participantId?: string;
  fileName: string;
  sizeInBytes: number;
  /** The Content-Type the upload must be sent with (a participant declares it; otherwise from the extension). */
  contentType?: string;
  createdBy: { connectUser?: string; identity?: string; label: string; apiKeyId?: string };
  tags?: Record<string, string>;
  urlExpiryInSeconds: number;
};

/** The columns every new upload row takes from its start. */
function uploadColumns(upload: TNewUpload) {
  return {
    instanceId: upload.instance.id,
    origin: upload.origin,
    scope: upload.scope,
    associatedResourceArn: upload.associatedResourceArn,
    chatContactId: upload.chatContactId,
    participantId: upload.participantId,
    useCaseType: "ATTACHMENT",
    createdByConnectUser: upload.createdBy.connectUser,
    createdByIdentity: upload.createdBy.identity,
    createdByLabel: upload.createdBy.label,
    apiKeyId: upload.createdBy.apiKeyId,
  };
}

/** Refused starts kept per resource and hour; past it a caller retrying in a loop grows nothing. */
export const MAX_REFUSALS_RECORDED_PER_HOUR = 100;

/** A refused start is kept (REJECTED, no object) with its name made safe to store and show. */
async function recordRefusal(db: TDb, upload: TNewUpload, reasonCode: string, reason: string) {
  const recent = await db.attachedFile.count({
    where: {
      instanceId: upload.instance.id,
      associatedResourceArn: upload.associatedResourceArn,
      status: "REJECTED",
      objectKey: null,
      createdAt: { gte: new Date(Date.now() - 60 * 60_000) },
    },
  });
  if (recent >= MAX_REFUSALS_RECORDED_PER_HOUR) return;
  await db.attachedFile.create({
    data: {
      ...uploadColumns(upload),
      // Invisible and control characters become U+FFFD, so the console shows that something was there.
      fileName: sanitizeText(upload.fileName.replace(/\p{C}/gu, "\uFFFD"), { max: 256 }) || "(no name)",
      sizeInBytes: BigInt(Math.max(0, Math.min(upload.sizeInBytes, Number.MAX_SAFE_INTEGER))),
      contentType: "application/octet-stream",
      status: "REJECTED",
      reasonCode,
      reason,
    },
  });
}

/**
 * Starts an upload: the scope's policy judges it (a refusal is FILE_REFUSED with the rule, and
 * recorded); quotas are checked under a lock on the resource so concurrent starts cannot pass them
 * together; the file is PROCESSING with a presigned PUT URL until it is completed.
 */
export async function startUpload({
  db,
  objects,
  now,
  upload,
  quota,
}: {
  db: TDb;
  objects: TObjectStore;
  now: Date;
  upload: TNewUpload;
  /** The bound to check: files per resource (attached files) or per chat. */
  quota: { maxFiles: number; maxBytes?: number; message: string };
}) {
  const policy = await getEnforcedPolicy({ db, instanceId: upload.instance.id, scope: upload.scope });
  const verdict = judgeFile(policy, { fileName: upload.fileName, sizeInBytes: upload.sizeInBytes });
  if (!verdict.allowed) {
    await recordRefusal(db, upload, verdict.reason, verdict.message);
    throw new AppError("FILE_REFUSED", verdict.message, { detail: REFUSAL_DETAIL[verdict.reason] });
  }
  const id = randomUUID();
  const objectKey = uploadKey(objects, id);
  const contentType = upload.contentType ?? mimeTypeOf(verdict.extension);
  const expiresAt = new Date(now.getTime() + upload.urlExpiryInSeconds * 1000);
  const row = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${upload.instance.id}\n${upload.associatedResourceArn}`}, 0))`;
    const held = await tx.attachedFile.aggregate({
      where: {
        instanceId: upload.instance.id,
        associatedResourceArn: upload.associatedResourceArn,
        status: { in: ["PROCESSING", "APPROVED"] },
      },
      _count: true,
      _sum: { sizeInBytes: true },
    });
    if (held._count >= quota.maxFiles) {
      throw new AppError("QUOTA_EXCEEDED", quota.message, { detail: "FILE_COUNT" });
    }
    if (quota.maxBytes !== undefined && Number(held._sum.sizeInBytes ?? 0n) + upload.sizeInBytes > quota.maxBytes) {
      throw new AppError(
        "QUOTA_EXCEEDED",
        `The files of this resource would exceed ${quota.maxBytes / 1024 / 1024 / 1024} GiB in total; delete some first.`,
        { detail: "TOTAL_FILE_SIZE" },
      );
    }
    return tx.attachedFile.create({
      data: {
        id,
        ...uploadColumns(upload),
        fileName: upload.fileName,
        sizeInBytes: BigInt(upload.sizeInBytes),
        contentType,
        status: "PROCESSING",
        objectKey,
        tags: upload.tags,
        uploadExpiresAt: expiresAt,
        createdAt: now,
      },
      select: fileSelect,
    });
  });
  const put = await objects.presignPut(objectKey, {
    contentLength: upload.sizeInBytes,
    contentType,
    expiresInSeconds: upload.urlExpiryInSeconds,
  });
  return { file: toFile(row), upload: put };
}

/** A file of this instance under this resource (or chat), with an object: others are not found. */
export async function findFile({
  db,
  instanceId,
  fileId,
  associatedResourceArn,
  chatContactId,
}: {
  db: TDb;
  instanceId: string;
  fileId: string;
  associatedResourceArn?: string;
  chatContactId?: string;
}): Promise<TStoredFile> {
  const row = UUID.test(fileId)
    ? await db.attachedFile.findFirst({
        where: { id: fileId, instanceId, associatedResourceArn, chatContactId, objectKey: { not: null } },
        select: fileSelect,
      })
    : null;
  if (!row) throw new AppError("NOT_FOUND", `No file ${fileId} is attached to this resource.`);
  return toFile(row);
}

/** Any file of the instance by id, including refused starts (the console's view). */
export async function findFileById({
  db,
  instanceId,
  fileId,
}: {
  db: TDb;
  instanceId: string;
  fileId: string;
}): Promise<TStoredFile> {
  const row = UUID.test(fileId)
    ? await db.attachedFile.findFirst({ where: { id: fileId, instanceId }, select: fileSelect })
    : null;
  if (!row) throw new AppError("NOT_FOUND", "That file no longer exists.");
  return toFile(row);
}

export async function findFiles({
  db,
  instanceId,
  fileIds,
  associatedResourceArn,
}: {
  db: TDb;
  instanceId: string;
  fileIds: readonly string[];
  associatedResourceArn: string;
}): Promise<Map<string, TStoredFile>> {
  const ids = fileIds.filter((id) => UUID.test(id));
  const rows = await db.attachedFile.findMany({
    where: { id: { in: ids }, instanceId, associatedResourceArn, objectKey: { not: null } },
    select: fileSelect,
  });
  return new Map(rows.map((row) => [row.id, toFile(row)]));
}

/** How long after an upload URL expires its keys are checked once more for a late re-upload. */
const URL_MARGIN_MS = 60_000;

/**
 * Queues keys for removal no sooner than `notBefore` (a key already queued keeps the later time). An
 * upload URL stays usable until it expires, so the keys it can write to are queued until then.
 */
export async function queueObjectDeletion(db: TDb, keys: readonly string[], notBefore: Date) {
  for (const key of keys) {
    await db.$executeRaw`
      INSERT INTO "PendingObjectDeletion" ("key", "notBefore") VALUES (${key}, ${notBefore})
      ON CONFLICT ("key") DO UPDATE SET "notBefore" = GREATEST("PendingObjectDeletion"."notBefore", EXCLUDED."notBefore")`;
  }
}

const afterUrl = (file: TStoredFile) =>
  new Date(Math.max(Date.now(), (file.uploadExpiresAt?.getTime() ?? 0) + URL_MARGIN_MS));

/** Settles a file that is being checked; false when it was deleted meanwhile. */
async function settle(
  db: TDb,
  id: string,
  status: "APPROVED" | "REJECTED" | "FAILED",
  reasonCode?: string,
  reason?: string,
): Promise<boolean> {
  const settled = await db.attachedFile.updateMany({
    where: { id, status: "PROCESSING" },
    data: {
      status,
      reasonCode: reasonCode ?? null,
      reason: reason ?? null,
      checkingSince: null,
      completedAt: new Date(),
    },
  });
  return settled.count > 0;
}

/**
 * Completes an upload: checks what was stored and settles APPROVED, REJECTED (with the reason; the
 * object is removed) or FAILED (an internal error or the scanner not answering). Only one completion
 * checks at a time; a second one meanwhile is a CONFLICT, as is one before any bytes arrived. A file
 * already settled is left as it is.
 */
export async function completeUpload({
  db,
  objects,
  checks,
  file,
}: {
  db: TDb;
  objects: TObjectStore;
  checks: TFileChecks;
  file: TStoredFile;
}): Promise<TStoredFile["status"]> {
  if (file.status !== "PROCESSING") return file.status;
  const claimed = await db.attachedFile.updateMany({
    where: {
      id: file.id,
      status: "PROCESSING",
      OR: [{ checkingSince: null }, { checkingSince: { lt: new Date(Date.now() - CHECK_ABANDONED_MS) } }],
    },
    data: { checkingSince: new Date() },
  });
  if (claimed.count === 0) {
    const current = await db.attachedFile.findUnique({ where: { id: file.id }, select: { status: true } });
    if (current && current.status !== "PROCESSING") return current.status;
    throw new AppError("CONFLICT", "This file is still being checked. Ask again in a moment.");
  }
  const uploadedTo = file.objectKey as string;
  // Until its URL expires, the uploader can PUT again to where it uploaded: whatever happens here,
  // that key is checked once more afterwards (write-once stores refuse while a file is there).
  await queueObjectDeletion(db, objects.uploadsAreWriteOnce ? [] : [uploadedTo], afterUrl(file));
  let key = uploadedTo;
  try {
    const stored = objects.uploadsAreWriteOnce ? await objects.head(key) : await objects.copy(key, checkedKey(file.id));
    if (!stored) {
      await db.attachedFile.update({ where: { id: file.id }, data: { checkingSince: null } });
      throw new AppError(
        "CONFLICT",
        "The file is still being uploaded: nothing has arrived at its upload URL yet. Complete it after the upload.",
      );
    }
    if (key !== checkedKey(file.id)) {
      key = checkedKey(file.id);
      const moved = await db.attachedFile.updateMany({
        where: { id: file.id, status: "PROCESSING" },
        data: { objectKey: key },
      });
      await objects.delete(uploadedTo);
      if (moved.count === 0) {
        await queueObjectDeletion(db, [key], new Date());
        throw new AppError("NOT_FOUND", "The file was deleted while it was being checked.");
      }
    }
    const refuse = async (reasonCode: TFileRejectionReason | "SCANNER", reason: string) => {
      await objects.delete(key);
      // On a write-once store the uploader may PUT here again once it is empty, until the URL expires.
      await queueObjectDeletion(db, [key], afterUrl(file));
      await settle(db, file.id, "REJECTED", reasonCode, reason);
      return "REJECTED" as const;
    };
    if (stored.size !== file.sizeInBytes) {
      return await refuse(
        "INVALID_FILE_SIZE",
        `The uploaded file is ${stored.size} bytes, but ${file.sizeInBytes} were declared.`,
      );
    }
    const head = (await objects.readStart(key, INSPECT_BYTES)) ?? new Uint8Array();
    const extension = file.fileName.slice(file.fileName.lastIndexOf(".") + 1);
    const content = await inspectFileContent({ extension, head });
    if (!content.ok) return await refuse("INVALID_FILE_TYPE", content.message);
    if (checks.scanner) {
      const verdict = await askScanner(checks.scanner, {
        fileId: file.id,
        fileName: file.fileName,
        sizeInBytes: file.sizeInBytes,
        contentType: file.contentType,
        downloadUrl: (
          await objects.presignGet(key, {
            expiresInSeconds: Math.ceil(checks.scanner.timeoutMs / 1000) + 60,
            fileName: file.fileName,
            contentType: file.contentType,
          })
        ).url,
      });
      if (verdict.kind === "infected") return await refuse("SCANNER", verdict.reason);
      if (verdict.kind === "failed") {
        await settle(db, file.id, "FAILED", "SCANNER", verdict.reason);
        return "FAILED";
      }
    }
    if (!(await settle(db, file.id, "APPROVED"))) {
      // Deleted while it was checked: the trigger queued the key it had then, which may be the old one.
      await queueObjectDeletion(db, [key], new Date());
      throw new AppError("NOT_FOUND", "The file was deleted while it was being checked.");
    }
    return "APPROVED";
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error(`[attache] Checking file ${file.id} failed:`, error);
    await settle(db, file.id, "FAILED", "INTERNAL", "The file could not be checked. Upload it again.").catch(
      () => undefined,
    );
    return "FAILED";
  }
}

/** A download URL for an approved file; null for any other status. */
export async function downloadUrl({
  objects,
  file,
  expiresInSeconds,
}: {
  objects: TObjectStore;
  file: TStoredFile;
  expiresInSeconds: number;
}) {
  if (file.status !== "APPROVED" || !file.objectKey) return null;
  const extension = file.fileName.slice(file.fileName.lastIndexOf(".") + 1);
  return objects.presignGet(file.objectKey, {
    expiresInSeconds,
    fileName: file.fileName,
    // Served as its extension's type, whatever a participant declared for the upload.
    contentType: mimeTypeOf(extension),
  });
}

/** Deletes a file and its object; recorded in the audit log. */
export async function deleteFile({
  db,
  objects,
  actor,
  file,
}: {
  db: TDb;
  objects: TObjectStore;
  actor: TActor;
  file: TStoredFile;
}) {
  const instance = await db.instance.findUniqueOrThrow({ where: { id: file.instanceId }, select: { teamId: true } });
  if (instance.teamId !== actor.teamId) throw new AppError("NOT_FOUND", "No such file.");
  await db.$transaction(async (tx) => {
    const deleted = await tx.attachedFile.deleteMany({ where: { id: file.id } });
    if (deleted.count === 0) throw new AppError("NOT_FOUND", `No file ${file.id} is attached to this resource.`);
    await recordAudit(tx, {
      actor,
      action: "file.delete",
      targetType: "file",
      targetId: file.id,
      before: {
        fileName: file.fileName,
        sizeInBytes: file.sizeInBytes,
        status: file.status,
        scope: file.scope,
        associatedResourceArn: file.associatedResourceArn,
      },
    });
  });
  // The trigger queued the object. It goes now, and is looked for again once the upload URL has expired
  // (a PUT may still land there until then; an upload key completion moved away from is queued already).
  if (file.objectKey) {
    await queueObjectDeletion(db, [file.objectKey], afterUrl(file));
    await objects.delete(file.objectKey).catch(() => undefined);
  }
}

/** Where an instance's voice recordings are copied from, in the configured bucket. */
export const recordingPrefix = (instanceId: string) => `recordings/${instanceId}/`;

/** Audio a voice recording may be; checked against its content like any upload. */
const RECORDING_EXTENSIONS = new Set(["wav", "mp3", "ogg", "oga", "opus", "flac", "m4a", "webm"]);
const MAX_RECORDING_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * CreateAttachedFile: copies a voice recording from an s3:// URI of the configured store, under the
 * instance's own recordings/<instance id>/ prefix (never another instance's, never Attache's uploads),
 * and settles it at once after the same content checks.
 */
export async function createRecording({
  db,
  objects,
  instance,
  associatedResourceArn,
  sourceUri,
  createdBy,
  tags,
  now,
}: {
  db: TDb;
  objects: TObjectStore;
  instance: { id: string; arn: string };
  associatedResourceArn: string;
  sourceUri: string;
  createdBy: TNewUpload["createdBy"];
  tags?: Record<string, string>;
  now: Date;
}) {
  const sourceKey = objects.keyOfUri(sourceUri);
  const prefix = recordingPrefix(instance.id);
  if (!sourceKey?.startsWith(prefix)) {
    throw new AppError(
      "INVALID_INPUT",
      `FileSourceUri must be an s3:// URI in Attache's configured bucket under ${prefix} (each instance copies only its own recordings).`,
    );
  }
  const fileName = sourceKey.slice(sourceKey.lastIndexOf("/") + 1);
  const extension = fileName.includes(".") ? fileName.slice(fileName.lastIndexOf(".") + 1).toLowerCase() : "";
  if (!RECORDING_EXTENSIONS.has(extension)) {
    throw new AppError(
      "FILE_REFUSED",
      `A voice recording must be audio (${[...RECORDING_EXTENSIONS].join(", ")}); ${fileName} is not.`,
      { detail: "FILE_TYPE" },
    );
  }
  const source = await objects.head(sourceKey);
  if (!source) throw new AppError("INVALID_INPUT", `Nothing is stored at ${sourceUri}.`);
  if (source.size < 1 || source.size > MAX_RECORDING_BYTES) {
    throw new AppError(
      "FILE_REFUSED",
      source.size < 1 ? "The recording is empty." : "The recording is larger than 2 GiB, the most Attache copies.",
      { detail: "FILE_SIZE" },
    );
  }
  const id = randomUUID();
  const objectKey = checkedKey(id);
  const copied = await objects.copy(sourceKey, objectKey);
  if (!copied)
    throw new AppError("INVALID_INPUT", `${sourceUri} could not be copied; check that it exists and is readable.`);
  let status: "APPROVED" | "REJECTED" = "APPROVED";
  let reasonCode: string | undefined;
  let reason: string | undefined;
  if (copied.size !== source.size) {
    status = "REJECTED";
    reasonCode = "INVALID_FILE_SIZE";
    reason = "The recording changed while it was copied.";
  } else {
    const content = await inspectFileContent({
      extension,
      head: (await objects.readStart(objectKey, INSPECT_BYTES)) ?? new Uint8Array(),
    });
    if (!content.ok) {
      status = "REJECTED";
      reasonCode = "INVALID_FILE_TYPE";
      reason = content.message;
    }
  }
  if (status === "REJECTED") await objects.delete(objectKey);
  const row = await db.attachedFile.create({
    data: {
      id,
      instanceId: instance.id,
      origin: "ATTACHED_FILE",
      associatedResourceArn,
      fileName: sanitizeText(fileName, { max: 256 }) || "recording",
      sizeInBytes: BigInt(copied.size),
      contentType: mimeTypeOf(extension),
      useCaseType: "VOICE_RECORDING",
      status,
      reasonCode,
      reason,
      objectKey: status === "APPROVED" ? objectKey : null,
      createdByConnectUser: createdBy.connectUser,
      createdByIdentity: createdBy.identity,
      createdByLabel: createdBy.label,
      apiKeyId: createdBy.apiKeyId,
      tags,
      createdAt: now,
      completedAt: now,
    },
    select: fileSelect,
  });
  return toFile(row);
}

/**
 * Removes uploads never completed: their URL expired more than `graceMs` ago and no completion is
 * checking them. The object (if any bytes arrived) is deleted and the file is REJECTED, EXPIRED.
 */
export async function expireAbandonedUploads({
  db,
  objects,
  now = new Date(),
  graceMs = 5 * 60_000,
  batch = 200,
}: {
  db: TDb;
  objects: TObjectStore;
  now?: Date;
  graceMs?: number;
  batch?: number;
}): Promise<number> {
  const stale = await db.attachedFile.findMany({
    where: {
      status: "PROCESSING",
      checkingSince: null,
      uploadExpiresAt: { lt: new Date(now.getTime() - graceMs) },
    },
    select: { id: true, objectKey: true },
    take: batch,
  });
  let expired = 0;
  for (const file of stale) {
    const updated = await db.$transaction(async (tx) => {
      const changed = await tx.attachedFile.updateMany({
        where: { id: file.id, status: "PROCESSING", checkingSince: null },
        data: {
          status: "REJECTED",
          reasonCode: "EXPIRED",
          reason: "The upload was never completed before its URL expired.",
          objectKey: null,
          completedAt: now,
        },
      });
      if (changed.count && file.objectKey) await queueObjectDeletion(tx as TDb, [file.objectKey], now);
      return changed.count;
    });
    expired += updated;
  }
  if (expired) await deleteQueuedObjects({ db, objects, now });
  return expired;
}

/**
 * Removes the queued objects whose time has come (see PendingObjectDeletion). A key leaves the queue
 * only once its object is gone; one that fails stays for the next round, and the others go on.
 */
export async function deleteQueuedObjects({
  db,
  objects,
  now = new Date(),
  batch = 200,
}: {
  db: TDb;
  objects: TObjectStore;
  now?: Date;
  batch?: number;
}): Promise<number> {
  const queued = await db.pendingObjectDeletion.findMany({
    where: { notBefore: { lte: now } },
    select: { key: true, notBefore: true },
    orderBy: { notBefore: "asc" },
    take: batch,
  });
  let removed = 0;
  for (const { key, notBefore } of queued) {
    try {
      await objects.delete(key);
      // Unless it was queued again meanwhile for later.
      await db.pendingObjectDeletion.deleteMany({ where: { key, notBefore: { lte: notBefore } } });
      removed++;
    } catch (error) {
      console.error(`[attache] Could not remove object ${key}; it stays queued:`, error);
    }
  }
  return removed;
}
