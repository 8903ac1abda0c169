import type { TChatCaller } from "@/server/chats/chats";
import type { TOperation } from "../../protocol/operation";
import {
  completeAttachmentUploadOperation,
  createParticipantConnectionOperation,
  getAttachmentOperation,
  startAttachmentUploadOperation,
} from "./attachments";

/** The Participant operations Attache serves (spec §7B). */
export const PARTICIPANT_OPERATIONS: readonly TOperation<TChatCaller>[] = [
  createParticipantConnectionOperation,
  startAttachmentUploadOperation,
  completeAttachmentUploadOperation,
  getAttachmentOperation,
];
