import { z } from "zod";
import { ZBoundedTextSchema } from "@/server/text-schemas";

export const ZApiKeyNameSchema = ZBoundedTextSchema({
  label: "A name",
  max: 100,
  min: 1,
  tooShort: "Give the key a name, such as the script that will use it.",
});

export const ZCreateApiKeySchema = z
  .object({
    name: ZApiKeyNameSchema,
    allInstances: z.boolean(),
    instanceIds: z.array(z.uuid()).max(500),
  })
  .refine((input) => input.allInstances || input.instanceIds.length > 0, {
    message: "Choose at least one instance, or all instances.",
    path: ["instanceIds"],
  });
export type TCreateApiKey = z.infer<typeof ZCreateApiKeySchema>;

export const ZRevokeApiKeySchema = z.object({ id: z.uuid() });

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
  revokedAt: z.date().nullable(),
  revokedByLabel: z.string().nullable(),
});
export type TApiKey = z.infer<typeof ZApiKeySchema>;

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
