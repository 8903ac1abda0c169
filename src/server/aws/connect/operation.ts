import type { TApiKeyActor } from "@/server/team/team";
import { operationDefiner } from "../protocol/operation";

/** Connect operations are called with an API key (see service.ts). */
export const defineOperation = operationDefiner<TApiKeyActor>();
