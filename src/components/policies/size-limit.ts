import { MAX_SIZE_LIMIT_IN_BYTES } from "@/server/policies/policy-rules";
import { ZMaximumSizeLimitSchema } from "@/server/policies/policy-schemas";
import { parseWithin, type TParsedSize, type TSizeValue } from "./size";

/**
 * Like parseSize, within the limits a policy allows (1 byte to 100 MB), then checked with the server's
 * own schema. Apart from ./size, so the policy tester (on the page from its first paint) loads no zod.
 */
export function parseSizeLimit(value: TSizeValue): TParsedSize {
  const parsed = parseWithin(value, { minimum: 1, maximum: MAX_SIZE_LIMIT_IN_BYTES, subject: "The size limit" });
  if (!parsed.ok) return parsed;
  const checked = ZMaximumSizeLimitSchema.safeParse(parsed.bytes);
  return checked.success ? parsed : { ok: false, error: checked.error.issues[0]?.message ?? "Invalid size." };
}
