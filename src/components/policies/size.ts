import { BYTE_UNITS, formatBytes, formatExactBytes, type TByteUnit } from "@/lib/format";

/** Binary units, as Amazon Connect counts them (20 MB = 20,971,520 bytes). */
export const SIZE_UNITS = BYTE_UNITS;
export type TSizeUnit = TByteUnit;

/** What the size field holds: the text as typed and the unit chosen next to it. */
export type TSizeValue = { text: string; unit: TSizeUnit };

/** The largest size the console deals in (a file in the policy tester): 100 GB. */
export const MAX_SIZE_IN_BYTES = 100 * 1024 ** 3;

export const SIZE_FORMAT_HINT = "Enter a number such as 5 or 2.5, optionally with a unit: 5 MB, 300 KB, 1024 bytes.";

/**
 * A usable size: its bytes, and `value` as the text was meant — the number without a typed unit, and
 * the unit that applied (a unit typed in the text wins over the select), so the field can sync on blur.
 */
export type TParsedSize = { ok: true; bytes: number; value: TSizeValue } | { ok: false; error: string };

const UNIT_WORDS: Record<string, TSizeUnit> = {
  b: "bytes",
  byte: "bytes",
  bytes: "bytes",
  kb: "KB",
  kib: "KB",
  kilobyte: "KB",
  kilobytes: "KB",
  kibibyte: "KB",
  kibibytes: "KB",
  mb: "MB",
  mib: "MB",
  megabyte: "MB",
  megabytes: "MB",
  mebibyte: "MB",
  mebibytes: "MB",
  gb: "GB",
  gib: "GB",
  gigabyte: "GB",
  gigabytes: "GB",
  gibibyte: "GB",
  gibibytes: "GB",
};

/** An optional minus (only to say that negatives are refused), digits grouped by commas in threes or not, a fraction, a unit word. */
const SIZE_PATTERN = /^([-\u2212])?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)\s*([a-z]+)?$/i;
const UNIT_WORD_PATTERN = new RegExp(
  `(?<![a-z])(?:${Object.keys(UNIT_WORDS)
    .sort((a, b) => b.length - a.length)
    .join("|")})(?![a-z])`,
  "gi",
);

const factorOf = (unit: TSizeUnit): bigint =>
  BigInt(SIZE_UNITS.find((candidate) => candidate.id === unit)?.factor ?? 1);
const labelOf = (unit: TSizeUnit): string => SIZE_UNITS.find((candidate) => candidate.id === unit)?.label ?? unit;

/** A number read exactly: `scaled / 10^decimals` of `unit`. */
type TReadNumber = { negative: boolean; number: string; scaled: bigint; decimals: number; unit: TSizeUnit };

function readSizeText({ text, unit }: TSizeValue): TReadNumber | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: "Enter a size." };
  const match = SIZE_PATTERN.exec(trimmed);
  if (!match) {
    const unitWords = trimmed.match(UNIT_WORD_PATTERN) ?? [];
    return { error: unitWords.length > 1 ? "Use one unit, such as 5 MB or 300 KB." : SIZE_FORMAT_HINT };
  }
  const [, minus, number = "", word] = match;
  let typedUnit: TSizeUnit | undefined;
  if (word) {
    typedUnit = UNIT_WORDS[word.toLowerCase()];
    if (!typedUnit) return { error: `“${word}” is not a unit here: use bytes, KB, MB or GB.` };
  }
  const [whole = "", fraction = ""] = number.replaceAll(",", "").split(".");
  return {
    negative: Boolean(minus),
    number,
    scaled: BigInt(`${whole}${fraction}` || "0"),
    decimals: fraction.length,
    unit: typedUnit ?? unit,
  };
}

/** `numerator / denominator` written out exactly; the denominator divides a power of ten here. */
function exactDecimal(numerator: bigint, denominator: bigint): string {
  const whole = numerator / denominator;
  let remainder = numerator % denominator;
  let digits = "";
  while (remainder !== 0n) {
    remainder *= 10n;
    digits += String(remainder / denominator);
    remainder %= denominator;
  }
  return digits ? `${whole}.${digits}` : String(whole);
}

type TBounds = { minimum: number; maximum: number; subject: string };

/** A size between `minimum` and `maximum` bytes; `subject` names it in the errors ("The size limit"). */
export function parseWithin(value: TSizeValue, { minimum, maximum, subject }: TBounds): TParsedSize {
  const read = readSizeText(value);
  if ("error" in read) return { ok: false, error: read.error };
  if (read.negative) return { ok: false, error: `${subject} cannot be negative.` };
  const scale = 10n ** BigInt(read.decimals);
  // bytes × 10^decimals, exactly: no float ever sees the typed number.
  const scaledBytes = read.scaled * factorOf(read.unit);
  if (scaledBytes > BigInt(maximum) * scale) {
    return { ok: false, error: `${subject} must be at most ${formatBytes(maximum)} (${formatExactBytes(maximum)}).` };
  }
  if (scaledBytes < BigInt(minimum) * scale) {
    return { ok: false, error: `${subject} must be at least ${formatExactBytes(minimum)}.` };
  }
  const shown = `${read.number} ${labelOf(read.unit)}`;
  if (scaledBytes % scale !== 0n) {
    if (read.unit === "bytes") return { ok: false, error: `${shown} is not a whole number of bytes.` };
    const [whole = "", fraction] = exactDecimal(scaledBytes, scale).split(".");
    const exact = `${whole.replace(/\B(?=(\d{3})+$)/g, ",")}.${fraction}`;
    return {
      ok: false,
      error: `${shown} is ${exact} bytes, not a whole number of bytes; use a smaller unit, such as bytes.`,
    };
  }
  return { ok: true, bytes: Number(scaledBytes / scale), value: { text: read.number, unit: read.unit } };
}

/**
 * What the size field means, in whole bytes: a plain number in the selected unit ("2.5") or a number
 * with its own unit in any case ("5 MB", "5mb", "512 bytes", "5 MiB"), digits grouped by commas or not.
 * Exponents, hex, signs, Infinity and NaN are refused. Between `minimum` (0) and `maximum` (100 GB).
 */
export function parseSize(
  value: TSizeValue,
  { minimum = 0, maximum = MAX_SIZE_IN_BYTES }: { minimum?: number; maximum?: number } = {},
): TParsedSize {
  return parseWithin(value, { minimum, maximum, subject: "The size" });
}

/** The largest unit that shows `bytes` as a whole number, so editing starts from what was saved exactly. */
export function sizeValueOf(bytes: number): TSizeValue {
  for (const { id, factor } of [...SIZE_UNITS].reverse()) {
    if (bytes >= factor && bytes % factor === 0) return { text: String(bytes / factor), unit: id };
  }
  return { text: String(bytes), unit: "bytes" };
}

/**
 * The same size in `unit`, for when the unit select changes: 5 MB becomes 5120 KB, exactly (binary
 * factors always give a finite decimal). Text that is not a size is kept as it is.
 */
export function convertSizeValue(value: TSizeValue, unit: TSizeUnit): TSizeValue {
  const read = readSizeText(value);
  if ("error" in read || read.negative) return { text: value.text, unit };
  if (read.unit === unit && read.unit === value.unit && read.number === value.text.trim()) return { ...value, unit };
  const numerator = read.scaled * factorOf(read.unit);
  const denominator = 10n ** BigInt(read.decimals) * factorOf(unit);
  return { text: exactDecimal(numerator, denominator), unit };
}
