import { describe, expect, it } from "vitest";
import { judgeSignIn, type TSignInPolicy } from "./sign-in-policy";

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
