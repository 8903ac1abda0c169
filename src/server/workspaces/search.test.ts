import { describe, expect, it } from "vitest";
import { filterWorkspaces, matchesCriteria, matchesFilter, searchBoundsError } from "./search";
import type { TWorkspace } from "./workspace-schemas";

const workspace = (overrides: Partial<TWorkspace>): TWorkspace => ({
  id: "00000000-0000-4000-8000-000000000000",
  arn: "arn:aws:connect:us-east-1:000000000000:instance/i/workspace/w",
  instanceId: "i",
  name: "Support",
  description: "",
  title: "",
  visibility: "ALL",
  theme: {},
  tags: {},
  version: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...overrides,
});

describe("search criteria", () => {
  const north = workspace({ name: "Support North", description: "Front line", tags: { region: "north" } });

  it("matches everything with empty criteria", () => {
    expect(matchesCriteria(north, {})).toBe(true);
    expect(matchesFilter(north, {})).toBe(true);
  });

  it("needs its own condition, all AndConditions and one of its OrConditions", () => {
    const name = (Value: string) => ({
      StringCondition: { FieldName: "Name" as const, Value, ComparisonType: "CONTAINS" as const },
    });
    expect(
      matchesCriteria(north, {
        ...name("north"),
        AndConditions: [name("support")],
        OrConditions: [name("x"), name("port")],
      }),
    ).toBe(true);
    expect(matchesCriteria(north, { ...name("north"), AndConditions: [name("south")] })).toBe(false);
    expect(matchesCriteria(north, { OrConditions: [name("x"), name("y")] })).toBe(false);
  });

  it("matches a tag key with any value when no value is given", () => {
    expect(matchesFilter(north, { AttributeFilter: { TagCondition: { TagKey: "region" } } })).toBe(true);
    expect(matchesFilter(north, { AttributeFilter: { TagCondition: { TagKey: "tier" } } })).toBe(false);
    expect(matchesFilter(north, { AttributeFilter: { TagCondition: { TagKey: "region", TagValue: "North" } } })).toBe(
      false,
    );
  });

  it("does not treat inherited object keys as tags", () => {
    expect(matchesFilter(north, { AttributeFilter: { TagCondition: { TagKey: "constructor" } } })).toBe(false);
    expect(matchesFilter(north, { AttributeFilter: { TagCondition: { TagKey: "__proto__" } } })).toBe(false);
  });

  it("bounds depth and the number of conditions", () => {
    expect(searchBoundsError({ AndConditions: [{ AndConditions: [{}] }] }, undefined)).toBeNull();
    expect(
      searchBoundsError(
        { AndConditions: [{ AndConditions: [{ AndConditions: [{ AndConditions: [{ AndConditions: [{}] }] }] }] }] },
        undefined,
      ),
    ).toContain("5 levels");
    const many = Array.from({ length: 51 }, () => ({ TagKey: "k" }));
    expect(searchBoundsError(undefined, { AttributeFilter: { AndCondition: { TagConditions: many } } })).toContain(
      "50 conditions",
    );
  });
});

describe("the console's search box", () => {
  it("finds the text in the name, title or description, ignoring case", () => {
    const all = [
      workspace({ name: "Alpha" }),
      workspace({ name: "Beta", title: "North desk" }),
      workspace({ name: "Gamma", description: "for the NORTH" }),
    ];
    expect(filterWorkspaces(all, "north").map((item) => item.name)).toEqual(["Beta", "Gamma"]);
    expect(filterWorkspaces(all, "  ")).toHaveLength(3);
  });
});
