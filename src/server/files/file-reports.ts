import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { requireInstance } from "@/server/instances/instances";
import { getEnforcedPolicy } from "@/server/policies/policies";
import { judgeFile, type TAttachmentScope } from "@/server/policies/policy-rules";
import type { TPolicy } from "@/server/policies/policy-schemas";
import type { TObjectStore } from "@/server/storage/object-store";
import { assertActorRole, type TActor } from "@/server/team/team";
import type { TFileListFilter, TFileSummaryRow } from "./file-schemas";
import { deleteFile, downloadUrl, findFileById, type TStoredFile } from "./files";

/**
 * The console's view of uploads: the files of an instance with filters and paging, what was refused
 * and why, and how a proposed policy would have judged the last 30 days' uploads.
 */

export const FILE_PAGE_SIZE = 25;
/** The impact preview judges at most this many of the newest uploads of the last 30 days. */
export const IMPACT_SAMPLE_LIMIT = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

type TCursor = { createdAt: string; id: string };
const encodeCursor = (file: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify({ createdAt: file.createdAt.toISOString(), id: file.id })).toString("base64url");
function decodeCursor(cursor: string): TCursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as TCursor;
    if (
      typeof value.createdAt === "string" &&
      !Number.isNaN(Date.parse(value.createdAt)) &&
      /^[0-9a-f-]{36}$/.test(value.id)
    ) {
      return value;
    }
  } catch {
    // fall through
  }
  throw new AppError("INVALID_INPUT", "That page of files is no longer valid; start from the first page.");
}

export async function listFiles({
  db,
  actor,
  instanceId,
  filter,
  cursor,
  limit = FILE_PAGE_SIZE,
}: {
  db: TDb;
  actor: TActor;
  instanceId: string;
  filter: TFileListFilter;
  cursor?: string;
  limit?: number;
}) {
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db.attachedFile.findMany({
    where: {
      instanceId: instance.id,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.scope ? { scope: filter.scope } : {}),
      ...(filter.from || filter.to
        ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
        : {}),
      ...(after
        ? {
            OR: [
              { createdAt: { lt: new Date(after.createdAt) } },
              { createdAt: new Date(after.createdAt), id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      origin: true,
      scope: true,
      associatedResourceArn: true,
      fileName: true,
      sizeInBytes: true,
      status: true,
      reasonCode: true,
      reason: true,
      objectKey: true,
      createdByConnectUser: true,
      createdByLabel: true,
      useCaseType: true,
      createdAt: true,
      completedAt: true,
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    instance: { id: instance.id, alias: instance.alias, arn: instance.arn },
    files: page.map((row) => ({
      id: row.id,
      origin: row.origin,
      scope: row.scope,
      associatedResourceArn: row.associatedResourceArn,
      fileName: row.fileName,
      sizeInBytes: Number(row.sizeInBytes),
      status: row.status,
      reasonCode: row.reasonCode,
      reason: row.reason,
      useCaseType: row.useCaseType,
      createdBy: row.createdByConnectUser ?? row.createdByLabel,
      createdAt: row.createdAt,
      completedAt: row.completedAt,
      downloadable: row.status === "APPROVED" && row.objectKey !== null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** Refusals by scope and reason, over the last 7 and 30 days (REJECTED files, including refused starts). */
export async function summarizeRejections({
  db,
  actor,
  instanceId,
  now = new Date(),
}: {
  db: TDb;
  actor: TActor;
  instanceId: string;
  now?: Date;
}): Promise<TFileSummaryRow[]> {
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const since30 = new Date(now.getTime() - 30 * DAY_MS);
  const since7 = new Date(now.getTime() - 7 * DAY_MS);
  const rows = await db.$queryRaw<
    Array<{ scope: string | null; reasonCode: string | null; last7: bigint; last30: bigint }>
  >`
    SELECT "scope"::text AS "scope", "reasonCode",
      count(*) FILTER (WHERE "createdAt" >= ${since7}) AS "last7",
      count(*) AS "last30"
    FROM "AttachedFile"
    WHERE "instanceId" = ${instance.id}::uuid AND "status" = 'REJECTED' AND "createdAt" >= ${since30}
    GROUP BY 1, 2
    ORDER BY 4 DESC, 1, 2`;
  return rows.map((row) => ({
    scope: row.scope as TAttachmentScope | null,
    reasonCode: row.reasonCode ?? "UNKNOWN",
    last7Days: Number(row.last7),
    last30Days: Number(row.last30),
  }));
}

/**
 * How a proposed policy would have judged the scope's uploads of the last 30 days: how many it would
 * refuse, how many of those the current policy let through, by reason, with a few examples. Only the
 * name, type and size rules can be replayed (content checks need the bytes, which a refusal never kept).
 */
export async function previewPolicyImpact({
  db,
  actor,
  instanceId,
  scope,
  policy,
  now = new Date(),
}: {
  db: TDb;
  actor: TActor;
  instanceId: string;
  scope: TAttachmentScope;
  policy: TPolicy;
  now?: Date;
}) {
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const current = await getEnforcedPolicy({ db, instanceId: instance.id, scope });
  const uploads = await db.attachedFile.findMany({
    where: {
      instanceId: instance.id,
      scope,
      useCaseType: "ATTACHMENT",
      createdAt: { gte: new Date(now.getTime() - 30 * DAY_MS) },
    },
    orderBy: { createdAt: "desc" },
    take: IMPACT_SAMPLE_LIMIT,
    select: { fileName: true, sizeInBytes: true },
  });
  const byReason: Record<string, number> = {};
  const examples: Array<{ fileName: string; sizeInBytes: number; message: string }> = [];
  let refused = 0;
  let newlyRefused = 0;
  for (const upload of uploads) {
    const file = { fileName: upload.fileName, sizeInBytes: Number(upload.sizeInBytes) };
    const verdict = judgeFile(policy, file);
    if (verdict.allowed) continue;
    refused++;
    byReason[verdict.reason] = (byReason[verdict.reason] ?? 0) + 1;
    if (judgeFile(current, file).allowed) {
      newlyRefused++;
      if (examples.length < 5) examples.push({ ...file, message: verdict.message });
    }
  }
  return {
    scope,
    judged: uploads.length,
    sampled: uploads.length === IMPACT_SAMPLE_LIMIT,
    refused,
    newlyRefused,
    byReason,
    examples,
  };
}

async function consoleFile(db: TDb, actor: TActor, instanceId: string, fileId: string): Promise<TStoredFile> {
  const instance = await requireInstance({ db, actor, reference: instanceId });
  return findFileById({ db, instanceId: instance.id, fileId });
}

/** A short-lived download link for an approved file (one minute). */
export async function getFileDownload({
  db,
  objects,
  actor,
  instanceId,
  fileId,
}: {
  db: TDb;
  objects: TObjectStore;
  actor: TActor;
  instanceId: string;
  fileId: string;
}) {
  const file = await consoleFile(db, actor, instanceId, fileId);
  const download = await downloadUrl({ objects, file, expiresInSeconds: 60 });
  if (!download)
    throw new AppError(
      "UNPROCESSABLE",
      `Only approved files can be downloaded; this one is ${file.status.toLowerCase()}.`,
    );
  return { url: download.url, expiresAt: download.expiresAt };
}

export async function deleteFileFromConsole({
  db,
  objects,
  actor,
  instanceId,
  fileId,
}: {
  db: TDb;
  objects: TObjectStore;
  actor: TActor;
  instanceId: string;
  fileId: string;
}) {
  assertActorRole(actor, "editor");
  const file = await consoleFile(db, actor, instanceId, fileId);
  await deleteFile({ db, objects, actor, file });
}
