import { hasForbiddenCharacters, sanitizeText } from "@/server/text-schemas";
import { ROLES, type TRole } from "./role-rules";

export type TSignInPolicy = {
  allowedEmailDomains: string[];
  bootstrapOwnerEmail: string | undefined;
};

export type TSignInRefusal = "EmailNotVerified" | "DomainNotAllowed" | "NoEmail" | "NoMappedGroup";
export type TSignInVerdict = { allowed: true } | { allowed: false; reason: TSignInRefusal };

/** ATTACHE_OIDC_ROLE_GROUPS, parsed: which IdP group gives which role. */
export type TRoleGroups = ReadonlyArray<{ group: string; role: TRole }>;

/** More groups than any real person has; a claim beyond it is read no further. */
const MAX_GROUPS_READ = 1000;
const MAX_GROUP_LENGTH = 256;

/**
 * The highest role the groups claim gives under `mapping`, or null when none of the person's groups
 * is mapped. The claim is untrusted shape-wise (IdPs send an array, some a single string): anything
 * that is not a string, or is absurdly long, is ignored rather than failing the sign-in.
 */
export function roleFromGroups(claim: unknown, mapping: TRoleGroups): TRole | null {
  const groups = (Array.isArray(claim) ? claim : [claim])
    .slice(0, MAX_GROUPS_READ)
    .filter((group): group is string => typeof group === "string" && group.length <= MAX_GROUP_LENGTH);
  let best: TRole | null = null;
  for (const { group, role } of mapping) {
    if (groups.includes(group) && (best === null || ROLES.indexOf(role) < ROLES.indexOf(best))) best = role;
  }
  return best;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/**
 * Who may sign in: a verified email that is the bootstrap owner, is in a mapped IdP group, has a
 * pending invitation, or is at an allowed domain. Someone whose role came from their groups and who
 * is now in none of the mapped groups is refused: leaving the group at the IdP ends their access.
 * Pure, so the rule is unit-tested apart from next-auth.
 */
export function judgeSignIn(input: {
  email: string | null | undefined;
  emailVerified: boolean;
  invited: boolean;
  policy: TSignInPolicy;
  /** The role the person's groups give (roleFromGroups), when group mapping is configured. */
  groupRole?: TRole | null;
  /** The person is a member whose role comes from the groups claim (joined through GROUPS). */
  roleFromGroupsBefore?: boolean;
}): TSignInVerdict {
  const email = input.email?.trim().toLowerCase();
  if (!email?.includes("@")) return { allowed: false, reason: "NoEmail" };
  if (!input.emailVerified) return { allowed: false, reason: "EmailNotVerified" };
  if (email === input.policy.bootstrapOwnerEmail) return { allowed: true };
  if (input.groupRole) return { allowed: true };
  if (input.roleFromGroupsBefore) return { allowed: false, reason: "NoMappedGroup" };
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
