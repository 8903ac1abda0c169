import { z } from "zod";
import { arnContext } from "@/env";
import { createTRPCRouter, editorProcedure, viewerProcedure } from "@/server/api/trpc";
import { ZCreateInstanceSchema, ZInstanceSchema, ZRenameInstanceSchema } from "@/server/instances/instance-schemas";
import { createInstance, listInstances, renameInstance } from "@/server/instances/instances";

export const instanceRouter = createTRPCRouter({
  list: viewerProcedure
    .output(z.array(ZInstanceSchema))
    .query(({ ctx }) => listInstances({ db: ctx.db, actor: ctx.actor })),

  create: editorProcedure
    .input(ZCreateInstanceSchema)
    .output(ZInstanceSchema)
    .mutation(({ ctx, input }) => createInstance({ db: ctx.db, actor: ctx.actor, input, arnContext: arnContext() })),

  rename: editorProcedure
    .input(ZRenameInstanceSchema)
    .output(ZInstanceSchema)
    .mutation(({ ctx, input }) => renameInstance({ db: ctx.db, actor: ctx.actor, input })),
});
