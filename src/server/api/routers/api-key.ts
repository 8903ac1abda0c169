import { z } from "zod";
import { serverEnv } from "@/env";
import { adminProcedure, createTRPCRouter, requireRecentSignIn } from "@/server/api/trpc";
import {
  ZApiKeySchema,
  ZCreateApiKeySchema,
  ZCreatedApiKeySchema,
  ZReinstateApiKeySchema,
  ZRevokeApiKeySchema,
  ZRotateApiKeySchema,
  ZUpdateApiKeyInstancesSchema,
} from "@/server/api-keys/api-key-schemas";
import {
  createApiKey,
  listApiKeys,
  reinstateApiKey,
  revokeApiKey,
  rotateApiKey,
  updateApiKeyInstances,
} from "@/server/api-keys/api-keys";

/**
 * What a stolen session would want most — a new secret, or a key that reaches more — needs a recent
 * sign-in: create, rotate, every scope change (narrowing too, so one rule covers all scope changes)
 * and reinstating the revoked bootstrap key; revoking, the way to cut a leaked key off, does not.
 */
const recentAdminProcedure = adminProcedure.use(requireRecentSignIn);

export const apiKeyRouter = createTRPCRouter({
  list: adminProcedure.output(z.array(ZApiKeySchema)).query(({ ctx }) => listApiKeys({ db: ctx.db, actor: ctx.actor })),

  create: recentAdminProcedure
    .input(ZCreateApiKeySchema)
    .output(ZCreatedApiKeySchema)
    .mutation(({ ctx, input }) =>
      createApiKey({ db: ctx.db, actor: ctx.actor, input, serverKey: serverEnv().ATTACHE_ENCRYPTION_KEY }),
    ),

  rotate: recentAdminProcedure
    .input(ZRotateApiKeySchema)
    .output(ZCreatedApiKeySchema)
    .mutation(({ ctx, input }) =>
      rotateApiKey({ db: ctx.db, actor: ctx.actor, input, serverKey: serverEnv().ATTACHE_ENCRYPTION_KEY }),
    ),

  updateInstances: recentAdminProcedure
    .input(ZUpdateApiKeyInstancesSchema)
    .output(ZApiKeySchema)
    .mutation(({ ctx, input }) => updateApiKeyInstances({ db: ctx.db, actor: ctx.actor, input })),

  revoke: adminProcedure
    .input(ZRevokeApiKeySchema)
    .output(ZApiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey({ db: ctx.db, actor: ctx.actor, id: input.id })),

  /** The bootstrap key only: a start with the same configuration leaves it revoked. */
  reinstate: recentAdminProcedure
    .input(ZReinstateApiKeySchema)
    .output(ZApiKeySchema)
    .mutation(({ ctx, input }) => reinstateApiKey({ db: ctx.db, actor: ctx.actor, id: input.id })),
});
