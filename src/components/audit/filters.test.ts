import { describe, expect, it } from "vitest";
import {
  EMPTY_AUDIT_FILTERS,
  exportHref,
  formFromSearch,
  isFiltered,
  parseAuditFilters,
  searchOf,
  type TAuditFilterForm,
} from "./filters";

const form = (values: Partial<TAuditFilterForm>): TAuditFilterForm => ({ ...EMPTY_AUDIT_FILTERS, ...values });

describe("the Audit page's filters", () => {
  it("round-trip through the page's address", () => {
    const values = form({ actor: "ada", area: "policy", target: "inst-1", from: "2026-11-01", to: "2026-11-30" });
    const search = searchOf(values);
    expect(search).toBe("?actor=ada&area=policy&target=inst-1&from=2026-11-01&to=2026-11-30");
    expect(formFromSearch(new URLSearchParams(search))).toEqual(values);
    expect(searchOf(EMPTY_AUDIT_FILTERS)).toBe("");
  });

  it("read a Next.js searchParams object, dropping an unknown area and taking the first of repeated values", () => {
    expect(formFromSearch({ area: "billing", actor: ["ada", "grace"], utm: "x" })).toEqual(form({ actor: "ada" }));
  });

  it("turn days into the browser's local midnights, `to` through the end of its day", () => {
    const parsed = parseAuditFilters(form({ actor: " ada ", from: "2026-11-01", to: "2026-11-30" }));
    expect(parsed).toEqual({
      ok: true,
      filter: { actor: "ada", from: new Date(2026, 10, 1), to: new Date(2026, 11, 1) },
    });
    expect(parseAuditFilters(EMPTY_AUDIT_FILTERS)).toEqual({ ok: true, filter: {} });
  });

  it("explain a backwards range, a date that does not exist and an over-long filter", () => {
    expect(parseAuditFilters(form({ from: "2026-11-02", to: "2026-11-01" }))).toEqual({
      ok: false,
      field: "to",
      message: "The end date must be on or after the start date.",
    });
    expect(parseAuditFilters(form({ from: "2026-02-30" }))).toMatchObject({ ok: false, field: "from" });
    expect(parseAuditFilters(form({ actor: "a".repeat(201) }))).toEqual({
      ok: false,
      field: "actor",
      message: "The actor filter has at most 200 characters.",
    });
  });

  it("say whether anything is filtered", () => {
    expect(isFiltered(EMPTY_AUDIT_FILTERS)).toBe(false);
    expect(isFiltered(form({ area: "file" }))).toBe(true);
  });

  it("carry the list's filters into the export links", () => {
    const from = new Date(Date.UTC(2026, 10, 1));
    expect(exportHref({ actor: "ada & co", area: "media", from }, "csv")).toBe(
      "/audit/export?format=csv&actor=ada+%26+co&area=media&from=2026-11-01T00%3A00%3A00.000Z",
    );
    expect(exportHref({}, "json")).toBe("/audit/export?format=json");
  });
});
