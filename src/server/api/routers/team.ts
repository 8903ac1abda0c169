import {
  adminProcedure,
  assertRecentSignIn,
  createTRPCRouter,
  requireRecentSignIn,
  viewerProcedure,
} from "@/server/api/trpc";
import { hasRole } from "@/server/team/role-rules";
import { changeMemberRole, inviteMember, listTeam, removeMember, revokeInvitation } from "@/server/team/team";
import {
  ZChangeMemberRoleSchema,
  ZInviteMemberSchema,
  ZRemoveMemberSchema,
  ZRevokeInvitationSchema,
  ZTeamInvitationSchema,
  ZTeamMemberSchema,
  ZTeamSchema,
} from "@/server/team/team-schemas";

export const teamRouter = createTRPCRouter({
  list: viewerProcedure.output(ZTeamSchema).query(({ ctx }) => listTeam({ db: ctx.db, actor: ctx.actor })),

  invite: adminProcedure
    .input(ZInviteMemberSchema)
    // Inviting an admin or owner hands out what a stolen session would want: as for changing a role,
    // it needs a recent sign-in (the same refusal as requireRecentSignIn, for these roles only).
    .use(({ ctx, input, next }) => {
      if (hasRole(input.role, "admin")) assertRecentSignIn(ctx.session);
      return next();
    })
    .output(ZTeamInvitationSchema)
    .mutation(({ ctx, input }) => inviteMember({ db: ctx.db, actor: ctx.actor, input })),

  revokeInvitation: adminProcedure
    .input(ZRevokeInvitationSchema)
    .output(ZTeamInvitationSchema)
    .mutation(({ ctx, input }) => revokeInvitation({ db: ctx.db, actor: ctx.actor, input })),

  changeRole: adminProcedure
    .use(requireRecentSignIn)
    .input(ZChangeMemberRoleSchema)
    .output(ZTeamMemberSchema)
    .mutation(({ ctx, input }) => changeMemberRole({ db: ctx.db, actor: ctx.actor, input })),

  // Removing someone (then inviting them back lower) would be a role change without the check.
  remove: adminProcedure
    .use(requireRecentSignIn)
    .input(ZRemoveMemberSchema)
    .output(ZTeamMemberSchema)
    .mutation(({ ctx, input }) => removeMember({ db: ctx.db, actor: ctx.actor, input })),
});
