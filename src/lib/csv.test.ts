import { describe, expect, it } from "vitest";
import { parseCsv as readCsv } from "@/test/csv";
import { csvField, toCsv } from "./csv";

const parseCsv = (text: string) => readCsv(text).rows;

describe("csvField", () => {
  it("leaves plain text alone", () => {
    expect(csvField("policy.update")).toBe("policy.update");
    expect(csvField("")).toBe("");
    expect(csvField("a 'quoted' word")).toBe("a 'quoted' word");
  });

  it("quotes commas, quotes and line breaks, doubling the quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rlf")).toBe('"cr\rlf"');
  });

  it.each([
    ['=HYPERLINK("http://evil.test","x")', '"\'=HYPERLINK(""http://evil.test"",""x"")"'],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
  ])("prefixes a formula start with a quote: %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("does not treat a formula character later in the text as a start", () => {
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField(" =1")).toBe(" =1");
  });
});

describe("toCsv", () => {
  it("writes CRLF rows that read back field for field", () => {
    const rows = [
      ["time", "actor", "after"],
      ["2026-11-27T10:00:00.000Z", "ada@attache.test", '{"a":1,"b":"x, y"}'],
      ["", "-mallory", "line\r\nbreak"],
    ];
    const text = toCsv(rows);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")[0]).toBe("time,actor,after");
    expect(parseCsv(text)).toEqual([rows[0], rows[1], ["", "'-mallory", "line\r\nbreak"]]);
  });
});
