import { describe, expect, it } from "vitest";
import { assignableRoles, canManageRole, isLastOwner } from "./team-rules";

describe("assignableRoles", () => {
  it("gives owners every role, admins every role but owner, others none", () => {
    expect(assignableRoles("owner")).toEqual(["owner", "admin", "editor", "viewer"]);
    expect(assignableRoles("admin")).toEqual(["admin", "editor", "viewer"]);
    expect(assignableRoles("editor")).toEqual([]);
    expect(assignableRoles("viewer")).toEqual([]);
  });
});

describe("canManageRole", () => {
  it("lets admins manage everyone but owners, and owners everyone", () => {
    expect(canManageRole("owner", "owner")).toBe(true);
    expect(canManageRole("admin", "owner")).toBe(false);
    expect(canManageRole("admin", "admin")).toBe(true);
    expect(canManageRole("admin", "viewer")).toBe(true);
    expect(canManageRole("editor", "viewer")).toBe(false);
    expect(canManageRole("viewer", "viewer")).toBe(false);
  });
});

describe("isLastOwner", () => {
  it("is true only for the one owner", () => {
    const owner = { role: "owner" as const };
    const admin = { role: "admin" as const };
    expect(isLastOwner(owner, [owner, admin])).toBe(true);
    expect(isLastOwner(owner, [owner, { role: "owner" as const }])).toBe(false);
    expect(isLastOwner(admin, [owner, admin])).toBe(false);
  });
});
