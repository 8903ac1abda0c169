import { describe, expect, it } from "vitest";
import { changedKeys, prettyJson, shortJson, VALUE_MAX } from "./diff";

describe("changedKeys", () => {
  it("lists only the keys whose values differ, as short JSON", () => {
    expect(
      changedKeys(
        { allowedExtensions: ["pdf"], maximumSizeLimitInBytes: 1024, isDefault: true },
        { allowedExtensions: ["pdf", "png"], maximumSizeLimitInBytes: 1024, isDefault: false },
      ),
    ).toEqual([
      {
        path: "allowedExtensions",
        before: '["pdf"]',
        after: '["pdf","png"]',
        items: { added: ['"png"'], removed: [] },
      },
      { path: "isDefault", before: "true", after: "false" },
    ]);
  });

  it("opens nested objects into dotted paths, a few levels deep", () => {
    expect(
      changedKeys(
        { theme: { Light: { Palette: { Primary: { Default: "#000" } } } }, name: "a" },
        { theme: { Light: { Palette: { Primary: { Default: "#fff" } } } }, name: "a" },
      ),
    ).toEqual([
      {
        path: "theme.Light.Palette",
        before: '{"Primary":{"Default":"#000"}}',
        after: '{"Primary":{"Default":"#fff"}}',
      },
    ]);
  });

  it("shows keys added on creation and removed on deletion", () => {
    expect(changedKeys(null, { alias: "support", arn: "arn:x" })).toEqual([
      { path: "alias", after: '"support"' },
      { path: "arn", after: '"arn:x"' },
    ]);
    expect(changedKeys({ alias: "support" }, null)).toEqual([{ path: "alias", before: '"support"' }]);
    expect(changedKeys({ a: 1 }, { b: 2 })).toEqual([
      { path: "a", before: "1" },
      { path: "b", after: "2" },
    ]);
  });

  it("has nothing to show for no change, or no before and after", () => {
    expect(changedKeys(null, null)).toEqual([]);
    expect(changedKeys({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });

  it("treats a value that is not an object as one change", () => {
    expect(changedKeys("on", "off")).toEqual([{ path: "", before: '"on"', after: '"off"' }]);
    expect(changedKeys(null, [1])).toEqual([{ path: "", before: "null", after: "[1]" }]);
  });

  it("keeps markup as text: nothing is interpreted, only quoted", () => {
    expect(changedKeys({ name: "a" }, { name: "<img src=x onerror=alert(1)>" })).toEqual([
      { path: "name", before: '"a"', after: '"<img src=x onerror=alert(1)>"' },
    ]);
  });

  it("says what joined and left a list of plain values, whatever its order", () => {
    expect(changedKeys({ ids: ["a", "b", "c"] }, { ids: ["c", "d", "a"] })).toEqual([
      { path: "ids", before: '["a","b","c"]', after: '["c","d","a"]', items: { added: ['"d"'], removed: ['"b"'] } },
    ]);
    expect(changedKeys({ ids: [{ a: 1 }] }, { ids: [{ a: 2 }] })[0]?.items).toBeUndefined();
  });
});

describe("shortJson and prettyJson", () => {
  it("cut long values with an ellipsis", () => {
    const long = shortJson("x".repeat(200));
    expect(long).toHaveLength(VALUE_MAX);
    expect(long.endsWith("…")).toBe(true);
    expect(shortJson({ a: 1 })).toBe('{"a":1}');
  });

  it("pretty-print with two spaces", () => {
    expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson(undefined)).toBe("null");
  });
});
