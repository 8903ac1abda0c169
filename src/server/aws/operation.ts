import type { z } from "zod";
import type { TDb } from "@/server/db";
import type { TApiKeyActor } from "@/server/team/team";
import type { TMediaUrlPolicy } from "@/server/workspaces/media";
import type { TValidationErrorName } from "./aws-errors";
import { parseMembers, type TWireInput } from "./wire";

export type TOperationContext = {
  db: TDb;
  actor: TApiKeyActor;
  consoleUrl: string;
  /** Where ImportWorkspaceMedia may fetch a URL from. */
  mediaUrlPolicy: TMediaUrlPolicy;
};

export type TOperation = {
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The model's URI template, e.g. "/attached-files-configurations/{InstanceId}/{AttachmentScope}". */
  path: string;
  validationError: TValidationErrorName;
  /** Whether the input has body members (then the SDK always sends a JSON object, at least `{}`). */
  jsonBody: boolean;
  run: (wire: TWireInput, context: TOperationContext) => Promise<unknown>;
};

/**
 * An operation from its model: where each member is bound, the zod schema of all members, and the
 * domain call. Label, query and body members are gathered into one object and validated together.
 */
export function defineOperation<T extends z.ZodType>(definition: {
  name: string;
  method: TOperation["method"];
  path: string;
  validationError: TValidationErrorName;
  jsonBody: boolean;
  /** query parameter name → member name */
  query?: Record<string, string>;
  members: T;
  run: (input: z.output<T>, context: TOperationContext) => Promise<unknown>;
}): TOperation {
  return {
    name: definition.name,
    method: definition.method,
    path: definition.path,
    validationError: definition.validationError,
    jsonBody: definition.jsonBody,
    run: (wire, context) => {
      const candidate: Record<string, unknown> = { ...wire.body, ...wire.labels };
      for (const [parameter, member] of Object.entries(definition.query ?? {})) {
        const value = wire.query.get(parameter);
        if (value !== null) candidate[member] = value;
      }
      return definition.run(parseMembers(definition.members, candidate, definition.validationError), context);
    },
  };
}
