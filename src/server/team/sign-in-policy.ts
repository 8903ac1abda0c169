import { hasForbiddenCharacters, sanitizeText } from "@/server/text-schemas";

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

/** Longer than any real name or address (RFC 5321 allows 254 characters for an address). */
export const MAX_PROFILE_NAME_LENGTH = 200;
export const MAX_PROFILE_EMAIL_LENGTH = 320;
const MAX_PROFILE_IMAGE_URL_LENGTH = 2048;

export type TProfileUser = { name: string | null; email: string | null; image: string | null };

/** The identity provider's email as Attache stores and compares it: lower case, nothing unprintable. */
export function profileEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  return sanitizeText(email, { max: MAX_PROFILE_EMAIL_LENGTH }).toLowerCase() || null;
}

/**
 * The user an OpenID profile describes, cleaned rather than refused: control characters are removed
 * and over-long values cut, so a person whose provider sends an odd name can still sign in and no
 * value the database refuses (NUL) or a viewer is misled by reaches a row.
 */
export function userFromProfile(profile: { name?: string; email?: string; picture?: string }): TProfileUser {
  const email = profileEmail(profile.email);
  const name = profile.name ? sanitizeText(profile.name, { max: MAX_PROFILE_NAME_LENGTH }) : "";
  const image = profile.picture?.trim() ?? "";
  return {
    name: name || email,
    email,
    image:
      image &&
      image.length <= MAX_PROFILE_IMAGE_URL_LENGTH &&
      !hasForbiddenCharacters(image) &&
      /^https?:\/\//i.test(image)
        ? image
        : null,
  };
}
