import { reasonLabel } from "@/components/files/labels";
import type { TPolicyImpact } from "@/server/files/file-schemas";

/** The impact preview in words: what the editor's review step says about a proposed policy. */

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const uploads = (n: number) => `${count.format(n)} ${n === 1 ? "upload" : "uploads"}`;

/**
 * "Of 42 uploads to Chat in the last 30 days, this policy would refuse 7 (5 that are accepted today)."
 * When the judged uploads were capped, says they are the newest ones.
 */
export function impactSentence(impact: TPolicyImpact, scopeLabel: string): string {
  const { judged, refused, newlyRefused, sampled } = impact;
  if (judged === 0) {
    return `There were no uploads to ${scopeLabel} in the last 30 days, so there is nothing to compare this policy with.`;
  }
  const of = sampled
    ? `Of the newest ${uploads(judged)} to ${scopeLabel} in the last 30 days`
    : `Of ${uploads(judged)} to ${scopeLabel} in the last 30 days`;
  if (refused === 0) return `${of}, this policy would refuse none.`;
  const which =
    newlyRefused === 0
      ? refused === 1
        ? ", which the current policy refuses too"
        : ", all of which the current policy refuses too"
      : ` (${count.format(newlyRefused)} that ${newlyRefused === 1 ? "is" : "are"} accepted today)`;
  return `${of}, this policy would refuse ${count.format(refused)}${which}.`;
}

/** Whether the change would turn away files that get through today. */
export const refusesMore = (impact: TPolicyImpact) => impact.newlyRefused > 0;

/** The refusals by reason, most first: [{ code, label, count }]. */
export function impactReasons(impact: TPolicyImpact) {
  return Object.entries(impact.byReason)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([code, n]) => ({ code, label: reasonLabel(code), count: n }));
}
