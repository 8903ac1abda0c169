import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit";
import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { TUrlPolicy } from "@/server/net/safe-fetch";
import { assertActorRole } from "@/server/team/team";
import { collectUnusedBlobs } from "./blobs";
import { checkMedia, inspectMedia, type TInspectedMedia } from "./media/inspect";
import { readMediaSource } from "./media/source";
import {
  MEDIA_TYPE_LABELS,
  mediaPath,
  type TMediaFormat,
  type TWorkspaceMediaType,
  WORKSPACE_MEDIA_TYPES,
} from "./workspace-rules";
import type { TMediaCheckResult, TWorkspaceMedia } from "./workspace-schemas";
import {
  lockWorkspace,
  resolveWorkspaceWhere,
  type TWorkspaceTarget,
  toWorkspace,
  WORKSPACE_TRANSACTION_OPTIONS,
  workspaceSelect,
} from "./workspaces";

export type TMediaUrlPolicy = Omit<TUrlPolicy, "maxBytes">;

const mediaSelect = {
  type: true,
  contentHash: true,
  previousContentHash: true,
  updatedAt: true,
  blob: { select: { format: true, mime: true, size: true, width: true, height: true } },
} satisfies Prisma.WorkspaceMediaSelect;
type TMediaRow = Prisma.WorkspaceMediaGetPayload<{ select: typeof mediaSelect }>;

function toMedia(row: TMediaRow): TWorkspaceMedia {
  return {
    type: row.type,
    contentHash: row.contentHash,
    previousContentHash: row.previousContentHash,
    path: mediaPath(row.contentHash, row.blob.format as TMediaFormat),
    mime: row.blob.mime,
    format: row.blob.format,
    bytes: row.blob.size,
    width: row.blob.width,
    height: row.blob.height,
    updatedAt: row.updatedAt,
  };
}

const slotOrder = (type: TWorkspaceMediaType) => WORKSPACE_MEDIA_TYPES.indexOf(type);

/** The workspace's filled slots, in the model's MediaType order. */
export async function listWorkspaceMedia(target: TWorkspaceTarget): Promise<TWorkspaceMedia[]> {
  return (await getWorkspaceWithMedia(target)).media;
}

/** The workspace, its instance and its filled slots: one instance lookup and one query. */
export async function getWorkspaceWithMedia(target: TWorkspaceTarget) {
  const { instance, where } = await resolveWorkspaceWhere(target);
  const row = await target.db.workspace.findFirst({
    where,
    select: { ...workspaceSelect, media: { select: mediaSelect } },
  });
  if (!row) throw new AppError("NOT_FOUND", `Workspace ${target.workspaceId} does not exist in this instance.`);
  const { media, ...workspace } = row;
  return {
    instance,
    workspace: toWorkspace(workspace),
    media: media.map(toMedia).sort((a, b) => slotOrder(a.type) - slotOrder(b.type)),
  };
}

/** Reads, decodes and checks an image without storing it: the console's preview before Import. */
export async function checkWorkspaceMedia({
  source,
  type,
  urlPolicy,
}: {
  source: string;
  type: TWorkspaceMediaType;
  urlPolicy: TMediaUrlPolicy;
}): Promise<TMediaCheckResult> {
  const bytes = await readMediaSource(source, urlPolicy);
  const result = await checkMedia(bytes, type);
  return {
    format: result.format,
    width: result.width,
    height: result.height,
    bytes: result.bytes,
    checks: result.checks,
    previewDataUrl: result.media ? `data:${result.media.mime};base64,${result.media.bytes.toString("base64")}` : null,
  };
}

/**
 * Stores the checked image once per content hash (another import of the same image reuses it). DO
 * UPDATE rather than DO NOTHING: it locks an existing row, so a concurrent collection of unused images
 * waits for this transaction, whose slot then references the image.
 */
async function storeBlob(tx: Prisma.TransactionClient, media: TInspectedMedia) {
  await tx.$executeRaw`
    INSERT INTO "MediaBlob" ("contentHash", "format", "mime", "size", "width", "height", "data")
    VALUES (${media.contentHash}, ${media.format}, ${media.mime}, ${media.bytes.length}, ${media.width},
            ${media.height}, ${media.bytes})
    ON CONFLICT ("contentHash") DO UPDATE SET "createdAt" = "MediaBlob"."createdAt"`;
}

/**
 * ImportWorkspaceMedia: reads the source (base64, data: URL, or an allowed URL), decodes and checks
 * the image for its slot, stores it by content hash and puts it in the slot, replacing what was there
 * (kept as the slot's Undo). Audited.
 */
export async function importWorkspaceMedia(
  target: TWorkspaceTarget & { type: TWorkspaceMediaType; source: string; urlPolicy: TMediaUrlPolicy },
): Promise<TWorkspaceMedia> {
  assertActorRole(target.actor, "editor");
  const { where } = await resolveWorkspaceWhere(target);
  // Before any fetch or decoding: the workspace must exist.
  if (!(await target.db.workspace.findFirst({ where, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", `Workspace ${target.workspaceId} does not exist in this instance.`);
  }
  const bytes = await readMediaSource(target.source, target.urlPolicy);
  const media = await inspectMedia(bytes, target.type);
  return putInSlot(target, where, target.type, "workspace.media.import", async (tx) => {
    await storeBlob(tx, media);
    return media.contentHash;
  });
}

/** Puts the slot's previous image back (the console's Undo after a replace). */
export async function restoreWorkspaceMedia(
  target: TWorkspaceTarget & { type: TWorkspaceMediaType; contentHash: string },
): Promise<TWorkspaceMedia> {
  assertActorRole(target.actor, "editor");
  const { where } = await resolveWorkspaceWhere(target);
  return putInSlot(target, where, target.type, "workspace.media.restore", async (tx, current) => {
    if (!current || current.previousContentHash !== target.contentHash) {
      throw new AppError("CONFLICT", "This slot has changed since; there is nothing to undo.");
    }
    const blob = await tx.mediaBlob.findUnique({
      where: { contentHash: target.contentHash },
      select: { contentHash: true },
    });
    if (!blob) throw new AppError("NOT_FOUND", "The previous image is no longer stored; import it again.");
    return blob.contentHash;
  });
}

async function putInSlot(
  { db, actor, workspaceId }: TWorkspaceTarget,
  where: Prisma.WorkspaceWhereInput,
  type: TWorkspaceMediaType,
  action: string,
  contentHashFor: (
    tx: Prisma.TransactionClient,
    current: { contentHash: string; previousContentHash: string | null } | null,
  ) => Promise<string>,
): Promise<TWorkspaceMedia> {
  const result = await db.$transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, where, workspaceId);
    const current = await tx.workspaceMedia.findUnique({
      where: { workspaceId_type: { workspaceId: workspace.id, type } },
      select: { contentHash: true, previousContentHash: true },
    });
    const contentHash = await contentHashFor(tx, current);
    const unchanged = current?.contentHash === contentHash;
    const previousContentHash = unchanged ? current.previousContentHash : (current?.contentHash ?? null);
    const row = await tx.workspaceMedia.upsert({
      where: { workspaceId_type: { workspaceId: workspace.id, type } },
      create: { workspaceId: workspace.id, type, contentHash, updatedAt: new Date() },
      update: { contentHash, previousContentHash, updatedAt: new Date() },
      select: mediaSelect,
    });
    await tx.workspace.update({
      where: { id: workspace.id },
      data: { version: { increment: 1 }, updatedAt: new Date() },
    });
    await recordAudit(tx, {
      actor,
      action,
      targetType: "Workspace",
      targetId: workspace.id,
      before: current ? { type, contentHash: current.contentHash } : { type, contentHash: null },
      after: { type, contentHash, label: MEDIA_TYPE_LABELS[type] },
    });
    // The image the slot held two replacements ago is no longer anyone's Undo.
    const released = !unchanged && current?.previousContentHash ? [current.previousContentHash] : [];
    return { media: toMedia(row), released };
  }, WORKSPACE_TRANSACTION_OPTIONS);
  await collectUnusedBlobs(db, result.released);
  return result.media;
}

/** Empties a slot. A slot that is already empty is NOT_FOUND, so a typo in the type is not silent. */
export async function deleteWorkspaceMedia(target: TWorkspaceTarget & { type: TWorkspaceMediaType }): Promise<void> {
  const { db, actor, workspaceId, type } = target;
  assertActorRole(actor, "editor");
  const { where } = await resolveWorkspaceWhere(target);
  const released = await db.$transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, where, workspaceId);
    const current = await tx.workspaceMedia.findUnique({
      where: { workspaceId_type: { workspaceId: workspace.id, type } },
      select: { contentHash: true, previousContentHash: true },
    });
    if (!current) throw new AppError("NOT_FOUND", `This workspace has no ${MEDIA_TYPE_LABELS[type].toLowerCase()}.`);
    await tx.workspaceMedia.delete({ where: { workspaceId_type: { workspaceId: workspace.id, type } } });
    await tx.workspace.update({
      where: { id: workspace.id },
      data: { version: { increment: 1 }, updatedAt: new Date() },
    });
    await recordAudit(tx, {
      actor,
      action: "workspace.media.delete",
      targetType: "Workspace",
      targetId: workspace.id,
      before: { type, contentHash: current.contentHash },
    });
    return [current.contentHash, ...(current.previousContentHash ? [current.previousContentHash] : [])];
  }, WORKSPACE_TRANSACTION_OPTIONS);
  await collectUnusedBlobs(db, released);
}

export type TStoredMedia = { format: TMediaFormat; mime: string; data: Uint8Array };

const HASH = /^[0-9a-f]{64}$/;

/** A stored image by content hash, for the /media route (public: the hash is its only name). */
export async function findMediaBlob(db: TDb, contentHash: string): Promise<TStoredMedia | null> {
  if (!HASH.test(contentHash)) return null;
  const blob = await db.mediaBlob.findUnique({
    where: { contentHash },
    select: { format: true, mime: true, data: true },
  });
  return blob ? { format: blob.format as TMediaFormat, mime: blob.mime, data: blob.data } : null;
}
