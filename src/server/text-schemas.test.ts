import { describe, expect, it } from "vitest";
import { codePointLength, sanitizeText, ZBoundedTextSchema } from "./text-schemas";

const reason = ZBoundedTextSchema({ label: "A reason", max: 10 });
const messagesFor = (value: unknown, schema = reason) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};
const CONTROL_MESSAGE = "A reason cannot contain control characters such as NUL or line breaks.";

describe("ZBoundedTextSchema", () => {
  it("trims and keeps ordinary Unicode, emoji and joiner sequences, counting code points", () => {
    expect(reason.parse("  Tidy up  ")).toBe("Tidy up");
    expect(reason.parse("Ünïcødé ✓")).toBe("Ünïcødé ✓");
    // Ten emoji are ten characters, though twenty UTF-16 units.
    expect(reason.parse("😀".repeat(10))).toBe("😀".repeat(10));
    // A family emoji is one picture made of 5 code points joined by U+200D.
    const family = "👩‍👩‍👧";
    expect(codePointLength(family)).toBe(5);
    expect(reason.parse(`${family} ok`)).toBe(`${family} ok`);
    // Inner spaces, tabs excepted, and right-to-left text are fine.
    expect(reason.parse("שלום עולם")).toBe("שלום עולם");
  });

  it("refuses more than max code points with a message naming the field", () => {
    expect(messagesFor("x".repeat(11))).toEqual(["A reason has at most 10 characters."]);
    expect(messagesFor("😀".repeat(11))).toEqual(["A reason has at most 10 characters."]);
    // Trimmed first: surrounding space does not count.
    expect(messagesFor(`   ${"x".repeat(10)}   `)).toEqual([]);
  });

  it.each([
    ["NUL", "a\u0000b"],
    ["a line feed inside", "a\nb"],
    ["a carriage return inside", "a\rb"],
    ["a tab", "a\tb"],
    ["escape", "a\u001bb"],
    ["DEL", "a\u007fb"],
    ["a C1 control", "a\u0085b"],
    ["the line separator", "a\u2028b"],
    ["the paragraph separator", "a\u2029b"],
    ["a right-to-left override", "a\u202Eb"],
    ["a left-to-right embedding", "a\u202Ab"],
    ["a first-strong isolate", "a\u2068b"],
    ["a pop directional isolate", "a\u2069b"],
    ["a lone high surrogate", "a\uD83Db"],
    ["a lone low surrogate", "a\uDE00b"],
  ])("refuses %s", (_, value) => {
    expect(messagesFor(value)).toEqual([CONTROL_MESSAGE]);
  });

  it("honours min with its own message, and refuses what is not text", () => {
    const name = ZBoundedTextSchema({ label: "A name", max: 5, min: 1, tooShort: "Give the key a name." });
    expect(messagesFor("   ", name)).toEqual(["Give the key a name."]);
    expect(messagesFor("", ZBoundedTextSchema({ label: "The id", max: 5, min: 1 }))).toEqual([
      "The id cannot be empty.",
    ]);
    expect(messagesFor(42, name)).toEqual(["A name must be text."]);
    expect(messagesFor(null, name)).toEqual(["A name must be text."]);
  });

  it("keeps surrounding space when told not to trim", () => {
    const id = ZBoundedTextSchema({ label: "The id", max: 5, trim: false });
    expect(id.parse(" ab ")).toBe(" ab ");
    expect(messagesFor(" abcde", id)).toEqual(["The id has at most 5 characters."]);
  });
});

describe("sanitizeText", () => {
  it("removes forbidden characters and cuts to max code points without splitting one", () => {
    expect(sanitizeText("  Ada\u0000 Love\nlace\u202E  ", { max: 100 })).toBe("Ada Lovelace");
    expect(sanitizeText("😀😀😀", { max: 2 })).toBe("😀😀");
    expect(sanitizeText("a\uD83D", { max: 5 })).toBe("a");
    expect(sanitizeText("x".repeat(2 * 1024 * 1024), { max: 200 })).toHaveLength(200);
    expect(sanitizeText("Ordinary Name", { max: 200 })).toBe("Ordinary Name");
  });
});
