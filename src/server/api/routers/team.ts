import {
  adminProcedure,
  createTRPCRouter,
  RECENT_SIGN_IN_MESSAGE,
  requireRecentSignIn,
  viewerProcedure,
} from "@/server/api/trpc";
import { isRecentSignIn } from "@/server/auth";
import { AppError } from "@/server/errors";
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
      if (hasRole(input.role, "admin") && !isRecentSignIn(ctx.session)) {
        throw new AppError("FORBIDDEN", RECENT_SIGN_IN_MESSAGE, { detail: "RECENT_SIGN_IN" });
      }
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

  remove: adminProcedure
    .input(ZRemoveMemberSchema)
    .output(ZTeamMemberSchema)
    .mutation(({ ctx, input }) => removeMember({ db: ctx.db, actor: ctx.actor, input })),
});
