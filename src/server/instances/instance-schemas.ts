import { z } from "zod";
import { POLICY_CHANGE_KINDS, ZAttachmentScopeSchema } from "@/server/policies/policy-schemas";
import { ZBoundedTextSchema } from "@/server/text-schemas";

/** Amazon Connect's InstanceAlias: 1–45 letters, digits and inner hyphens, not starting with "d-". */
export const ZInstanceAliasSchema = z
  .string()
  .trim()
  .min(1, "Enter an alias.")
  .max(45, "An alias has at most 45 characters.")
  .regex(/^[\da-zA-Z-]*$/, "Use only letters, digits and hyphens.")
  .regex(/^[\da-zA-Z]/, "Start with a letter or digit.")
  .regex(/[\da-zA-Z]$/, "End with a letter or digit.")
  .refine((alias) => !alias.startsWith("d-"), 'An alias cannot start with "d-".');

export const ZCreateInstanceSchema = z.object({ alias: ZInstanceAliasSchema });
export type TCreateInstance = z.infer<typeof ZCreateInstanceSchema>;

export const ZRenameInstanceSchema = z.object({ id: z.uuid(), alias: ZInstanceAliasSchema });
export type TRenameInstance = z.infer<typeof ZRenameInstanceSchema>;

export const ZInstanceSchema = z.object({
  id: z.string(),
  alias: z.string(),
  arn: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TInstance = z.infer<typeof ZInstanceSchema>;

/** Amazon Connect's InstanceId member: 1–100 characters (code points); an instance id or its ARN. */
export const ZInstanceReferenceSchema = ZBoundedTextSchema({ label: "The instance id", max: 100, min: 1, trim: false });

export const ZDeleteInstanceSchema = z.object({
  id: z.uuid("That is not an instance id."),
  /** The alias, typed by the person deleting, to show they mean this instance. */
  confirmAlias: ZBoundedTextSchema({ label: "The alias", max: 100 }),
});
export type TDeleteInstance = z.infer<typeof ZDeleteInstanceSchema>;

export const ZDeletedInstanceSchema = z.object({
  id: z.string(),
  alias: z.string(),
  /** The keys that reached only this instance, revoked with it. */
  revokedApiKeys: z.array(z.object({ id: z.string(), name: z.string(), accessKeyId: z.string() })),
});
export type TDeletedInstance = z.infer<typeof ZDeletedInstanceSchema>;

const ZChangeSummarySchema = z.object({
  scope: ZAttachmentScopeSchema,
  version: z.number().int(),
  kind: z.enum(POLICY_CHANGE_KINDS),
  actorLabel: z.string(),
  actorKind: z.enum(["USER", "API_KEY", "SYSTEM", "ANONYMOUS"]),
  createdAt: z.date(),
});

/** The most instances the dashboard shows (oldest first), and the most recent changes it lists. */
export const OVERVIEW_MAX_INSTANCES = 50;
export const OVERVIEW_RECENT_CHANGES = 8;

export const ZInstancesOverviewSchema = z.object({
  instances: z.array(
    z.object({
      id: z.string(),
      alias: z.string(),
      arn: z.string(),
      createdAt: z.date(),
      /** The scopes whose policy differs from Amazon Connect's default, in scope order. */
      customizedScopes: z.array(
        z.object({
          scope: ZAttachmentScopeSchema,
          maximumSizeLimitInBytes: z.number().int(),
          allowedExtensionCount: z.number().int(),
        }),
      ),
      lastChange: ZChangeSummarySchema.nullable(),
    }),
  ),
  totalInstances: z.number().int(),
  /** The team's latest policy changes, newest first. */
  recentChanges: z.array(
    ZChangeSummarySchema.extend({ id: z.string(), instanceId: z.string(), instanceAlias: z.string() }),
  ),
});
export type TInstancesOverview = z.infer<typeof ZInstancesOverviewSchema>;
