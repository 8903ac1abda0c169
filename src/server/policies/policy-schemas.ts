import { z } from "zod";
import { ZBoundedTextSchema } from "@/server/text-schemas";
import {
  ATTACHMENT_SCOPES,
  DEFAULT_POLICY,
  EXTENSION_PATTERN,
  MAX_ALLOWED_EXTENSIONS,
  MAX_SIZE_LIMIT_IN_BYTES,
  POLICY_EXPORT_FORMAT,
  SCOPE_LABELS,
  type TAttachmentScope,
} from "./policy-rules";

/**
 * The attachment policy's constraints, written once from the Amazon Connect model
 * (../shared/spec/connect-api.md §7A, §8). The console forms, the tRPC procedures and the AWS
 * routes all validate with these schemas. The plain constants live in ./policy-rules, so a page
 * can show scope labels or the default policy without loading zod; they are exported here too.
 */

export {
  ATTACHMENT_SCOPES,
  DEFAULT_POLICY,
  EXTENSION_PATTERN,
  MAX_ALLOWED_EXTENSIONS,
  MAX_SIZE_LIMIT_IN_BYTES,
  POLICY_EXPORT_FORMAT,
  SCOPE_LABELS,
  type TAttachmentScope,
};

export const ZAttachmentScopeSchema = z.enum(ATTACHMENT_SCOPES, {
  error: `Choose one of ${ATTACHMENT_SCOPES.join(", ")}.`,
});

const scopeList = `${ATTACHMENT_SCOPES.slice(0, -1).join(", ")} or ${ATTACHMENT_SCOPES.at(-1)}`;

/** A record keyed by scope, some scopes only; any other key is refused by name. */
function ZScopeRecordSchema<T extends z.ZodType>(value: T) {
  return z.partialRecord(ZAttachmentScopeSchema, value, {
    // zod reports unknown keys of an enum-keyed record as "unrecognized_keys", which the issue type omits.
    error: (issue) => {
      const { code, keys } = issue as { code: string; keys?: unknown };
      return code === "unrecognized_keys" && Array.isArray(keys)
        ? keys.map((key) => `“${String(key)}” is not a scope: use ${scopeList}.`).join(" ")
        : undefined;
    },
  });
}

export const ZMaximumSizeLimitSchema = z
  .number({ error: "The size limit must be a whole number of bytes." })
  .int("The size limit must be a whole number of bytes.")
  .min(1, "The size limit must be at least 1 byte.")
  .max(MAX_SIZE_LIMIT_IN_BYTES, "The size limit can be at most 104857600 bytes (100 MB).");

/** Smithy counts code points, not UTF-16 units (spec §5). */
const codePoints = (value: string) => [...value].length;

export const ZExtensionSchema = z
  .string({ error: "An extension must be text." })
  .refine((value) => codePoints(value) >= 1, "An extension cannot be empty.")
  .refine((value) => codePoints(value) <= 10, "An extension has at most 10 characters.")
  .refine(
    (value) => codePoints(value) === 0 || EXTENSION_PATTERN.test(value),
    "An extension may contain only letters, digits, hyphens and underscores (no leading dot).",
  );

/** Extensions that are the same ignoring case, in the order they first appear. */
export function findDuplicateExtensions(extensions: readonly string[]): string[] {
  const seen = new Map<string, string>();
  const duplicates = new Map<string, string>();
  for (const extension of extensions) {
    const key = extension.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, extension);
    else if (!duplicates.has(key)) duplicates.set(key, first === extension ? first : `${first}/${extension}`);
  }
  return [...duplicates.values()];
}

export const ZAllowedExtensionsSchema = z
  .array(ZExtensionSchema, { error: "The allowed extensions must be a list." })
  .max(MAX_ALLOWED_EXTENSIONS, `At most ${MAX_ALLOWED_EXTENSIONS} extensions can be allowed.`)
  .superRefine((extensions, context) => {
    const duplicates = findDuplicateExtensions(extensions);
    if (duplicates.length) {
      context.addIssue({
        code: "custom",
        message: `Each extension may appear once, ignoring case; repeated: ${duplicates.join(", ")}.`,
      });
    }
  });

/** A complete policy: what a scope allows. */
export const ZPolicySchema = z.object({
  maximumSizeLimitInBytes: ZMaximumSizeLimitSchema,
  allowedExtensions: ZAllowedExtensionsSchema,
});
export type TPolicy = z.infer<typeof ZPolicySchema>;

/** A policy as it applies: `isDefault` when the scope has no configuration of its own. */
export const ZEffectivePolicySchema = ZPolicySchema.extend({ isDefault: z.boolean() });
export type TEffectivePolicy = z.infer<typeof ZEffectivePolicySchema>;

export const MAX_REASON_LENGTH = 500;

export const ZReasonSchema = ZBoundedTextSchema({ label: "A reason", max: MAX_REASON_LENGTH })
  .optional()
  .transform((value) => value || undefined);

export const ZInstanceIdSchema = z.uuid("That is not an instance id.");

/** A policy version as the console last saw it. */
export const ZVersionSchema = z.number().int().min(0).max(2_147_483_647);

/** Partial: an omitted field keeps its current value. */
export const ZUpdatePolicyInputSchema = z.object({
  instanceId: ZInstanceIdSchema,
  scope: ZAttachmentScopeSchema,
  maximumSizeLimitInBytes: ZMaximumSizeLimitSchema.optional(),
  allowedExtensions: ZAllowedExtensionsSchema.optional(),
  /** The version the editor started from; a different current version is a conflict. */
  expectedVersion: ZVersionSchema.optional(),
  reason: ZReasonSchema,
});

export const ZResetPolicyInputSchema = z.object({
  instanceId: ZInstanceIdSchema,
  scope: ZAttachmentScopeSchema,
  expectedVersion: ZVersionSchema,
  reason: ZReasonSchema,
});

export const ZRevisionIdSchema = z.uuid("That is not a change in the history.");

/** Brings back the policy as it stood at that revision's version. */
export const ZRestoreRevisionInputSchema = z.object({
  revisionId: ZRevisionIdSchema,
  /** The version of the scope the console showed; a different current version is a conflict. */
  expectedVersion: ZVersionSchema,
  reason: ZReasonSchema,
});

/** The most changes one undo takes back: one per scope (an import changes all four). */
export const MAX_UNDO_REVISIONS = ATTACHMENT_SCOPES.length;

/** Takes back the changes just made (a save, restore, reset, copy or import), all or none. */
export const ZUndoChangesInputSchema = z.object({
  instanceId: ZInstanceIdSchema,
  revisionIds: z
    .array(ZRevisionIdSchema)
    .min(1, "Choose a change to undo.")
    .max(MAX_UNDO_REVISIONS, `At most ${MAX_UNDO_REVISIONS} changes can be undone at once.`)
    .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, "Name each change once."),
});

export const ZCopyPolicyInputSchema = z
  .object({
    instanceId: ZInstanceIdSchema,
    from: ZAttachmentScopeSchema,
    to: z
      .array(ZAttachmentScopeSchema)
      .min(1, "Choose at least one scope to copy to.")
      .max(ATTACHMENT_SCOPES.length - 1, `Copy to at most ${ATTACHMENT_SCOPES.length - 1} scopes.`)
      .refine((scopes) => new Set(scopes).size === scopes.length, "Choose each scope to copy to once."),
    /** The versions the console showed, per scope (source and targets). */
    expectedVersions: ZScopeRecordSchema(ZVersionSchema),
    reason: ZReasonSchema,
  })
  .refine((input) => !input.to.includes(input.from), "A scope cannot be copied onto itself.");

/** The JSON file an instance's policies are exported to and imported from. */
export const ZPolicyExportSchema = z.object({
  format: z.literal(POLICY_EXPORT_FORMAT, {
    error: `This is not an Attache policy export (format must be "${POLICY_EXPORT_FORMAT}").`,
  }),
  instance: z
    .object({
      id: ZBoundedTextSchema({ label: "The instance id", max: 100 }),
      alias: ZBoundedTextSchema({ label: "The instance alias", max: 100 }),
    })
    .optional(),
  exportedAt: ZBoundedTextSchema({ label: "The export time", max: 64 }).optional(),
  policies: ZScopeRecordSchema(ZEffectivePolicySchema).refine((policies) => Object.keys(policies).length > 0, {
    message: "The file contains no policies.",
    // A file whose only scope is unknown does contain a policy: that scope's message says what is wrong.
    when: (payload) => payload.issues.length === 0,
  }),
});
export type TPolicyExport = z.infer<typeof ZPolicyExportSchema>;

export const ZImportPoliciesInputSchema = z.object({
  instanceId: ZInstanceIdSchema,
  file: ZPolicyExportSchema,
  expectedVersions: ZScopeRecordSchema(ZVersionSchema),
  reason: ZReasonSchema,
});

export const ZScopePolicySchema = ZEffectivePolicySchema.extend({
  scope: ZAttachmentScopeSchema,
  version: z.number().int(),
  updatedAt: z.date().nullable(),
  updatedBy: z.string().nullable(),
});
export type TScopePolicy = z.infer<typeof ZScopePolicySchema>;

/**
 * The output of a policy change: the scope's policy afterwards and the revision it wrote, or null when
 * the change changed nothing (then nothing was written and there is nothing to undo).
 */
export const ZPolicyChangeSchema = ZScopePolicySchema.extend({ revisionId: z.string().nullable() });
export type TPolicyChange = z.infer<typeof ZPolicyChangeSchema>;

/** REVERT is kept for history written before restore and undo existed. */
export const POLICY_CHANGE_KINDS = ["UPDATE", "REVERT", "COPY", "IMPORT", "RESET", "RESTORE", "UNDO"] as const;
export type TPolicyChangeKind = (typeof POLICY_CHANGE_KINDS)[number];

export const ZPolicyRevisionSchema = z.object({
  id: z.string(),
  scope: ZAttachmentScopeSchema,
  version: z.number().int(),
  kind: z.enum(POLICY_CHANGE_KINDS),
  before: ZEffectivePolicySchema,
  after: ZEffectivePolicySchema,
  reason: z.string().nullable(),
  actorLabel: z.string(),
  actorKind: z.enum(["USER", "API_KEY", "SYSTEM", "ANONYMOUS"]),
  createdAt: z.date(),
});
export type TPolicyRevision = z.infer<typeof ZPolicyRevisionSchema>;

/** Revisions in one page of a policy's history, unless the caller asks for another size. */
export const POLICY_HISTORY_PAGE_SIZE = 50;
export const POLICY_HISTORY_MAX_PAGE_SIZE = 100;
export const BAD_HISTORY_CURSOR_MESSAGE =
  "That page of the policy history is no longer valid; start from the first page.";

/** One page of an instance's policy history (one scope's, or every scope's), newest first. */
export const ZPolicyHistoryInputSchema = z.object({
  instanceId: ZInstanceIdSchema,
  scope: ZAttachmentScopeSchema.optional(),
  /** The previous page's nextCursor; absent or null for the first page. */
  cursor: z.string({ error: BAD_HISTORY_CURSOR_MESSAGE }).max(512, BAD_HISTORY_CURSOR_MESSAGE).nullish(),
  limit: z
    .number({ error: "The page size must be a number." })
    .int("The page size must be a whole number.")
    .min(1, "The page size must be at least 1.")
    .max(POLICY_HISTORY_MAX_PAGE_SIZE, `The page size must be at most ${POLICY_HISTORY_MAX_PAGE_SIZE}.`)
    .default(POLICY_HISTORY_PAGE_SIZE),
});
export type TPolicyHistoryInput = z.input<typeof ZPolicyHistoryInputSchema>;

export const ZPolicyHistoryPageSchema = z.object({
  items: z.array(ZPolicyRevisionSchema),
  /** Pass as `cursor` for the next (older) page; null when this page is the last. */
  nextCursor: z.string().nullable(),
});
export type TPolicyHistoryPage = z.infer<typeof ZPolicyHistoryPageSchema>;
