import type { TChatCaller } from "@/server/chats/chats";
import { operationDefiner } from "../protocol/operation";

/** Participant operations are called with a chat bearer token (see service.ts). */
export const defineOperation = operationDefiner<TChatCaller>();
