import { startOfDay } from "@/components/files/filters";
import { routes } from "@/lib/routes";
import {
  AUDIT_AREA_KEYS,
  type TAuditArea,
  type TAuditExportFormat,
  type TAuditFilter,
  ZAuditFilterSchema,
} from "@/server/audit-log-schemas";

/**
 * The Audit page's filters as the form holds them (an empty string is "any"; dates as an
 * <input type="date"> gives them, YYYY-MM-DD in the browser's time zone), as the page's address
 * carries them, and as the list and the export take them.
 */
export type TAuditFilterForm = { actor: string; area: TAuditArea | ""; target: string; from: string; to: string };
type TField = keyof TAuditFilterForm;

export const EMPTY_AUDIT_FILTERS: TAuditFilterForm = { actor: "", area: "", target: "", from: "", to: "" };
const FIELDS = Object.keys(EMPTY_AUDIT_FILTERS) as TField[];

export type TParsedAuditFilters = { ok: true; filter: TAuditFilter } | { ok: false; field: TField; message: string };

type TSearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: TSearchParams, key: string): string {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** The form as the page's address gives it; what cannot be one of the areas is dropped. */
export function formFromSearch(params: TSearchParams): TAuditFilterForm {
  const area = first(params, "area");
  return {
    actor: first(params, "actor").slice(0, 500),
    area: (AUDIT_AREA_KEYS as string[]).includes(area) ? (area as TAuditArea) : "",
    target: first(params, "target").slice(0, 500),
    from: first(params, "from").slice(0, 10),
    to: first(params, "to").slice(0, 10),
  };
}

/** "?actor=ada&area=policy" for the page's address: only what is set ("" when nothing is). */
export function searchOf(form: TAuditFilterForm): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (form[field].trim()) params.set(field, form[field].trim());
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The form's filters for the list: `from` at the start of its day, `to` up to the end of its own. */
export function parseAuditFilters(form: TAuditFilterForm): TParsedAuditFilters {
  const from = form.from ? startOfDay(form.from) : undefined;
  if (from === null) return { ok: false, field: "from", message: "Enter the start date as a date, e.g. 2026-11-01." };
  const to = form.to ? startOfDay(form.to, 1) : undefined;
  if (to === null) return { ok: false, field: "to", message: "Enter the end date as a date, e.g. 2026-11-30." };
  if (from && to && from >= to) {
    return { ok: false, field: "to", message: "The end date must be on or after the start date." };
  }
  const filter: TAuditFilter = {
    ...(form.actor.trim() ? { actor: form.actor.trim() } : {}),
    ...(form.area ? { area: form.area } : {}),
    ...(form.target.trim() ? { target: form.target.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const checked = ZAuditFilterSchema.safeParse(filter);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = FIELDS.find((name) => name === issue?.path[0]) ?? "actor";
    return { ok: false, field, message: issue?.message ?? "Check this filter." };
  }
  return { ok: true, filter };
}

export function isFiltered(form: TAuditFilterForm): boolean {
  return FIELDS.some((field) => form[field] !== "");
}

/** The export of what the list shows: the same filters, times as exact instants (the browser's days). */
export function exportHref(filter: TAuditFilter, format: TAuditExportFormat): string {
  const params = new URLSearchParams({ format });
  if (filter.actor) params.set("actor", filter.actor);
  if (filter.area) params.set("area", filter.area);
  if (filter.target) params.set("target", filter.target);
  if (filter.from) params.set("from", filter.from.toISOString());
  if (filter.to) params.set("to", filter.to.toISOString());
  return `${routes.audit}/export?${params}`;
}
