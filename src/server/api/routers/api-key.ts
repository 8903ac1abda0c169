import { z } from "zod";
import { serverEnv } from "@/env";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import {
  ZApiKeySchema,
  ZCreateApiKeySchema,
  ZCreatedApiKeySchema,
  ZRevokeApiKeySchema,
} from "@/server/api-keys/api-key-schemas";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/api-keys/api-keys";

export const apiKeyRouter = createTRPCRouter({
  list: adminProcedure.output(z.array(ZApiKeySchema)).query(({ ctx }) => listApiKeys({ db: ctx.db, actor: ctx.actor })),

  create: adminProcedure
    .input(ZCreateApiKeySchema)
    .output(ZCreatedApiKeySchema)
    .mutation(({ ctx, input }) =>
      createApiKey({ db: ctx.db, actor: ctx.actor, input, serverKey: serverEnv().ATTACHE_ENCRYPTION_KEY }),
    ),

  revoke: adminProcedure
    .input(ZRevokeApiKeySchema)
    .output(ZApiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey({ db: ctx.db, actor: ctx.actor, id: input.id })),
});
