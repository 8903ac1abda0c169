import { describe, expect, it } from "vitest";
import { AwsError } from "./errors";
import { MAX_JSON_DEPTH, parseJsonBody } from "./wire";

const body = (text: string) => new TextEncoder().encode(text);

function refusal(text: string): string {
  try {
    parseJsonBody(body(text), "InvalidParameterException");
  } catch (error) {
    expect(error).toBeInstanceOf(AwsError);
    expect((error as AwsError).errorName).toBe("InvalidParameterException");
    return (error as AwsError).message;
  }
  throw new Error("expected the body to be refused");
}

describe("JSON bodies", () => {
  it("refuses 20,000 levels of nesting with the operation's 400, without exhausting the stack", () => {
    const deep = `{"SearchCriteria":${'{"AndConditions":['.repeat(20_000)}${"]}".repeat(20_000)}}`;
    expect(refusal(deep)).toBe(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  });

  it("refuses a body of more than 10,000 values", () => {
    expect(refusal(`{"AndConditions":[${Array(10_001).fill("{}").join(",")}]}`)).toContain("more than 10,000 values");
  });

  it("takes what real requests send", () => {
    const theme = { Theme: { Light: { Palette: { Header: { Background: "#fff" } } } } };
    expect(parseJsonBody(body(JSON.stringify(theme)), "InvalidParameterException")).toEqual(theme);
    const extensions = Array.from({ length: 500 }, (_, index) => ({ Extension: `e${index}` }));
    expect(
      parseJsonBody(
        body(JSON.stringify({ ExtensionConfiguration: { AllowedExtensions: extensions } })),
        "InvalidParameterException",
      ),
    ).toBeTruthy();
  });
});
