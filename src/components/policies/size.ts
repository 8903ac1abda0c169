import { ZMaximumSizeLimitSchema } from "@/server/policies/policy-schemas";

/** Binary units, as Amazon Connect counts them (20 MB = 20,971,520 bytes). */
export const SIZE_UNITS = [
  { id: "bytes", label: "bytes", factor: 1 },
  { id: "KB", label: "KB", factor: 1024 },
  { id: "MB", label: "MB", factor: 1024 * 1024 },
] as const;
export type TSizeUnit = (typeof SIZE_UNITS)[number]["id"];

export type TSizeValue = { text: string; unit: TSizeUnit };

const factorOf = (unit: TSizeUnit) => SIZE_UNITS.find((candidate) => candidate.id === unit)?.factor ?? 1;

/** The largest unit that shows `bytes` as a whole number, so editing starts from what was saved exactly. */
export function sizeValueOf(bytes: number): TSizeValue {
  for (const { id, factor } of [...SIZE_UNITS].reverse()) {
    if (bytes >= factor && bytes % factor === 0) return { text: String(bytes / factor), unit: id };
  }
  return { text: String(bytes), unit: "bytes" };
}

export type TParsedSize = { ok: true; bytes: number } | { ok: false; error: string };

/** `text` in `unit` as whole bytes; fractions are fine while they land on a whole byte (1.5 KB = 1536). */
export function parseSize({ text, unit }: TSizeValue): TParsedSize {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: "Enter a size." };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: "Enter the size as a number, such as 5 or 2.5." };
  if (value < 0) return { ok: false, error: "A size cannot be negative." };
  const exact = value * factorOf(unit);
  const bytes = Math.round(exact);
  if (Math.abs(exact - bytes) > 1e-6) {
    return { ok: false, error: `${trimmed} ${unit} is not a whole number of bytes; use a smaller unit.` };
  }
  return { ok: true, bytes };
}

/** Like parseSize, within the limits a policy allows (1 byte to 100 MB). */
export function parseSizeLimit(value: TSizeValue): TParsedSize {
  const parsed = parseSize(value);
  if (!parsed.ok) return parsed;
  const checked = ZMaximumSizeLimitSchema.safeParse(parsed.bytes);
  return checked.success ? parsed : { ok: false, error: checked.error.issues[0]?.message ?? "Invalid size." };
}

/** "5,242,880 bytes": the exact figure next to the rounded one. */
export function formatExactBytes(bytes: number): string {
  return `${bytes.toLocaleString("en-US")} ${bytes === 1 ? "byte" : "bytes"}`;
}
