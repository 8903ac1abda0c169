import type { TApiKey } from "@/server/api-keys/api-key-schemas";

/**
 * What the API keys page says about a key's state and times. Pure, so it is tested beside here;
 * the page passes the time it renders at.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "less than a minute", "5 minutes", "3 hours", "12 days": minutes rounded down, hours (up to two
 * days) and days to the nearest, so a key made to expire in 30 days reads "in 30 days".
 */
export function formatDuration(ms: number): string {
  const unit = (count: number, name: string) => `${count} ${name}${count === 1 ? "" : "s"}`;
  if (ms < MINUTE) return "less than a minute";
  if (ms < HOUR) return unit(Math.floor(ms / MINUTE), "minute");
  if (ms < 2 * DAY) return unit(Math.max(1, Math.round(ms / HOUR)), "hour");
  return unit(Math.round(ms / DAY), "day");
}

/** "in 3 hours": how long until a moment. */
export const formatTimeLeft = (ms: number) => `in ${formatDuration(ms)}`;

export type TKeyState = "active" | "expired" | "revoked";

export function keyState(key: Pick<TApiKey, "revokedAt" | "expiresAt">, now: Date): TKeyState {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** Until when the secret from before the last rotation still works, or null when it no longer does. */
export function graceUntil(key: Pick<TApiKey, "previousSecretExpiresAt" | "revokedAt">, now: Date): Date | null {
  const until = key.previousSecretExpiresAt;
  return !key.revokedAt && until && until.getTime() > now.getTime() ? until : null;
}

export const EXPIRY_CHOICES = [
  { id: "never", label: "Never", days: null },
  { id: "30", label: "In 30 days", days: 30 },
  { id: "90", label: "In 90 days", days: 90 },
  { id: "365", label: "In 1 year", days: 365 },
  { id: "date", label: "On a date…", days: null },
] as const;
export type TExpiryChoice = (typeof EXPIRY_CHOICES)[number]["id"];

/** "yyyy-mm-dd" of a moment in the browser's time zone, for a date input's min and max. */
export function dateInputValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The expiry a choice means at `now`: none, a number of days from now, or the end of the chosen day
 * in the browser's time zone (the key works through that day). An unreadable date gives an invalid
 * Date, which the schema names.
 */
export function expiryFromChoice(choice: TExpiryChoice, date: string, now: Date): Date | null {
  if (choice === "never") return null;
  if (choice === "date") {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match) return new Date(Number.NaN);
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    return new Date(year, month - 1, day, 23, 59, 59, 999);
  }
  const days = EXPIRY_CHOICES.find((option) => option.id === choice)?.days ?? 0;
  return new Date(now.getTime() + days * DAY);
}
