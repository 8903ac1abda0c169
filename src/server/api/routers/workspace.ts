import { z } from "zod";
import { mediaUrlPolicy } from "@/env";
import { createTRPCRouter, editorProcedure, viewerProcedure } from "@/server/api/trpc";
import {
  checkWorkspaceMedia,
  deleteWorkspaceMedia,
  getWorkspaceWithMedia,
  importWorkspaceMedia,
  restoreWorkspaceMedia,
} from "@/server/workspaces/media";
import { filterWorkspaces } from "@/server/workspaces/search";
import {
  ZCreateWorkspaceSchema,
  ZDeleteWorkspaceSchema,
  ZImportWorkspaceMediaSchema,
  ZListWorkspacesSchema,
  ZMediaCheckResultSchema,
  ZRestoreWorkspaceMediaSchema,
  ZUpdateWorkspaceMetadataSchema,
  ZUpdateWorkspaceThemeSchema,
  ZUpdateWorkspaceVisibilitySchema,
  ZWorkspaceDetailSchema,
  ZWorkspaceListSchema,
  ZWorkspaceMediaSchema,
  ZWorkspaceMediaSlotSchema,
  ZWorkspaceMediaTypeSchema,
  ZWorkspaceRefSchema,
  ZWorkspaceSchema,
} from "@/server/workspaces/workspace-schemas";
import {
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  listAllWorkspaces,
  updateWorkspaceMetadata,
  updateWorkspaceTheme,
  updateWorkspaceVisibility,
} from "@/server/workspaces/workspaces";

/** The console's Branding area: the same domain functions as the workspace operations of the AWS API. */
export const workspaceRouter = createTRPCRouter({
  list: viewerProcedure
    .input(ZListWorkspacesSchema)
    .output(ZWorkspaceListSchema)
    .query(async ({ ctx, input }) => {
      const { instance, workspaces } = await listAllWorkspaces({
        db: ctx.db,
        actor: ctx.actor,
        instanceId: input.instanceId,
      });
      return {
        instance: { id: instance.id, alias: instance.alias, arn: instance.arn },
        workspaces: input.query ? filterWorkspaces(workspaces, input.query) : workspaces,
        total: workspaces.length,
      };
    }),

  get: viewerProcedure
    .input(ZWorkspaceRefSchema)
    .output(ZWorkspaceDetailSchema)
    .query(async ({ ctx, input }) => {
      const { instance, workspace, media } = await getWorkspaceWithMedia({ db: ctx.db, actor: ctx.actor, ...input });
      return { instance: { id: instance.id, alias: instance.alias, arn: instance.arn }, workspace, media };
    }),

  create: editorProcedure
    .input(ZCreateWorkspaceSchema)
    .output(ZWorkspaceSchema)
    .mutation(({ ctx, input }) => {
      const { instanceId, ...rest } = input;
      return createWorkspace({ db: ctx.db, actor: ctx.actor, instanceId, input: rest });
    }),

  updateMetadata: editorProcedure
    .input(ZUpdateWorkspaceMetadataSchema)
    .output(ZWorkspaceSchema)
    .mutation(({ ctx, input }) => {
      const { instanceId, workspaceId, expectedVersion, ...changes } = input;
      return updateWorkspaceMetadata({
        db: ctx.db,
        actor: ctx.actor,
        instanceId,
        workspaceId,
        changes,
        expectedVersion,
      });
    }),

  updateVisibility: editorProcedure
    .input(ZUpdateWorkspaceVisibilitySchema)
    .output(ZWorkspaceSchema)
    .mutation(({ ctx, input }) => updateWorkspaceVisibility({ db: ctx.db, actor: ctx.actor, ...input })),

  updateTheme: editorProcedure
    .input(ZUpdateWorkspaceThemeSchema)
    .output(ZWorkspaceSchema)
    .mutation(({ ctx, input }) => updateWorkspaceTheme({ db: ctx.db, actor: ctx.actor, ...input })),

  delete: editorProcedure
    .input(ZDeleteWorkspaceSchema)
    .output(ZWorkspaceSchema)
    .mutation(({ ctx, input }) => deleteWorkspace({ db: ctx.db, actor: ctx.actor, ...input })),

  /** The checks an image passes or fails for a slot, without storing it (the preview before Import). */
  checkMedia: editorProcedure
    .input(ZImportWorkspaceMediaSchema)
    .output(ZMediaCheckResultSchema)
    .mutation(async ({ ctx, input }) => {
      await getWorkspace({
        db: ctx.db,
        actor: ctx.actor,
        instanceId: input.instanceId,
        workspaceId: input.workspaceId,
      });
      return checkWorkspaceMedia({ source: input.source, type: input.type, urlPolicy: mediaUrlPolicy() });
    }),

  importMedia: editorProcedure
    .input(ZImportWorkspaceMediaSchema)
    .output(ZWorkspaceMediaSchema)
    .mutation(({ ctx, input }) =>
      importWorkspaceMedia({ db: ctx.db, actor: ctx.actor, ...input, urlPolicy: mediaUrlPolicy() }),
    ),

  restoreMedia: editorProcedure
    .input(ZRestoreWorkspaceMediaSchema)
    .output(ZWorkspaceMediaSchema)
    .mutation(({ ctx, input }) => restoreWorkspaceMedia({ db: ctx.db, actor: ctx.actor, ...input })),

  deleteMedia: editorProcedure
    .input(ZWorkspaceMediaSlotSchema)
    .output(z.object({ type: ZWorkspaceMediaTypeSchema }))
    .mutation(async ({ ctx, input }) => {
      await deleteWorkspaceMedia({ db: ctx.db, actor: ctx.actor, ...input });
      return { type: input.type };
    }),
});
