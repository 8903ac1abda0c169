import type { TFileListFilter, TFileStatus } from "@/server/files/file-schemas";
import type { TAttachmentScope } from "@/server/policies/policy-rules";

/**
 * The Files filters as the form holds them (an empty string is "any"; dates as an <input type="date">
 * gives them, YYYY-MM-DD in the browser's time zone) and as the list procedure takes them.
 */
export type TFilterForm = { status: TFileStatus | ""; scope: TAttachmentScope | ""; from: string; to: string };

export const EMPTY_FILTERS: TFilterForm = { status: "", scope: "", from: "", to: "" };

export type TParsedFilters =
  | { ok: true; filter: TFileListFilter }
  | { ok: false; field: "from" | "to"; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight at the start of `value`'s day (plus `days`), or null when it is not a real date. */
export function startOfDay(value: string, days = 0): Date | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // new Date(2026, 1, 31) is 3 March: a date that does not exist is not quietly moved.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return days ? new Date(year, month - 1, day + days) : date;
}

/** The form's filters for the list: `from` at the start of its day, `to` up to the end of its own. */
export function parseFilters(form: TFilterForm): TParsedFilters {
  const from = form.from ? startOfDay(form.from) : undefined;
  if (from === null) return { ok: false, field: "from", message: "Enter the start date as a date, e.g. 2026-11-01." };
  const to = form.to ? startOfDay(form.to, 1) : undefined;
  if (to === null) return { ok: false, field: "to", message: "Enter the end date as a date, e.g. 2026-11-30." };
  if (from && to && from >= to) {
    return { ok: false, field: "to", message: "The end date must be on or after the start date." };
  }
  return {
    ok: true,
    filter: {
      ...(form.status ? { status: form.status } : {}),
      ...(form.scope ? { scope: form.scope } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    },
  };
}

export function isFiltered(form: TFilterForm): boolean {
  return Boolean(form.status || form.scope || form.from || form.to);
}
