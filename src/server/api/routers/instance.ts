import { z } from "zod";
import { arnContext } from "@/env";
import { adminProcedure, createTRPCRouter, editorProcedure, viewerProcedure } from "@/server/api/trpc";
import {
  ZCreateInstanceSchema,
  ZDeletedInstanceSchema,
  ZDeleteInstanceSchema,
  ZInstanceSchema,
  ZInstancesOverviewSchema,
  ZRenameInstanceSchema,
} from "@/server/instances/instance-schemas";
import { createInstance, deleteInstance, listInstances, renameInstance } from "@/server/instances/instances";
import { getInstancesOverview } from "@/server/instances/overview";

export const instanceRouter = createTRPCRouter({
  list: viewerProcedure
    .output(z.array(ZInstanceSchema))
    .query(({ ctx }) => listInstances({ db: ctx.db, actor: ctx.actor })),

  overview: viewerProcedure
    .output(ZInstancesOverviewSchema)
    .query(({ ctx }) => getInstancesOverview({ db: ctx.db, actor: ctx.actor })),

  create: editorProcedure
    .input(ZCreateInstanceSchema)
    .output(ZInstanceSchema)
    .mutation(({ ctx, input }) => createInstance({ db: ctx.db, actor: ctx.actor, input, arnContext: arnContext() })),

  rename: editorProcedure
    .input(ZRenameInstanceSchema)
    .output(ZInstanceSchema)
    .mutation(({ ctx, input }) => renameInstance({ db: ctx.db, actor: ctx.actor, input })),

  delete: adminProcedure
    .input(ZDeleteInstanceSchema)
    .output(ZDeletedInstanceSchema)
    .mutation(({ ctx, input }) => deleteInstance({ db: ctx.db, actor: ctx.actor, input })),
});
