export type TSignInPolicy = {
  allowedEmailDomains: string[];
  bootstrapOwnerEmail: string | undefined;
};

export type TSignInVerdict =
  | { allowed: true }
  | { allowed: false; reason: "EmailNotVerified" | "DomainNotAllowed" | "NoEmail" };

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/**
 * Who may sign in: a verified email that is the bootstrap owner, has a pending invitation, or is at
 * an allowed domain. Pure, so the rule is unit-tested apart from next-auth.
 */
export function judgeSignIn(input: {
  email: string | null | undefined;
  emailVerified: boolean;
  invited: boolean;
  policy: TSignInPolicy;
}): TSignInVerdict {
  const email = input.email?.trim().toLowerCase();
  if (!email?.includes("@")) return { allowed: false, reason: "NoEmail" };
  if (!input.emailVerified) return { allowed: false, reason: "EmailNotVerified" };
  if (email === input.policy.bootstrapOwnerEmail) return { allowed: true };
  if (input.invited) return { allowed: true };
  if (input.policy.allowedEmailDomains.includes(emailDomain(email))) return { allowed: true };
  return { allowed: false, reason: "DomainNotAllowed" };
}
