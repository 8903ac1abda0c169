import type { z } from "zod";
import type { TDb } from "@/server/db";
import type { TFileChecks } from "@/server/files/files";
import type { TObjectStore } from "@/server/storage/object-store";
import type { TMediaUrlPolicy } from "@/server/workspaces/media";
import { type TIdempotency, withIdempotency } from "./idempotency";
import { parseMembers, type TWireInput } from "./wire";

/** What every operation may use besides its caller: the service's dependencies, passed in. */
export type TAwsDeps = {
  db: TDb;
  consoleUrl: string;
  /** Where ImportWorkspaceMedia may fetch a URL from. */
  mediaUrlPolicy: TMediaUrlPolicy;
  objects: TObjectStore;
  fileChecks: TFileChecks;
  now: () => Date;
};

export type TOperationContext<TActor> = TAwsDeps & { actor: TActor };

export type TOperation<TActor> = {
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The model's URI template, e.g. "/attached-files-configurations/{InstanceId}/{AttachmentScope}". */
  path: string;
  validationError: string;
  /** Whether the input has body members (then the SDK always sends a JSON object, at least `{}`). */
  jsonBody: boolean;
  run: (wire: TWireInput, context: TOperationContext<TActor>) => Promise<unknown>;
};

/**
 * An operation from its model: where each member is bound, the zod schema of all members, and the
 * domain call. Label, query and body members are gathered into one object and validated together.
 * An operation with an idempotency token names it and the scope tokens are unique in; a repeated
 * token then answers what the first call answered (see idempotency.ts).
 */
export type TOperationDefinition<TActor, T extends z.ZodType> = {
  name: string;
  method: TOperation<TActor>["method"];
  path: string;
  validationError: string;
  jsonBody: boolean;
  /** query parameter name → member name */
  query?: Record<string, string>;
  members: T;
  idempotency?: TIdempotency<z.output<T>, TOperationContext<TActor>>;
  run: (input: z.output<T>, context: TOperationContext<TActor>) => Promise<unknown>;
};

/** `defineOperation` for one service's caller type (e.g. `operationDefiner<TApiKeyActor>()`). */
export function operationDefiner<TActor>() {
  return <T extends z.ZodType>(definition: TOperationDefinition<TActor, T>) => defineOperation(definition);
}

export function defineOperation<TActor, T extends z.ZodType>(
  definition: TOperationDefinition<TActor, T>,
): TOperation<TActor> {
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
      const input = parseMembers(definition.members, candidate, definition.validationError);
      const run = () => definition.run(input, context);
      const idempotency = definition.idempotency;
      if (!idempotency) return run();
      return withIdempotency({ db: context.db, operation: definition.name, input, context, idempotency }, run);
    },
  };
}
