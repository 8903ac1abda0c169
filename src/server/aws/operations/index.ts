import type { TOperation } from "../operation";
import {
  describeAttachedFilesConfiguration,
  listAttachedFilesConfigurations,
  updateAttachedFilesConfiguration,
} from "./attached-files-configurations";
import { describeInstance, listInstances } from "./instances";

/** Every operation the API serves; the route table is built from their URI templates. */
export const OPERATIONS: readonly TOperation[] = [
  updateAttachedFilesConfiguration,
  describeAttachedFilesConfiguration,
  listAttachedFilesConfigurations,
  listInstances,
  describeInstance,
];
