import { hasRole, ROLES, type TRole } from "./role-rules";

/**
 * Who may manage whom, in one place for the domain and the Team page. Admins and owners manage the
 * team; only an owner may make, invite, change or remove an owner.
 */

/** The roles `actorRole` may give (invite with, or change a member to). */
export function assignableRoles(actorRole: TRole): readonly TRole[] {
  if (!hasRole(actorRole, "admin")) return [];
  return actorRole === "owner" ? ROLES : ROLES.filter((role) => role !== "owner");
}

/** Whether `actorRole` may change or remove a member (or revoke an invitation) that has `targetRole`. */
export function canManageRole(actorRole: TRole, targetRole: TRole): boolean {
  return hasRole(actorRole, "admin") && (targetRole !== "owner" || actorRole === "owner");
}

/** Whether the member is the team's only owner, who can be neither demoted nor removed. */
export function isLastOwner(member: { role: TRole }, members: readonly { role: TRole }[]): boolean {
  return member.role === "owner" && members.filter((other) => other.role === "owner").length <= 1;
}
