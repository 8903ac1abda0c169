import { describe, expect, it } from "vitest";
import { ZInstanceAliasSchema } from "./instance-schemas";

const messageFor = (alias: string) => {
  const result = ZInstanceAliasSchema.safeParse(alias);
  return result.success ? null : result.error.issues[0]?.message;
};

describe("ZInstanceAliasSchema", () => {
  it("accepts Connect-style aliases and trims surrounding space", () => {
    expect(ZInstanceAliasSchema.parse("support-emea")).toBe("support-emea");
    expect(ZInstanceAliasSchema.parse("  Acme2 ")).toBe("Acme2");
    expect(ZInstanceAliasSchema.parse("a--b")).toBe("a--b");
    expect(ZInstanceAliasSchema.parse("x".repeat(45))).toHaveLength(45);
  });

  it("explains each way an alias can be wrong", () => {
    expect(messageFor("")).toBe("Enter an alias.");
    expect(messageFor("x".repeat(46))).toBe("An alias has at most 45 characters.");
    expect(messageFor("has space")).toBe("Use only letters, digits and hyphens.");
    expect(messageFor("ünïcode")).toBe("Use only letters, digits and hyphens.");
    expect(messageFor("-lead")).toBe("Start with a letter or digit.");
    expect(messageFor("trail-")).toBe("End with a letter or digit.");
    expect(messageFor("d-reserved")).toBe('An alias cannot start with "d-".');
  });
});
