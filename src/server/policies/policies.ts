import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { auditRow } from "@/server/audit";
import type { TDb } from "@/server/db";
import { AppError, isUniqueViolation } from "@/server/errors";
import { assertReachable, instanceReference, requireInstance } from "@/server/instances/instances";
import { actorColumns, assertActorRole, type TActor } from "@/server/team/team";
import {
  ATTACHMENT_SCOPES,
  BAD_HISTORY_CURSOR_MESSAGE,
  DEFAULT_POLICY,
  POLICY_EXPORT_FORMAT,
  SCOPE_LABELS,
  type TAttachmentScope,
  type TEffectivePolicy,
  type TPolicyChange,
  type TPolicyChangeKind,
  type TPolicyExport,
  type TPolicyHistoryInput,
  type TPolicyHistoryPage,
  type TScopePolicy,
  type ZCopyPolicyInputSchema,
  ZEffectivePolicySchema,
  type ZImportPoliciesInputSchema,
  ZPolicyHistoryInputSchema,
  type ZResetPolicyInputSchema,
  type ZRestoreRevisionInputSchema,
  type ZUndoChangesInputSchema,
  type ZUpdatePolicyInputSchema,
} from "./policy-schemas";

type TTx = Prisma.TransactionClient;

/**
 * Writers of one scope queue on its row lock, each holding a pooled connection while it waits: give
 * them longer than Prisma's defaults (2 s to get a connection, 5 s in all) before failing.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };
/** Every kind but REVERT, which only old history rows carry. */
type TChangeKind = Exclude<TPolicyChangeKind, "REVERT">;

const configurationSelect = {
  scope: true,
  maximumSizeLimitInBytes: true,
  allowedExtensions: true,
  isDefault: true,
  version: true,
  updatedAt: true,
  updatedBy: true,
} satisfies Prisma.AttachedFilesConfigurationSelect;
type TConfigurationRow = Prisma.AttachedFilesConfigurationGetPayload<{ select: typeof configurationSelect }>;

function defaultPolicy(): TEffectivePolicy {
  return { ...DEFAULT_POLICY, allowedExtensions: [...DEFAULT_POLICY.allowedExtensions], isDefault: true };
}

function toScopePolicy(scope: TAttachmentScope, row: TConfigurationRow | null): TScopePolicy {
  if (!row) return { scope, ...defaultPolicy(), version: 0, updatedAt: null, updatedBy: null };
  return {
    scope,
    maximumSizeLimitInBytes: row.maximumSizeLimitInBytes,
    allowedExtensions: row.allowedExtensions,
    isDefault: row.isDefault,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

function effectiveOf(policy: TScopePolicy): TEffectivePolicy {
  return {
    maximumSizeLimitInBytes: policy.maximumSizeLimitInBytes,
    allowedExtensions: policy.allowedExtensions,
    isDefault: policy.isDefault,
  };
}

function identical(a: TEffectivePolicy, b: TEffectivePolicy) {
  return (
    a.isDefault === b.isDefault &&
    a.maximumSizeLimitInBytes === b.maximumSizeLimitInBytes &&
    a.allowedExtensions.length === b.allowedExtensions.length &&
    a.allowedExtensions.every((extension, index) => extension === b.allowedExtensions[index])
  );
}

function conflict(scope: TAttachmentScope) {
  return new AppError(
    "CONFLICT",
    `The ${scope} policy was changed by someone else while you edited it. Review their change, then save again.`,
  );
}

function undoConflict(scope: TAttachmentScope) {
  return new AppError(
    "CONFLICT",
    `The ${SCOPE_LABELS[scope]} policy has changed since, so this can no longer be undone. Use its history to restore an earlier version.`,
  );
}

/** What a revision's stored policy brings back: the default as it is now when it was the default. */
function policyOf(stored: unknown): TEffectivePolicy {
  const policy = ZEffectivePolicySchema.parse(stored);
  return policy.isDefault ? defaultPolicy() : policy;
}

/**
 * The scope's configuration row, locked until the transaction ends (SELECT … FOR UPDATE), so writers
 * of one scope take turns: each sees the version the previous one committed. A scope with no row
 * yet has nothing to lock; two first writes then race on the primary key (see writeScopePolicy).
 */
async function lockConfiguration(tx: TTx, instanceId: string, scope: TAttachmentScope) {
  const rows = await tx.$queryRaw<TConfigurationRow[]>`
    SELECT "scope", "maximumSizeLimitInBytes", "allowedExtensions", "isDefault", "version", "updatedAt", "updatedBy"
    FROM "AttachedFilesConfiguration"
    WHERE "instanceId" = ${instanceId}::uuid AND "scope" = ${scope}::"AttachmentScope"
    FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * The one write path for a scope's policy: checks the expected version, writes the configuration
 * with the version bumped, and records the revision and the audit event, all in `tx`. A change
 * that changes nothing writes nothing (and has no revision).
 */
async function writeScopePolicy(
  tx: TTx,
  change: {
    actor: TActor;
    instanceId: string;
    scope: TAttachmentScope;
    expectedVersion: number | undefined;
    kind: TChangeKind;
    reason: string | undefined;
    next: (current: TEffectivePolicy) => TEffectivePolicy;
    /** The error when the scope is not at `expectedVersion`; an editing conflict by default. */
    conflict?: (scope: TAttachmentScope) => AppError;
  },
): Promise<TPolicyChange> {
  const { actor, instanceId, scope } = change;
  const stale = change.conflict ?? conflict;
  const row = await lockConfiguration(tx, instanceId, scope);
  const current = toScopePolicy(scope, row);
  if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
    throw stale(scope);
  }
  const before = effectiveOf(current);
  const after = change.next(before);
  if (identical(before, after)) return { ...current, revisionId: null };

  const data = {
    maximumSizeLimitInBytes: after.maximumSizeLimitInBytes,
    allowedExtensions: after.allowedExtensions,
    isDefault: after.isDefault,
    version: current.version + 1,
    updatedAt: new Date(),
    updatedBy: actor.label,
  };
  const revision = {
    id: randomUUID(),
    instanceId,
    scope,
    version: data.version,
    kind: change.kind,
    before: JSON.stringify(before),
    after: JSON.stringify(after),
    reason: change.reason ?? null,
    ...actorColumns(actor),
    createdAt: data.updatedAt,
  };
  const audit = auditRow({
    actor,
    action: `policy.${change.kind.toLowerCase()}`,
    targetType: "AttachedFilesConfiguration",
    targetId: `${instanceId}/${scope}`,
    before,
    after,
    reason: change.reason,
  });
  // The configuration, its revision and the audit event in one statement: writers of this scope
  // wait on its row lock, so the fewer round trips it is held for, the more of them get through.
  // Two first writes racing to create the row collide on the revision's (scope, version) key, so
  // the loser writes nothing and hears of the conflict.
  const written = await tx.$queryRaw<Array<{ version: number }>>`
    WITH "configuration" AS (
      INSERT INTO "AttachedFilesConfiguration" ${columnsAndValues({ instanceId, scope, ...data })}
      ON CONFLICT ("instanceId", "scope") DO UPDATE SET
        "maximumSizeLimitInBytes" = EXCLUDED."maximumSizeLimitInBytes",
        "allowedExtensions" = EXCLUDED."allowedExtensions",
        "isDefault" = EXCLUDED."isDefault",
        "version" = EXCLUDED."version",
        "updatedAt" = EXCLUDED."updatedAt",
        "updatedBy" = EXCLUDED."updatedBy"
      WHERE "AttachedFilesConfiguration"."version" = ${current.version}
      RETURNING "version"
    ),
    "revision" AS (INSERT INTO "PolicyRevision" ${columnsAndValues(revision)}),
    "audit" AS (INSERT INTO "AuditEvent" ${columnsAndValues(audit)})
    SELECT "version" FROM "configuration"`.catch((error: unknown) => {
    throw isUniqueViolation(error) ? stale(scope) : error;
  });
  if (written.length !== 1) throw stale(scope);
  return { ...toScopePolicy(scope, { scope, ...data }), revisionId: revision.id };
}

/** `("a", "b") VALUES ($1, $2)` for a row: column types come from the table, as in any INSERT … VALUES. */
function columnsAndValues(row: Record<string, unknown>): Prisma.Sql {
  const names = Object.keys(row).map((name) => Prisma.raw(`"${name}"`));
  return Prisma.sql`(${Prisma.join(names)}) VALUES (${Prisma.join(Object.values(row))})`;
}

/** A first write that lost the race to create the row is retried once the row exists. */
const CREATE_RACE_ATTEMPTS = 3;

/**
 * Runs `write` in a transaction. Writers of a scope take turns on its row lock, so callers that
 * named the version they edited get CONFLICT when another change got in first, and API callers (no
 * version) simply apply on top of the newest version, each write its own revision, in order. The
 * only race left is two first writes creating a scope's row at once; the loser is retried (API) or
 * told of the conflict (console).
 */
async function inTransaction<T>(db: TDb, retryRaces: boolean, write: (tx: TTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(write, TRANSACTION_OPTIONS);
    } catch (error) {
      const race = error instanceof AppError && error.code === "CONFLICT";
      if (!race || !retryRaces || attempt >= CREATE_RACE_ATTEMPTS) throw error;
    }
  }
}

/**
 * The hot reads below are single typed statements over the instance (i) and its configurations (c).
 * Timestamps are stored as UTC without a zone; AT TIME ZONE 'UTC' reads them back as instants.
 */
const CONFIGURATION_COLUMNS = `c."scope", c."maximumSizeLimitInBytes", c."allowedExtensions", c."isDefault", c."version",
  c."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt", c."updatedBy"`;

type TInstancePoliciesRow = { id: string; alias: string; arn: string } & (
  | TConfigurationRow
  | { [K in keyof TConfigurationRow]: null }
);

/**
 * The instance `reference` names, if `actor` may reach it (requireInstance's rules), with its
 * configurations — only `scope`'s when given — in one named statement (each connection parses and
 * plans it once). A row per configuration; one row with null configuration columns when there is none.
 */
async function readInstancePolicies(
  db: TDb,
  actor: TActor,
  reference: string,
  scope?: TAttachmentScope,
): Promise<[TInstancePoliciesRow, ...TInstancePoliciesRow[]]> {
  const lookup = instanceReference(reference);
  const by = lookup && ("id" in lookup ? "id" : "arn");
  const rows = lookup
    ? (
        await db.pool.query<TInstancePoliciesRow>({
          name: `attache.instance-policies.${by}${scope ? ".scope" : ""}`,
          text: `SELECT i."id", i."alias", i."arn", ${CONFIGURATION_COLUMNS}
           FROM "Instance" i LEFT JOIN "AttachedFilesConfiguration" c ON c."instanceId" = i."id"
             ${scope ? `AND c."scope" = $3::"AttachmentScope"` : ""}
           WHERE ${by === "id" ? `i."id" = $1::uuid` : `i."arn" = $1`} AND i."teamId" = $2::uuid`,
          values: ["id" in lookup ? lookup.id : lookup.arn, actor.teamId, ...(scope ? [scope] : [])],
        })
      ).rows
    : [];
  const first = assertReachable(actor, reference, rows[0] ?? null);
  return [first, ...rows.slice(1)];
}

/**
 * An instance and its four scopes' policies (the console's policies page, ListAttachedFiles-
 * Configurations, export): one typed statement.
 */
export async function getInstancePolicies({
  db,
  actor,
  instanceId,
}: {
  db: TDb;
  actor: TActor;
  instanceId: string;
}): Promise<{ instance: { id: string; alias: string; arn: string }; policies: TScopePolicy[] }> {
  const rows = await readInstancePolicies(db, actor, instanceId);
  const { id, alias, arn } = rows[0];
  const byScope = new Map<string, TConfigurationRow>();
  for (const row of rows) if (row.scope !== null) byScope.set(row.scope, row);
  return {
    instance: { id, alias, arn },
    policies: ATTACHMENT_SCOPES.map((scope) => toScopePolicy(scope, byScope.get(scope) ?? null)),
  };
}

/** One scope's policy (every DescribeAttachedFilesConfiguration): one typed statement. */
export async function getScopePolicy({
  db,
  actor,
  instanceId,
  scope,
}: {
  db: TDb;
  actor: TActor;
  instanceId: string;
  scope: TAttachmentScope;
}): Promise<TScopePolicy & { instanceId: string }> {
  const [row] = await readInstancePolicies(db, actor, instanceId, scope);
  return { instanceId: row.id, ...toScopePolicy(scope, row.scope === null ? null : row) };
}

/**
 * The policy an upload is judged by (the caller is already authorized for the instance): the
 * scope's configuration, or the default when there is none.
 */
export async function getEnforcedPolicy({
  db,
  instanceId,
  scope,
}: {
  db: TDb;
  instanceId: string;
  scope: TAttachmentScope;
}): Promise<TEffectivePolicy> {
  const row = await db.attachedFilesConfiguration.findUnique({
    where: { instanceId_scope: { instanceId, scope } },
    select: { maximumSizeLimitInBytes: true, allowedExtensions: true },
  });
  return row ? { ...row, isDefault: false } : defaultPolicy();
}

/** A partial update: an omitted field keeps its value; a missing configuration is created. */
export async function updatePolicy({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  /** Without `expectedVersion` (the AWS API has none) the last writer wins. */
  input: z.output<typeof ZUpdatePolicyInputSchema>;
}): Promise<TPolicyChange & { instanceId: string }> {
  assertActorRole(actor, "editor");
  const instance = await requireInstance({ db, actor, reference: input.instanceId });
  const policy = await inTransaction(db, input.expectedVersion === undefined, (tx) =>
    writeScopePolicy(tx, {
      actor,
      instanceId: instance.id,
      scope: input.scope,
      expectedVersion: input.expectedVersion,
      kind: "UPDATE",
      reason: input.reason,
      next: (current) => ({
        maximumSizeLimitInBytes: input.maximumSizeLimitInBytes ?? current.maximumSizeLimitInBytes,
        allowedExtensions: input.allowedExtensions ?? current.allowedExtensions,
        isDefault: false,
      }),
    }),
  );
  return { instanceId: instance.id, ...policy };
}

/** Back to Amazon Connect's default, as a recorded change. */
export async function resetPolicy({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  input: z.output<typeof ZResetPolicyInputSchema>;
}): Promise<TPolicyChange> {
  assertActorRole(actor, "editor");
  const instance = await requireInstance({ db, actor, reference: input.instanceId });
  return inTransaction(db, false, (tx) =>
    writeScopePolicy(tx, {
      actor,
      instanceId: instance.id,
      scope: input.scope,
      expectedVersion: input.expectedVersion,
      kind: "RESET",
      reason: input.reason,
      next: () => defaultPolicy(),
    }),
  );
}

const revisionSelect = {
  id: true,
  instanceId: true,
  scope: true,
  version: true,
  before: true,
  after: true,
} satisfies Prisma.PolicyRevisionSelect;

const missingRevision = () => new AppError("NOT_FOUND", "That change is no longer in the history.");

/**
 * Brings back the policy as it stood at a revision's version (its `after`), as a new RESTORE
 * revision. Restoring what is already there writes nothing.
 */
export async function restoreRevision({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  input: z.output<typeof ZRestoreRevisionInputSchema>;
}): Promise<TPolicyChange> {
  assertActorRole(actor, "editor");
  const revision = await db.policyRevision.findFirst({
    where: { id: input.revisionId, instance: { teamId: actor.teamId } },
    select: revisionSelect,
  });
  if (!revision) throw missingRevision();
  const instance = await requireInstance({ db, actor, reference: revision.instanceId });
  const target = policyOf(revision.after);
  return inTransaction(db, false, (tx) =>
    writeScopePolicy(tx, {
      actor,
      instanceId: instance.id,
      scope: revision.scope,
      expectedVersion: input.expectedVersion,
      kind: "RESTORE",
      reason: input.reason ?? `Restored version ${revision.version}.`,
      next: () => target,
    }),
  );
}

/**
 * Takes back changes just made, in one transaction: each revision's scope returns to the revision's
 * `before`, as a new UNDO revision, but only while the scope is still at that revision's version;
 * if any has changed since, nothing is undone.
 */
export async function undoChanges({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  input: z.output<typeof ZUndoChangesInputSchema>;
}): Promise<TPolicyChange[]> {
  assertActorRole(actor, "editor");
  const instance = await requireInstance({ db, actor, reference: input.instanceId });
  const revisions = await db.policyRevision.findMany({
    where: { id: { in: input.revisionIds }, instanceId: instance.id },
    select: revisionSelect,
  });
  if (revisions.length !== input.revisionIds.length) throw missingRevision();
  if (new Set(revisions.map((revision) => revision.scope)).size !== revisions.length) {
    throw new AppError("INVALID_INPUT", "Undo one change per scope at a time.");
  }
  const ordered = ATTACHMENT_SCOPES.flatMap((scope) => revisions.filter((revision) => revision.scope === scope));
  return inTransaction(db, false, async (tx) => {
    const written: TPolicyChange[] = [];
    for (const revision of ordered) {
      const before = policyOf(revision.before);
      written.push(
        await writeScopePolicy(tx, {
          actor,
          instanceId: instance.id,
          scope: revision.scope,
          expectedVersion: revision.version,
          kind: "UNDO",
          reason: `Undid version ${revision.version}.`,
          next: () => before,
          conflict: undoConflict,
        }),
      );
    }
    return written;
  });
}

/** Copies one scope's policy onto others, all or nothing. */
export async function copyPolicy({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  input: z.output<typeof ZCopyPolicyInputSchema>;
}): Promise<TPolicyChange[]> {
  assertActorRole(actor, "editor");
  const instance = await requireInstance({ db, actor, reference: input.instanceId });
  return inTransaction(db, false, async (tx) => {
    const row = await tx.attachedFilesConfiguration.findUnique({
      where: { instanceId_scope: { instanceId: instance.id, scope: input.from } },
      select: configurationSelect,
    });
    const source = toScopePolicy(input.from, row);
    const expected = input.expectedVersions[input.from];
    if (expected !== undefined && expected !== source.version) throw conflict(input.from);
    const written: TPolicyChange[] = [];
    // In the one order every multi-scope change locks rows in, so two of them never deadlock.
    for (const scope of ATTACHMENT_SCOPES.filter((candidate) => input.to.includes(candidate))) {
      written.push(
        await writeScopePolicy(tx, {
          actor,
          instanceId: instance.id,
          scope,
          expectedVersion: input.expectedVersions[scope],
          kind: "COPY",
          reason: input.reason ?? `Copied from ${input.from}.`,
          next: () => effectiveOf(source),
        }),
      );
    }
    return written;
  });
}

export async function exportPolicies({
  db,
  actor,
  instanceId,
}: {
  db: TDb;
  actor: TActor;
  instanceId: string;
}): Promise<TPolicyExport> {
  const { instance, policies } = await getInstancePolicies({ db, actor, instanceId });
  return {
    format: POLICY_EXPORT_FORMAT,
    instance: { id: instance.id, alias: instance.alias },
    exportedAt: new Date().toISOString(),
    policies: Object.fromEntries(policies.map((policy) => [policy.scope, effectiveOf(policy)])),
  };
}

/** Applies an exported file's policies in one transaction: every scope or none. */
export async function importPolicies({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  input: z.output<typeof ZImportPoliciesInputSchema>;
}): Promise<TPolicyChange[]> {
  assertActorRole(actor, "editor");
  const instance = await requireInstance({ db, actor, reference: input.instanceId });
  const entries = ATTACHMENT_SCOPES.flatMap((scope) => {
    const policy = input.file.policies[scope];
    return policy ? [{ scope, policy }] : [];
  });
  return inTransaction(db, false, async (tx) => {
    const written: TPolicyChange[] = [];
    for (const { scope, policy } of entries) {
      written.push(
        await writeScopePolicy(tx, {
          actor,
          instanceId: instance.id,
          scope,
          expectedVersion: input.expectedVersions[scope],
          kind: "IMPORT",
          reason: input.reason ?? `Imported from ${input.file.instance?.alias ?? "a policy file"}.`,
          next: () => (policy.isDefault ? defaultPolicy() : policy),
        }),
      );
    }
    return written;
  });
}

const historySelect = {
  id: true,
  scope: true,
  version: true,
  kind: true,
  before: true,
  after: true,
  reason: true,
  actorLabel: true,
  actorKind: true,
  createdAt: true,
} satisfies Prisma.PolicyRevisionSelect;

/** Where the next page of a history starts: the last revision of the page before. */
type THistoryCursor = { createdAt: Date; version: number; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeHistoryCursor(revision: THistoryCursor): string {
  return Buffer.from(JSON.stringify([revision.createdAt.toISOString(), revision.version, revision.id])).toString(
    "base64url",
  );
}

function decodeHistoryCursor(cursor: string): THistoryCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === "string" &&
      Number.isSafeInteger(value[1]) &&
      typeof value[2] === "string"
    ) {
      const createdAt = new Date(value[0]);
      if (!Number.isNaN(createdAt.getTime()) && UUID.test(value[2]))
        return { createdAt, version: value[1] as number, id: value[2] };
    }
  } catch {
    // not base64url JSON: the same answer as any other bad cursor
  }
  throw new AppError("INVALID_INPUT", BAD_HISTORY_CURSOR_MESSAGE);
}

/**
 * Revisions older than the cursor in the history's order: newest first, changes made at the same
 * millisecond (several scopes in one import, undo or copy) by version, then by id. Written as
 * `createdAt <= c AND (createdAt < c OR version < v OR (version = v AND id < i))` so PostgreSQL
 * bounds its scan of the (instanceId, createdAt) index with it.
 */
function olderThan(cursor: THistoryCursor): Prisma.PolicyRevisionWhereInput {
  return {
    AND: [
      { createdAt: { lte: cursor.createdAt } },
      {
        OR: [
          { createdAt: { lt: cursor.createdAt } },
          { version: { lt: cursor.version } },
          { version: cursor.version, id: { lt: cursor.id } },
        ],
      },
    ],
  };
}

/**
 * One page of an instance's policy history (one scope's, or every scope's), newest first, with the
 * cursor of the next (older) page: keyset paging, so a change made while someone pages back neither
 * repeats nor skips a revision.
 */
export async function listPolicyRevisions({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TActor;
  input: TPolicyHistoryInput;
}): Promise<TPolicyHistoryPage> {
  const parsed = ZPolicyHistoryInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Invalid history page.");
  const { instanceId, scope, cursor, limit } = parsed.data;
  const after = cursor ? decodeHistoryCursor(cursor) : undefined;
  const instance = await requireInstance({ db, actor, reference: instanceId });
  const where: Prisma.PolicyRevisionWhereInput = { instanceId: instance.id, ...(scope ? { scope } : {}) };
  const rows = await db.policyRevision.findMany({
    where: after ? { AND: [where, olderThan(after)] } : where,
    orderBy: [{ createdAt: "desc" }, { version: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: historySelect,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      ...row,
      before: ZEffectivePolicySchema.parse(row.before),
      after: ZEffectivePolicySchema.parse(row.after),
    })),
    nextCursor: rows.length > limit && last ? encodeHistoryCursor(last) : null,
  };
}
