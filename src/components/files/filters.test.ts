import { describe, expect, it } from "vitest";
import { EMPTY_FILTERS, isFiltered, parseFilters, startOfDay } from "./filters";

describe("startOfDay", () => {
  it("is local midnight of the day, or of a day after it", () => {
    expect(startOfDay("2026-11-27")).toEqual(new Date(2026, 10, 27));
    expect(startOfDay("2026-11-30", 1)).toEqual(new Date(2026, 11, 1));
    expect(startOfDay("2026-12-31", 1)).toEqual(new Date(2027, 0, 1));
  });

  it("refuses what is not a real date", () => {
    for (const value of ["", "2026-02-30", "2026-13-01", "27/11/2026", "2026-1-5", "tomorrow"]) {
      expect(startOfDay(value), value).toBeNull();
    }
  });
});

describe("parseFilters", () => {
  it("leaves out what is not chosen", () => {
    expect(parseFilters(EMPTY_FILTERS)).toEqual({ ok: true, filter: {} });
    expect(parseFilters({ ...EMPTY_FILTERS, status: "REJECTED", scope: "CHAT" })).toEqual({
      ok: true,
      filter: { status: "REJECTED", scope: "CHAT" },
    });
  });

  it("takes the whole of both days of a date range", () => {
    expect(parseFilters({ ...EMPTY_FILTERS, from: "2026-11-01", to: "2026-11-01" })).toEqual({
      ok: true,
      filter: { from: new Date(2026, 10, 1), to: new Date(2026, 10, 2) },
    });
    expect(parseFilters({ ...EMPTY_FILTERS, to: "2026-11-30" })).toEqual({
      ok: true,
      filter: { to: new Date(2026, 11, 1) },
    });
  });

  it("says which date is wrong", () => {
    expect(parseFilters({ ...EMPTY_FILTERS, from: "2026-11-02", to: "2026-11-01" })).toEqual({
      ok: false,
      field: "to",
      message: "The end date must be on or after the start date.",
    });
    expect(parseFilters({ ...EMPTY_FILTERS, from: "2026-02-30" })).toMatchObject({ ok: false, field: "from" });
    expect(parseFilters({ ...EMPTY_FILTERS, to: "soon" })).toMatchObject({ ok: false, field: "to" });
  });
});

describe("isFiltered", () => {
  it("is true once anything is chosen", () => {
    expect(isFiltered(EMPTY_FILTERS)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTERS, to: "2026-11-01" })).toBe(true);
  });
});
