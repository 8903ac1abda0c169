/** Roles from most to least powerful; a role can do everything the roles after it can. */
export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type TRole = (typeof ROLES)[number];

export function hasRole(actual: TRole, required: TRole): boolean {
  return ROLES.indexOf(actual) <= ROLES.indexOf(required);
}

export const ROLE_LABELS: Record<TRole, string> = {
  owner: "Owner",
  admin: "Admin",
  editor: "Editor",
  viewer: "Viewer",
};
