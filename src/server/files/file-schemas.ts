import { z } from "zod";
import { ZPolicySchema } from "@/server/policies/policy-schemas";
import { ZBoundedTextSchema } from "@/server/text-schemas";

/**
 * The attached-file and chat-attachment members (spec §7A, §7B) as zod schemas, shared by the AWS
 * operations and the console. Browser-safe.
 */

export const FILE_USE_CASE_TYPES = [
  "CONTACT_ANALYSIS",
  "EMAIL_MESSAGE",
  "EMAIL_MESSAGE_PLAIN_TEXT",
  "EMAIL_MESSAGE_REDACTED",
  "EMAIL_MESSAGE_PLAIN_TEXT_REDACTED",
  "ATTACHMENT",
  "VOICE_RECORDING",
] as const;
export const FILE_STATUSES = ["PROCESSING", "APPROVED", "REJECTED", "FAILED"] as const;
export type TFileStatus = (typeof FILE_STATUSES)[number];

export const ZFileUseCaseTypeSchema = z.enum(FILE_USE_CASE_TYPES, {
  error: `FileUseCaseType must be one of ${FILE_USE_CASE_TYPES.join(", ")}.`,
});

/** A file id as Attache issues them; anything else cannot name a file. */
export const ZFileIdSchema = z
  .string()
  .min(1, "FileId must not be empty.")
  .max(256, "FileId must be at most 256 characters.");

/** The model leaves AssociatedResourceArn unconstrained; Attache bounds it and refuses control characters. */
export const ZResourceArnSchema = ZBoundedTextSchema({ label: "AssociatedResourceArn", max: 1024, trim: false });

export const ZUrlExpirySchema = z
  .number({ error: "UrlExpiryInSeconds must be a number." })
  .int("UrlExpiryInSeconds must be a whole number.")
  .min(5, "UrlExpiryInSeconds must be at least 5.")
  .max(300, "UrlExpiryInSeconds must be at most 300.");

/** Connect's ClientToken: 0..500 characters (an empty token is not deduplicated). */
export const ZClientTokenSchema = z.string().max(500, "ClientToken must be at most 500 characters.");
/** Participant's NonEmptyClientToken: 1..500. */
export const ZNonEmptyClientTokenSchema = z
  .string()
  .min(1, "ClientToken must not be empty.")
  .max(500, "ClientToken must be at most 500 characters.");

/** A file's declared size: a whole number of bytes, at least 1 (the model's long). */
export const ZFileSizeSchema = (member: string) =>
  z
    .number({ error: `${member} must be a number.` })
    .int(`${member} must be a whole number.`)
    .min(1, `${member} must be at least 1.`)
    .max(Number.MAX_SAFE_INTEGER, `${member} is too large.`);

/** A file name as sent; judgeFile decides whether it is acceptable (so refusals carry their Reason). */
export const ZFileNameSchema = (member: string) =>
  z.string({ error: `${member} must be text.` }).max(100_000, `${member} must be at most 256 characters.`);

/** A MIME type as a participant declares it: `type/subtype`, bounded, printable ASCII. */
export const ZContentTypeSchema = z
  .string({ error: "ContentType must be text." })
  .min(1, "ContentType must not be empty.")
  .max(255, "ContentType must be at most 255 characters.")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/,
    "ContentType must be a MIME type such as application/pdf.",
  );

/** CreatedByInfo: a union, exactly one member; AWSIdentityArn is computed by the service, never sent. */
export const ZCreatedBySchema = z
  .strictObject(
    {
      ConnectUserArn: ZBoundedTextSchema({ label: "CreatedBy.ConnectUserArn", max: 1024, trim: false }).optional(),
      AWSIdentityArn: z.unknown().optional(),
    },
    { error: "CreatedBy must have exactly one member: ConnectUserArn." },
  )
  .superRefine((value, context) => {
    if (value.AWSIdentityArn !== undefined) {
      context.addIssue({ code: "custom", message: "AWSIdentityArn is set by the service; send ConnectUserArn." });
    } else if (value.ConnectUserArn === undefined) {
      context.addIssue({ code: "custom", message: "CreatedBy must have exactly one member: ConnectUserArn." });
    }
  });

// The console's Files area.

export const ZFileStatusSchema = z.enum(FILE_STATUSES, { error: "Choose a status." });
export const ZAttachmentScopeFilterSchema = z.enum(["EMAIL", "CHAT", "CASE", "TASK"], { error: "Choose a scope." });

/** `from` is inclusive and `to` exclusive, so one day is [midnight, next midnight). */
export const ZFileListFilterSchema = z
  .object({
    status: ZFileStatusSchema.optional(),
    scope: ZAttachmentScopeFilterSchema.optional(),
    from: z.date({ error: "The start date must be a date." }).optional(),
    to: z.date({ error: "The end date must be a date." }).optional(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from < filter.to, {
    message: "The end date must be on or after the start date.",
    path: ["to"],
  });
export type TFileListFilter = z.infer<typeof ZFileListFilterSchema>;

const ZConsoleInstanceIdSchema = z.uuid("That is not an instance id.");

export const ZListFilesInputSchema = z.object({
  instanceId: ZConsoleInstanceIdSchema,
  filter: ZFileListFilterSchema.default({}),
  cursor: z
    .string({ error: "That page of files is no longer valid; start from the first page." })
    .max(512, "That page of files is no longer valid; start from the first page.")
    .optional(),
});

export const ZFileRowSchema = z.object({
  id: z.string(),
  origin: z.enum(["ATTACHED_FILE", "CHAT"]),
  scope: ZAttachmentScopeFilterSchema.nullable(),
  associatedResourceArn: z.string(),
  fileName: z.string(),
  sizeInBytes: z.number(),
  status: ZFileStatusSchema,
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  useCaseType: z.string(),
  createdBy: z.string(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  downloadable: z.boolean(),
});
export type TFileRow = z.infer<typeof ZFileRowSchema>;

export const ZFileListSchema = z.object({
  instance: z.object({ id: z.string(), alias: z.string(), arn: z.string() }),
  files: z.array(ZFileRowSchema),
  nextCursor: z.string().nullable(),
});

export const ZFileSummaryRowSchema = z.object({
  scope: ZAttachmentScopeFilterSchema.nullable(),
  reasonCode: z.string(),
  last7Days: z.number(),
  last30Days: z.number(),
});
export type TFileSummaryRow = z.infer<typeof ZFileSummaryRowSchema>;

export const ZFileInstanceSchema = z.object({ instanceId: ZConsoleInstanceIdSchema });

export const ZFileRefSchema = z.object({
  instanceId: ZConsoleInstanceIdSchema,
  fileId: z.uuid("That is not a file id."),
});

export const ZPolicyImpactSchema = z.object({
  scope: ZAttachmentScopeFilterSchema,
  judged: z.number(),
  sampled: z.boolean(),
  refused: z.number(),
  newlyRefused: z.number(),
  byReason: z.record(z.string(), z.number()),
  examples: z.array(z.object({ fileName: z.string(), sizeInBytes: z.number(), message: z.string() })),
});
export type TPolicyImpact = z.infer<typeof ZPolicyImpactSchema>;

export const ZFileDownloadSchema = z.object({ url: z.string(), expiresAt: z.date() });

/** A policy as the editor would save it, judged against the scope's uploads of the last 30 days. */
export const ZPolicyImpactInputSchema = z.object({
  instanceId: ZConsoleInstanceIdSchema,
  scope: ZAttachmentScopeFilterSchema,
  policy: ZPolicySchema,
});
