import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { ROLES } from "@/server/team/role-rules";
import { signOutEverywhere } from "@/server/team/sign-ins";
import { findActor } from "@/server/team/team";

export const meRouter = createTRPCRouter({
  get: protectedProcedure
    .output(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        email: z.string(),
        role: z.enum(ROLES).nullable(),
      }),
    )
    .query(async ({ ctx }) => {
      const actor = await findActor({ db: ctx.db, userId: ctx.session.user.id });
      const { id, name, email } = ctx.session.user;
      return { id, name, email, role: actor?.role ?? null };
    }),

  /** Ends every session of the caller, this browser's included. */
  signOutEverywhere: protectedProcedure
    .output(z.object({ sessionsEnded: z.number().int() }))
    .mutation(async ({ ctx }) =>
      signOutEverywhere({
        db: ctx.db,
        actor: ctx.actor ?? (await findActor({ db: ctx.db, userId: ctx.session.user.id })),
        userId: ctx.session.user.id,
      }),
    ),
});
