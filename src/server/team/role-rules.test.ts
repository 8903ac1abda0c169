import { describe, expect, it } from "vitest";
import { hasRole, ROLES } from "./role-rules";

describe("hasRole", () => {
  it("lets each role do what the roles below it can", () => {
    expect(hasRole("owner", "viewer")).toBe(true);
    expect(hasRole("admin", "editor")).toBe(true);
    expect(hasRole("editor", "editor")).toBe(true);
  });

  it("refuses a role what only higher roles can do", () => {
    expect(hasRole("viewer", "editor")).toBe(false);
    expect(hasRole("editor", "admin")).toBe(false);
    expect(hasRole("admin", "owner")).toBe(false);
  });

  it("is a total order over every role", () => {
    for (const a of ROLES) {
      for (const b of ROLES) {
        expect(hasRole(a, b) || hasRole(b, a)).toBe(true);
      }
    }
  });
});
