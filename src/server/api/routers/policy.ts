import { z } from "zod";
import { createTRPCRouter, editorProcedure, viewerProcedure } from "@/server/api/trpc";
import {
  copyPolicy,
  exportPolicies,
  getInstancePolicies,
  importPolicies,
  listPolicyRevisions,
  resetPolicy,
  restoreRevision,
  undoChanges,
  updatePolicy,
} from "@/server/policies/policies";
import {
  ZCopyPolicyInputSchema,
  ZImportPoliciesInputSchema,
  ZInstanceIdSchema,
  ZPolicyChangeSchema,
  ZPolicyExportSchema,
  ZPolicyHistoryInputSchema,
  ZPolicyHistoryPageSchema,
  ZResetPolicyInputSchema,
  ZRestoreRevisionInputSchema,
  ZScopePolicySchema,
  ZUndoChangesInputSchema,
  ZUpdatePolicyInputSchema,
} from "@/server/policies/policy-schemas";

const ZInstancePoliciesSchema = z.object({
  instance: z.object({ id: z.string(), alias: z.string(), arn: z.string() }),
  policies: z.array(ZScopePolicySchema),
});

export const policyRouter = createTRPCRouter({
  forInstance: viewerProcedure
    .input(z.object({ instanceId: ZInstanceIdSchema }))
    .output(ZInstancePoliciesSchema)
    .query(({ ctx, input }) => getInstancePolicies({ db: ctx.db, actor: ctx.actor, instanceId: input.instanceId })),

  /** One page of the history, newest first: pass the page's nextCursor back as `cursor` for the next. */
  history: viewerProcedure
    .input(ZPolicyHistoryInputSchema)
    .output(ZPolicyHistoryPageSchema)
    .query(({ ctx, input }) => listPolicyRevisions({ db: ctx.db, actor: ctx.actor, input })),

  export: viewerProcedure
    .input(z.object({ instanceId: ZInstanceIdSchema }))
    .output(ZPolicyExportSchema)
    .query(({ ctx, input }) => exportPolicies({ db: ctx.db, actor: ctx.actor, instanceId: input.instanceId })),

  update: editorProcedure
    .input(ZUpdatePolicyInputSchema)
    .output(ZPolicyChangeSchema)
    .mutation(({ ctx, input }) => updatePolicy({ db: ctx.db, actor: ctx.actor, input })),

  reset: editorProcedure
    .input(ZResetPolicyInputSchema)
    .output(ZPolicyChangeSchema)
    .mutation(({ ctx, input }) => resetPolicy({ db: ctx.db, actor: ctx.actor, input })),

  restore: editorProcedure
    .input(ZRestoreRevisionInputSchema)
    .output(ZPolicyChangeSchema)
    .mutation(({ ctx, input }) => restoreRevision({ db: ctx.db, actor: ctx.actor, input })),

  undo: editorProcedure
    .input(ZUndoChangesInputSchema)
    .output(z.array(ZPolicyChangeSchema))
    .mutation(({ ctx, input }) => undoChanges({ db: ctx.db, actor: ctx.actor, input })),

  copy: editorProcedure
    .input(ZCopyPolicyInputSchema)
    .output(z.array(ZPolicyChangeSchema))
    .mutation(({ ctx, input }) => copyPolicy({ db: ctx.db, actor: ctx.actor, input })),

  import: editorProcedure
    .input(ZImportPoliciesInputSchema)
    .output(z.array(ZPolicyChangeSchema))
    .mutation(({ ctx, input }) => importPolicies({ db: ctx.db, actor: ctx.actor, input })),
});
