import { ROLE_LABELS, type TRole } from "@/server/team/role-rules";
import type { TJoinSource } from "@/server/team/team-schemas";

/** What each role may do, in a phrase, for the role choices. */
export const ROLE_HINTS: Record<TRole, string> = {
  owner: "everything",
  admin: "team and API keys",
  editor: "policies, branding, files",
  viewer: "read only",
};

export const roleOption = (role: TRole) => `${ROLE_LABELS[role]} — ${ROLE_HINTS[role]}`;

export const JOINED_VIA_LABELS: Record<TJoinSource, string> = {
  BOOTSTRAP: "First owner",
  INVITATION: "Invitation",
  DOMAIN: "Allowed domain",
  GROUPS: "Identity provider groups",
};
