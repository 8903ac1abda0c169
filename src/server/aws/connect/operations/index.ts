import type { TApiKeyActor } from "@/server/team/team";
import type { TOperation } from "../../protocol/operation";
import {
  batchGetAttachedFileMetadataOperation,
  completeAttachedFileUploadOperation,
  createAttachedFileOperation,
  deleteAttachedFileOperation,
  getAttachedFileOperation,
  startAttachedFileUploadOperation,
} from "./attached-files";
import {
  describeAttachedFilesConfiguration,
  listAttachedFilesConfigurations,
  updateAttachedFilesConfiguration,
} from "./attached-files-configurations";
import { startChatContactOperation } from "./chat-contacts";
import { describeInstance, listInstances } from "./instances";
import {
  createWorkspaceOperation,
  deleteWorkspaceMediaOperation,
  deleteWorkspaceOperation,
  describeWorkspaceOperation,
  importWorkspaceMediaOperation,
  listWorkspaceMediaOperation,
  listWorkspacesOperation,
  searchWorkspacesOperation,
  updateWorkspaceMetadataOperation,
  updateWorkspaceThemeOperation,
  updateWorkspaceVisibilityOperation,
} from "./workspaces";

/** Every operation the API serves; the route table is built from their URI templates. */
export const CONNECT_OPERATIONS: readonly TOperation<TApiKeyActor>[] = [
  updateAttachedFilesConfiguration,
  describeAttachedFilesConfiguration,
  listAttachedFilesConfigurations,
  listInstances,
  describeInstance,
  createWorkspaceOperation,
  describeWorkspaceOperation,
  listWorkspacesOperation,
  searchWorkspacesOperation,
  deleteWorkspaceOperation,
  updateWorkspaceMetadataOperation,
  updateWorkspaceThemeOperation,
  updateWorkspaceVisibilityOperation,
  importWorkspaceMediaOperation,
  listWorkspaceMediaOperation,
  deleteWorkspaceMediaOperation,
  startAttachedFileUploadOperation,
  completeAttachedFileUploadOperation,
  getAttachedFileOperation,
  batchGetAttachedFileMetadataOperation,
  deleteAttachedFileOperation,
  createAttachedFileOperation,
  startChatContactOperation,
];
