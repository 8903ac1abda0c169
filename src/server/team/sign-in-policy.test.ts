import { describe, expect, it } from "vitest";
import { judgeSignIn, profileEmail, roleFromGroups, type TSignInPolicy, userFromProfile } from "./sign-in-policy";

const policy: TSignInPolicy = { allowedEmailDomains: ["attache.test"], bootstrapOwnerEmail: "boss@elsewhere.test" };

describe("judgeSignIn", () => {
  it("admits a verified email at an allowed domain, whatever its case", () => {
    expect(judgeSignIn({ email: "Ann@Attache.TEST", emailVerified: true, invited: false, policy })).toEqual({
      allowed: true,
    });
  });

  it("refuses an unverified email even at an allowed domain", () => {
    expect(judgeSignIn({ email: "ann@attache.test", emailVerified: false, invited: false, policy })).toEqual({
      allowed: false,
      reason: "EmailNotVerified",
    });
  });

  it("refuses other domains, including look-alike subdomains", () => {
    for (const email of ["ann@outside.test", "ann@evil.attache.test", "ann@attache.test.evil"]) {
      expect(judgeSignIn({ email, emailVerified: true, invited: false, policy })).toEqual({
        allowed: false,
        reason: "DomainNotAllowed",
      });
    }
  });

  it("admits the bootstrap owner and invited people from any domain", () => {
    expect(judgeSignIn({ email: "boss@elsewhere.test", emailVerified: true, invited: false, policy }).allowed).toBe(
      true,
    );
    expect(judgeSignIn({ email: "guest@partner.test", emailVerified: true, invited: true, policy }).allowed).toBe(true);
  });

  it("refuses a profile without an email", () => {
    expect(judgeSignIn({ email: undefined, emailVerified: true, invited: false, policy })).toEqual({
      allowed: false,
      reason: "NoEmail",
    });
  });

  it("admits nobody by domain when no domain is configured", () => {
    const closed = { ...policy, allowedEmailDomains: [] };
    expect(
      judgeSignIn({ email: "ann@attache.test", emailVerified: true, invited: false, policy: closed }).allowed,
    ).toBe(false);
  });
});

describe("userFromProfile", () => {
  it("keeps an ordinary profile, with the email in lower case", () => {
    expect(
      userFromProfile({ name: "Zoë O’Brien 👩‍💻", email: "Zoe@Attache.TEST", picture: "https://idp.test/zoe.png" }),
    ).toEqual({ name: "Zoë O’Brien 👩‍💻", email: "zoe@attache.test", image: "https://idp.test/zoe.png" });
  });

  it("removes control characters and cuts over-long values instead of refusing the person", () => {
    const user = userFromProfile({
      name: `Ann\u0000 Example\n${"x".repeat(5000)}`,
      email: "ann\u0000@attache.test\u202E",
      picture: "javascript:alert(1)",
    });
    expect(user.email).toBe("ann@attache.test");
    expect(user.name?.startsWith("Ann Examplexxx")).toBe(true);
    expect([...(user.name ?? "")]).toHaveLength(200);
    expect(user.image).toBeNull();
  });

  it("falls back to the email for a missing or blank name, and to null for nothing usable", () => {
    expect(userFromProfile({ name: "\u0000\u0001", email: "ann@attache.test" }).name).toBe("ann@attache.test");
    expect(userFromProfile({})).toEqual({ name: null, email: null, image: null });
    expect(profileEmail("\u0000")).toBeNull();
    expect(userFromProfile({ email: "a@b.test", picture: `https://idp.test/${"p".repeat(3000)}` }).image).toBeNull();
  });
});

describe("roleFromGroups", () => {
  const mapping = [
    { group: "attache-viewers", role: "viewer" },
    { group: "attache-admins", role: "admin" },
    { group: "Ops", role: "editor" },
  ] as const;

  it("gives the highest role among the person's mapped groups, comparing group names exactly", () => {
    expect(roleFromGroups(["sales", "attache-viewers", "attache-admins"], mapping)).toBe("admin");
    expect(roleFromGroups(["Ops"], mapping)).toBe("editor");
    expect(roleFromGroups(["ops", "ATTACHE-ADMINS"], mapping)).toBeNull();
    expect(roleFromGroups("attache-viewers", mapping)).toBe("viewer");
  });

  it("ignores a missing or malformed claim instead of failing", () => {
    for (const claim of [undefined, null, 42, { admins: true }, [null, 7, "x".repeat(10_000)], []]) {
      expect(roleFromGroups(claim, mapping)).toBeNull();
    }
    expect(roleFromGroups([...Array.from({ length: 5000 }, (_, i) => `g${i}`), "attache-admins"], mapping)).toBeNull();
  });
});

describe("judgeSignIn with group mapping", () => {
  const base = { email: "ann@outside.test", emailVerified: true, invited: false, policy };

  it("admits a mapped group's member from any domain, but never with an unverified email", () => {
    expect(judgeSignIn({ ...base, groupRole: "editor" })).toEqual({ allowed: true });
    expect(judgeSignIn({ ...base, emailVerified: false, groupRole: "owner" })).toEqual({
      allowed: false,
      reason: "EmailNotVerified",
    });
  });

  it("refuses someone whose role came from groups once they are in none, even at an allowed domain", () => {
    expect(judgeSignIn({ ...base, email: "ann@attache.test", groupRole: null, roleFromGroupsBefore: true })).toEqual({
      allowed: false,
      reason: "NoMappedGroup",
    });
    expect(judgeSignIn({ ...base, email: "ann@attache.test", groupRole: null })).toEqual({ allowed: true });
  });
});
