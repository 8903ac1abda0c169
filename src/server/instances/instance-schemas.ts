import { z } from "zod";
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
