import { diffPolicies, mergeExtensions } from "@/server/policies/policy-rules";
import type { TPolicy } from "@/server/policies/policy-schemas";

/**
 * Replays the change from `base` to `mine` on top of `theirs` (someone else's save): my added and
 * removed extensions, and my size only when I changed it. Everything else of theirs stays.
 */
export function rebasePolicy(base: TPolicy, mine: TPolicy, theirs: TPolicy): TPolicy {
  const change = diffPolicies(base, mine);
  const removed = new Set(change.removed.map((extension) => extension.toLowerCase()));
  const kept = theirs.allowedExtensions.filter((extension) => !removed.has(extension.toLowerCase()));
  return {
    maximumSizeLimitInBytes: change.size ? mine.maximumSizeLimitInBytes : theirs.maximumSizeLimitInBytes,
    allowedExtensions: mergeExtensions(kept, change.added),
  };
}
