import { randomUUID } from "node:crypto";
import { isDatabaseUnavailable } from "@/server/db/outage";
import type { THeaderReader } from "../auth/sigv4";
import {
  AwsError,
  awsErrorResponse,
  awsJsonResponse,
  type TAwsResponse,
  type TServiceErrors,
  toAwsError,
} from "./errors";
import type { TAwsDeps } from "./operation";
import type { createRateLimiter } from "./rate-limit";
import { createRouter, orList } from "./router";
import type { TAnyAwsService } from "./service";
import { parseJsonBody } from "./wire";

/** The first line of an outage's message (Prisma's run over several, with the query's context). */
const outageCause = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).trim().split("\n", 1)[0]?.slice(0, 200) ?? "";

/** Far above any request these operations need; larger bodies are refused before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One request as the API needs it, with no fetch objects in between: the raw request target (path
 * still percent-encoded, "//" kept), the headers, and the body read on demand, so that a request
 * refused by method or path never has its body read.
 */
export type TAwsRequest = {
  method: string;
  target: string;
  host: string | undefined;
  /** The connection's remote address (never a forwarded header), or null when unknown. */
  clientAddress: string | null;
  headers: THeaderReader;
  /** The whole body; fails with RequestEntityTooLargeException past MAX_BODY_BYTES. */
  readBody: () => Promise<Uint8Array>;
};

export type TAwsApi = {
  handle: (request: TAwsRequest) => Promise<TAwsResponse>;
  /** Resolves when every service is ready (e.g. its key-change listener is in place). */
  ready: Promise<void>;
  close: () => Promise<void>;
};

export function methodNotAllowed(method: string, allow: readonly string[]): AwsError {
  const printable = /^[A-Za-z-]{1,20}$/.test(method) ? method : "This method";
  return new AwsError("UnknownOperationException", `${printable} is not supported here; use ${orList(allow)}.`, {
    allow,
  });
}

export const tooLargeError = () =>
  new AwsError("RequestEntityTooLargeException", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);

function requestUrl(request: TAwsRequest): URL {
  try {
    return new URL(request.target, `http://${request.host ?? "localhost"}`);
  } catch {
    // A malformed Host header is left to the signature check (SigV4 covers Host).
    return new URL(request.target, "http://localhost");
  }
}

/**
 * The protocol core (restJson1) for any number of services: route method + path to an operation,
 * let its service authenticate the caller, rate-limit, parse and validate, run, and answer with the
 * modelled JSON or the service's modelled error (never HTML, never a stack trace).
 */
export function createProtocolHandler({
  services,
  prefix,
  deps,
  limiter,
}: {
  services: readonly TAnyAwsService[];
  /** Where the API is mounted, e.g. "/api/aws". */
  prefix: string;
  deps: TAwsDeps;
  limiter: ReturnType<typeof createRateLimiter>;
}): TAwsApi {
  const fallback = services[0];
  if (!fallback) throw new Error("The AWS API needs at least one service.");
  const fallbackErrors = fallback.errors;
  const match = createRouter(
    services.flatMap((service) => service.operations.map((operation) => ({ ...operation, service }))),
  );
  const methods: string[] = [
    ...new Set(services.flatMap((service) => service.operations.map((operation) => operation.method))),
  ].sort();

  async function handle(request: TAwsRequest): Promise<TAwsResponse> {
    const requestId = randomUUID();
    let errors: TServiceErrors = fallbackErrors;
    let validationError = "InvalidRequestException";
    try {
      if (!methods.includes(request.method)) throw methodNotAllowed(request.method, methods);
      const url = requestUrl(request);
      if (!url.pathname.startsWith(prefix)) throw new AwsError("UnknownOperationException", "Not found.");
      // An endpoint with a trailing slash makes the SDK send "//" after the prefix (spec §1.2).
      const path = url.pathname.slice(prefix.length).replace(/^\/\//, "/");
      const route = match(request.method, path);
      const { service } = route.operation;
      errors = service.errors;
      validationError = route.operation.validationError;

      const body = await request.readBody();
      const at = deps.now();
      const caller = await service.authenticate({ method: request.method, url, headers: request.headers, body }, at);
      await limiter.consume({ caller: caller.rateLimitKey, operation: route.operation.name });
      await caller.admitted?.({ at, clientAddress: request.clientAddress });

      const wire = {
        labels: route.labels,
        query: url.searchParams,
        body: route.operation.jsonBody ? parseJsonBody(body, validationError) : {},
      };
      const output = await route.operation.run(wire, { ...deps, actor: caller.actor });
      return awsJsonResponse(output ?? {}, requestId);
    } catch (error) {
      const awsError = toAwsError(error, validationError, errors);
      if (awsError.errorName === errors.internal) {
        // An outage fails every request alike: one line each, not a stack trace each.
        if (isDatabaseUnavailable(error)) {
          console.error(`[attache] AWS API request ${requestId}: the database is unavailable (${outageCause(error)})`);
        } else console.error(`[attache] AWS API request ${requestId} failed:`, error);
      }
      return awsErrorResponse(awsError, requestId, errors);
    }
  }

  return {
    handle,
    ready: Promise.all(services.map((service) => service.ready)).then(() => undefined),
    close: async () => {
      await Promise.all(services.map((service) => service.close?.()));
    },
  };
}
