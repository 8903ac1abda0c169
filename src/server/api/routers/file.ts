import { z } from "zod";
import { createTRPCRouter, editorProcedure, viewerProcedure } from "@/server/api/trpc";
import {
  deleteFileFromConsole,
  getFileDownload,
  listFiles,
  previewPolicyImpact,
  summarizeRejections,
} from "@/server/files/file-reports";
import {
  ZFileDownloadSchema,
  ZFileInstanceSchema,
  ZFileListSchema,
  ZFileRefSchema,
  ZFileSummaryRowSchema,
  ZListFilesInputSchema,
  ZPolicyImpactInputSchema,
  ZPolicyImpactSchema,
} from "@/server/files/file-schemas";

/** The console's Files area: an instance's uploads, its refusals, downloads and deletes, and a policy's impact. */
export const fileRouter = createTRPCRouter({
  list: viewerProcedure
    .input(ZListFilesInputSchema)
    .output(ZFileListSchema)
    .query(({ ctx, input }) => listFiles({ db: ctx.db, actor: ctx.actor, ...input })),

  summary: viewerProcedure
    .input(ZFileInstanceSchema)
    .output(z.array(ZFileSummaryRowSchema))
    .query(({ ctx, input }) => summarizeRejections({ db: ctx.db, actor: ctx.actor, instanceId: input.instanceId })),

  /** A mutation: every call signs a new one-minute URL, which the browser then navigates to. */
  download: viewerProcedure
    .input(ZFileRefSchema)
    .output(ZFileDownloadSchema)
    .mutation(({ ctx, input }) => getFileDownload({ db: ctx.db, objects: ctx.objects, actor: ctx.actor, ...input })),

  delete: editorProcedure
    .input(ZFileRefSchema)
    .output(ZFileRefSchema)
    .mutation(async ({ ctx, input }) => {
      await deleteFileFromConsole({ db: ctx.db, objects: ctx.objects, actor: ctx.actor, ...input });
      return input;
    }),

  /** How the last 30 days' uploads to a scope would have fared under a proposed policy (the editor's review). */
  policyImpact: viewerProcedure
    .input(ZPolicyImpactInputSchema)
    .output(ZPolicyImpactSchema)
    .query(({ ctx, input }) => previewPolicyImpact({ db: ctx.db, actor: ctx.actor, ...input })),
});
