import type { TOperation } from "../operation";
import {
  describeAttachedFilesConfiguration,
  listAttachedFilesConfigurations,
  updateAttachedFilesConfiguration,
} from "./attached-files-configurations";
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
export const OPERATIONS: readonly TOperation[] = [
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
];
