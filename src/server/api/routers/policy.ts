import { z } from "zod";
import { createTRPCRouter, editorProcedure, viewerProcedure } from "@/server/api/trpc";
import {
  copyPolicy,
  exportPolicies,
  getInstancePolicies,
  importPolicies,
  listPolicyRevisions,
  resetPolicy,
  revertRevision,
  updatePolicy,
} from "@/server/policies/policies";
import {
  ZAttachmentScopeSchema,
  ZCopyPolicyInputSchema,
  ZImportPoliciesInputSchema,
  ZInstanceIdSchema,
  ZPolicyExportSchema,
  ZPolicyRevisionSchema,
  ZResetPolicyInputSchema,
  ZRevertRevisionInputSchema,
  ZScopePolicySchema,
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

  history: viewerProcedure
    .input(z.object({ instanceId: ZInstanceIdSchema, scope: ZAttachmentScopeSchema.optional() }))
    .output(z.array(ZPolicyRevisionSchema))
    .query(({ ctx, input }) => listPolicyRevisions({ db: ctx.db, actor: ctx.actor, ...input })),

  export: viewerProcedure
    .input(z.object({ instanceId: ZInstanceIdSchema }))
    .output(ZPolicyExportSchema)
    .query(({ ctx, input }) => exportPolicies({ db: ctx.db, actor: ctx.actor, instanceId: input.instanceId })),

  update: editorProcedure
    .input(ZUpdatePolicyInputSchema)
    .output(ZScopePolicySchema)
    .mutation(({ ctx, input }) => updatePolicy({ db: ctx.db, actor: ctx.actor, input })),

  reset: editorProcedure
    .input(ZResetPolicyInputSchema)
    .output(ZScopePolicySchema)
    .mutation(({ ctx, input }) => resetPolicy({ db: ctx.db, actor: ctx.actor, input })),

  revert: editorProcedure
    .input(ZRevertRevisionInputSchema)
    .output(ZScopePolicySchema)
    .mutation(({ ctx, input }) => revertRevision({ db: ctx.db, actor: ctx.actor, input })),

  copy: editorProcedure
    .input(ZCopyPolicyInputSchema)
    .output(z.array(ZScopePolicySchema))
    .mutation(({ ctx, input }) => copyPolicy({ db: ctx.db, actor: ctx.actor, input })),

  import: editorProcedure
    .input(ZImportPoliciesInputSchema)
    .output(z.array(ZScopePolicySchema))
    .mutation(({ ctx, input }) => importPolicies({ db: ctx.db, actor: ctx.actor, input })),
});
