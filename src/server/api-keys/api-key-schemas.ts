import { z } from "zod";
import { ZBoundedTextSchema } from "@/server/text-schemas";

export const ZApiKeyNameSchema = ZBoundedTextSchema({
  label: "A name",
  max: 100,
  min: 1,
  tooShort: "Give the key a name, such as the script that will use it.",
});

/** The furthest a key's expiry may be set from now. */
export const MAX_KEY_LIFETIME_DAYS = 2 * 365;
const DAY_MS = 24 * 60 * 60_000;

/** Why `expiresAt` cannot be a new key's expiry at `now`, or null when it can. */
export function expiryProblem(expiresAt: Date, now: Date = new Date()): string | null {
  if (Number.isNaN(expiresAt.getTime())) return "Choose a valid expiry date.";
  if (expiresAt.getTime() <= now.getTime()) return "The expiry must be in the future.";
  if (expiresAt.getTime() > now.getTime() + MAX_KEY_LIFETIME_DAYS * DAY_MS) {
    return "A key can expire at most 2 years from now.";
  }
  return null;
}

const ZScopeFields = {
  allInstances: z.boolean(),
  instanceIds: z.array(z.uuid()).max(500),
};
const hasScope = (input: { allInstances: boolean; instanceIds: string[] }) =>
  input.allInstances || input.instanceIds.length > 0;
const SCOPE_NEEDED = { message: "Choose at least one instance, or all instances.", path: ["instanceIds"] };

export const ZCreateApiKeySchema = z
  .object({
    name: ZApiKeyNameSchema,
    ...ZScopeFields,
    /** Null or absent: the key does not expire. */
    expiresAt: z
      .date({ error: "Choose a valid expiry date." })
      .nullable()
      .optional()
      .superRefine((expiresAt, context) => {
        const problem = expiresAt ? expiryProblem(expiresAt) : null;
        if (problem) context.addIssue({ code: "custom", message: problem });
      }),
  })
  .refine(hasScope, SCOPE_NEEDED);
export type TCreateApiKey = z.infer<typeof ZCreateApiKeySchema>;

export const ZRevokeApiKeySchema = z.object({ id: z.uuid() });

/** Undoing the revocation of the bootstrap key (the key from the configuration); other keys stay revoked. */
export const ZReinstateApiKeySchema = ZRevokeApiKeySchema;

/** How long the secret from before a rotation keeps working; 24 hours unless chosen otherwise. */
export const GRACE_PERIODS = [
  { hours: 0, label: "None: the old secret stops working at once" },
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "24 hours" },
  { hours: 168, label: "7 days" },
] as const;
export const DEFAULT_GRACE_HOURS = 24;
export type TGraceHours = (typeof GRACE_PERIODS)[number]["hours"];

export const ZRotateApiKeySchema = z.object({
  id: z.uuid(),
  graceHours: z.literal(GRACE_PERIODS.map((period) => period.hours) as TGraceHours[], {
    error: "Choose a grace period: none, 1 hour, 24 hours or 7 days.",
  }),
});
export type TRotateApiKey = z.infer<typeof ZRotateApiKeySchema>;

/** Which instances a key reaches, widened or narrowed. */
export const ZUpdateApiKeyInstancesSchema = z.object({ id: z.uuid(), ...ZScopeFields }).refine(hasScope, SCOPE_NEEDED);
export type TUpdateApiKeyInstances = z.infer<typeof ZUpdateApiKeyInstancesSchema>;

/** Access key ids a bootstrap key may use: what the AWS SDKs accept, without surprises in logs. */
export const ZAccessKeyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9]{16,128}$/, "An access key id is 16–128 letters and digits.");
export const ZSecretAccessKeySchema = z.string().min(16, "A secret access key has at least 16 characters.").max(256);

export const ZApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  accessKeyId: z.string(),
  allInstances: z.boolean(),
  isBootstrap: z.boolean(),
  instances: z.array(z.object({ id: z.string(), alias: z.string() })),
  createdAt: z.date(),
  createdByLabel: z.string(),
  lastUsedAt: z.date().nullable(),
  /** The client address of the last use (the connection's, not a forwarded header). */
  lastUsedAddress: z.string().nullable(),
  expiresAt: z.date().nullable(),
  rotatedAt: z.date().nullable(),
  /** Until when the secret from before the last rotation also works (null: it stopped at the rotation). */
  previousSecretExpiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  revokedByLabel: z.string().nullable(),
});
export type TApiKey = z.infer<typeof ZApiKeySchema>;

/** A new secret, shown this once: for a new key, or a rotated one. */
export const ZCreatedApiKeySchema = z.object({ key: ZApiKeySchema, secretAccessKey: z.string() });

/** The bootstrap key's two halves, checked before anything is written; EnvError-style messages. */
export function parseBootstrapKey(key: { accessKeyId: string; secretAccessKey: string }) {
  const result = z.object({ accessKeyId: ZAccessKeyIdSchema, secretAccessKey: ZSecretAccessKeySchema }).safeParse(key);
  if (!result.success) {
    throw new Error(
      `ATTACHE_BOOTSTRAP_ACCESS_KEY_ID / ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY: ${result.error.issues.map((issue) => issue.message).join(" ")}`,
    );
  }
  return result.data;
}
