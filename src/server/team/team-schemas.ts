import { z } from "zod";
import { ZBoundedTextSchema } from "@/server/text-schemas";
import { ROLES } from "./role-rules";

/** Browser-safe: the Team page's forms check with these, and tRPC parses with them. */

/** RFC 5321 allows 254 characters in an address; 320 is the usual outer bound (64 + @ + 255). */
export const MAX_EMAIL_LENGTH = 320;

export const ZInviteEmailSchema = ZBoundedTextSchema({
  label: "An email address",
  max: MAX_EMAIL_LENGTH,
  min: 1,
  tooShort: "Enter the email address of the person to invite.",
})
  .transform((email) => email.toLowerCase())
  .refine((email) => z.regexes.email.test(email), {
    message: "Enter an email address such as name@example.com.",
  });

export const ZRoleSchema = z.enum(ROLES, { error: "Choose a role: owner, admin, editor or viewer." });

export const JOIN_SOURCES = ["BOOTSTRAP", "INVITATION", "DOMAIN", "GROUPS"] as const;
export type TJoinSource = (typeof JOIN_SOURCES)[number];

const ZUserIdSchema = ZBoundedTextSchema({ label: "The member id", max: 64, min: 1, trim: false });

export const ZInviteMemberSchema = z.object({ email: ZInviteEmailSchema, role: ZRoleSchema });
export type TInviteMember = z.infer<typeof ZInviteMemberSchema>;

export const ZRevokeInvitationSchema = z.object({
  id: ZBoundedTextSchema({ label: "The invitation id", max: 64, min: 1, trim: false }),
});
export type TRevokeInvitation = z.infer<typeof ZRevokeInvitationSchema>;

export const ZChangeMemberRoleSchema = z.object({ userId: ZUserIdSchema, role: ZRoleSchema });
export type TChangeMemberRole = z.infer<typeof ZChangeMemberRoleSchema>;

export const ZRemoveMemberSchema = z.object({ userId: ZUserIdSchema });
export type TRemoveMember = z.infer<typeof ZRemoveMemberSchema>;

export const ZTeamMemberSchema = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  role: ZRoleSchema,
  lastSignInAt: z.date().nullable(),
  joinedAt: z.date(),
  joinedVia: z.enum(JOIN_SOURCES),
  /** The role was last set by the IdP's groups: the next sign-in sets it again. */
  roleFromGroups: z.boolean(),
  invitedByLabel: z.string().nullable(),
});
export type TTeamMember = z.infer<typeof ZTeamMemberSchema>;

export const ZTeamInvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRoleSchema,
  invitedByLabel: z.string(),
  createdAt: z.date(),
});
export type TTeamInvitation = z.infer<typeof ZTeamInvitationSchema>;

export const ZTeamSchema = z.object({
  members: z.array(ZTeamMemberSchema),
  /** Pending invitations; null for editors and viewers, who see who is on the team but not who is invited. */
  invitations: z.array(ZTeamInvitationSchema).nullable(),
});
export type TTeam = z.infer<typeof ZTeamSchema>;
