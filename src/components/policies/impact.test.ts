import { describe, expect, it } from "vitest";
import type { TPolicyImpact } from "@/server/files/file-schemas";
import { impactReasons, impactSentence, refusesMore } from "./impact";

const impact = (overrides: Partial<TPolicyImpact>): TPolicyImpact => ({
  scope: "CHAT",
  judged: 42,
  sampled: false,
  refused: 7,
  newlyRefused: 5,
  byReason: {},
  examples: [],
  ...overrides,
});

describe("impactSentence", () => {
  it("counts what the policy would refuse, and how much of that gets through today", () => {
    expect(impactSentence(impact({}), "Chat")).toBe(
      "Of 42 uploads to Chat in the last 30 days, this policy would refuse 7 (5 that are accepted today).",
    );
    expect(impactSentence(impact({ judged: 1, refused: 1, newlyRefused: 1 }), "Cases")).toBe(
      "Of 1 upload to Cases in the last 30 days, this policy would refuse 1 (1 that is accepted today).",
    );
    expect(impactSentence(impact({ judged: 12_345, refused: 1_200, newlyRefused: 1_001 }), "Email")).toBe(
      "Of 12,345 uploads to Email in the last 30 days, this policy would refuse 1,200 (1,001 that are accepted today).",
    );
  });

  it("says when nothing changes for the files refused", () => {
    expect(impactSentence(impact({ refused: 3, newlyRefused: 0 }), "Chat")).toBe(
      "Of 42 uploads to Chat in the last 30 days, this policy would refuse 3, all of which the current policy refuses too.",
    );
    expect(impactSentence(impact({ refused: 1, newlyRefused: 0 }), "Chat")).toBe(
      "Of 42 uploads to Chat in the last 30 days, this policy would refuse 1, which the current policy refuses too.",
    );
    expect(impactSentence(impact({ refused: 0, newlyRefused: 0 }), "Tasks")).toBe(
      "Of 42 uploads to Tasks in the last 30 days, this policy would refuse none.",
    );
  });

  it("says when there is nothing to judge, and when only the newest uploads were judged", () => {
    expect(impactSentence(impact({ judged: 0, refused: 0, newlyRefused: 0 }), "Chat")).toBe(
      "There were no uploads to Chat in the last 30 days, so there is nothing to compare this policy with.",
    );
    expect(impactSentence(impact({ judged: 10_000, sampled: true }), "Chat")).toBe(
      "Of the newest 10,000 uploads to Chat in the last 30 days, this policy would refuse 7 (5 that are accepted today).",
    );
  });
});

describe("impactReasons", () => {
  it("lists the reasons in words, most first", () => {
    expect(
      impactReasons(impact({ byReason: { INVALID_FILE_SIZE: 2, INVALID_FILE_TYPE: 5, INVALID_FILE_NAME: 0 } })),
    ).toEqual([
      { code: "INVALID_FILE_TYPE", label: "Type not allowed", count: 5 },
      { code: "INVALID_FILE_SIZE", label: "Size not allowed", count: 2 },
    ]);
    expect(impactReasons(impact({ byReason: { SOMETHING_NEW: 1 } }))).toEqual([
      { code: "SOMETHING_NEW", label: "SOMETHING_NEW", count: 1 },
    ]);
  });
});

describe("refusesMore", () => {
  it("is true only when files accepted today would be refused", () => {
    expect(refusesMore(impact({}))).toBe(true);
    expect(refusesMore(impact({ newlyRefused: 0 }))).toBe(false);
  });
});
