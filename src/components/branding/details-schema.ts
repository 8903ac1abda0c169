import { z } from "zod";
import {
  ZWorkspaceDescriptionSchema,
  ZWorkspaceNameSchema,
  ZWorkspaceTitleSchema,
  ZWorkspaceVisibilitySchema,
} from "@/server/workspaces/workspace-schemas";

/** A workspace's details as the console edits them, with the server's own member schemas. */
export const ZWorkspaceDetailsSchema = z.object({
  name: ZWorkspaceNameSchema,
  title: ZWorkspaceTitleSchema,
  description: ZWorkspaceDescriptionSchema,
  visibility: ZWorkspaceVisibilitySchema,
});
export type TWorkspaceDetails = z.infer<typeof ZWorkspaceDetailsSchema>;
