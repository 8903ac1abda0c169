/**
 * The one place that turns byte counts and dates into text, so every page says them the same way.
 * Browser-safe: no I/O, no React.
 */

/** Binary units, as Amazon Connect counts them (20 MB = 20,971,520 bytes). */
export const BYTE_UNITS = [
  { id: "bytes", label: "bytes", factor: 1 },
  { id: "KB", label: "KB", factor: 1024 },
  { id: "MB", label: "MB", factor: 1024 ** 2 },
  { id: "GB", label: "GB", factor: 1024 ** 3 },
] as const;
export type TByteUnit = (typeof BYTE_UNITS)[number]["id"];

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const withDecimals = [0, 1, 2].map(
  (digits) => new Intl.NumberFormat("en-US", { maximumFractionDigits: digits, useGrouping: true }),
);

/** What the units mean, to show once wherever a size is entered. */
export const BYTE_UNITS_NOTE = `1 KB = ${grouped.format(1024)} bytes; 1 MB = ${grouped.format(1024 ** 2)} bytes.`;

/** "5,242,880 bytes", "1 byte": the exact figure. */
export function formatExactBytes(bytes: number): string {
  return `${grouped.format(bytes)} ${bytes === 1 ? "byte" : "bytes"}`;
}

/** "20 MB", "1.5 KB", "900 bytes": rounded to at most three significant-looking digits. */
export function formatBytes(bytes: number): string {
  const units = BYTE_UNITS.slice(1).reverse();
  const index = units.findIndex(({ factor }) => Math.abs(bytes) >= factor);
  if (index === -1) return formatExactBytes(bytes);
  const larger = units[index - 1];
  const { label, factor } = units[index] ?? BYTE_UNITS[1];
  const value = bytes / factor;
  const rounded = roundForDisplay(value);
  // 1,048,575 bytes is 1023.999 KB: say "1 MB" rather than "1,024 KB".
  if (larger && Math.abs(Number(rounded.replaceAll(",", ""))) >= 1024) {
    return `${roundForDisplay(bytes / larger.factor)} ${larger.label}`;
  }
  return `${rounded} ${label}`;
}

function roundForDisplay(value: number): string {
  const digits = Number.isInteger(value) ? 0 : Math.abs(value) < 10 ? 2 : 1;
  return (withDecimals[digits] ?? grouped).format(value);
}

/**
 * Two sizes that are compared with each other ("the file is A, over the limit of B"). When their rounded
 * forms would read the same although the values differ, both are given in exact bytes, the second with
 * the rounded form they share: ["10,500,000 bytes", "10,485,760 bytes (10 MB)"].
 */
export function formatBytesPair(a: number, b: number): [string, string] {
  const rounded: [string, string] = [formatBytes(a), formatBytes(b)];
  if (a === b || rounded[0] !== rounded[1]) return rounded;
  return [formatExactBytes(a), `${formatExactBytes(b)} (${rounded[1]})`];
}

export type TDateInput = Date | string | number;
export type TDateFormatOptions = { timeZone?: string; locale?: string };

const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

const EXACT_DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "long",
};

/** What the formatters print for a date that is not one (an unreadable `exportedAt` in a file, say). */
export const UNKNOWN_DATE = "unknown date";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatDate(date: TDateInput, base: Intl.DateTimeFormatOptions, kind: string, options: TDateFormatOptions) {
  const value = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(value.getTime())) return UNKNOWN_DATE;
  const key = `${kind}|${options.locale ?? ""}|${options.timeZone ?? ""}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(options.locale, { ...base, timeZone: options.timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}

/**
 * The console's one date format: day, month, year, hours and minutes with the short time zone name, in
 * the runtime's locale and time zone unless told otherwise ("26 Nov 2026, 14:05 UTC" in en-GB).
 */
export function formatDateTime(date: TDateInput, options: TDateFormatOptions = {}): string {
  return formatDate(date, DATE_TIME_OPTIONS, "short", options);
}

/** The same moment in full, for a hover title: "Thursday, 26 November 2026 at 14:05:07 Coordinated Universal Time". */
export function formatExactDateTime(date: TDateInput, options: TDateFormatOptions = {}): string {
  return formatDate(date, EXACT_DATE_TIME_OPTIONS, "exact", options);
}
