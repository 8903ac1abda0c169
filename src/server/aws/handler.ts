import { randomUUID } from "node:crypto";
import type { TRateLimits } from "@/env";
import { findSigningKey, markApiKeyUsed } from "@/server/api-keys/api-keys";
import type { TDb } from "@/server/db";
import { AwsError, awsErrorResponse, awsJsonResponse, type TValidationErrorName, toAwsError } from "./aws-errors";
import { OPERATIONS } from "./operations";
import { createRateLimiter } from "./rate-limit";
import { createRouter } from "./router";
import { readSignature, verifySignature } from "./sigv4";
import { parseJsonBody } from "./wire";

/** Far above any request these operations need; larger bodies are refused before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type TAwsHandlerOptions = {
  db: TDb;
  /** The server key that API key secrets are sealed with. */
  serverKey: string;
  rateLimits: TRateLimits;
  /** Where the API is mounted, e.g. "/api/aws". */
  prefix: string;
  /** The console's base URL, for InstanceAccessUrl. */
  consoleUrl: string;
  now?: () => Date;
};

/** The methods some operation uses; any other gets 405 before anything else is looked at. */
export const AWS_API_METHODS: readonly string[] = [...new Set(OPERATIONS.map((operation) => operation.method))].sort();

export function methodNotAllowed(method: string, allow: readonly string[]): AwsError {
  const printable = /^[A-Za-z-]{1,20}$/.test(method) ? method : "This method";
  return new AwsError("UnknownOperationException", `${printable} is not supported here; use ${allow.join(" or ")}.`, {
    allow,
  });
}

/** Where the API is served, in front of Next.js (see scripts/serve.ts). */
export const AWS_API_PREFIX = "/api/aws";

export function isAwsApiPath(requestTarget: string): boolean {
  const path = requestTarget.split("?")[0] ?? "";
  return path === AWS_API_PREFIX || path.startsWith(`${AWS_API_PREFIX}/`);
}

const tooLarge = () =>
  new AwsError("RequestEntityTooLargeException", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);

/** Reads the body, stopping as soon as it passes the limit (a chunked body declares no length). */
async function readBody(request: Request): Promise<Uint8Array> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The Amazon Connect-compatible API (restJson1) as a fetch-style handler: route, authenticate
 * (SigV4 against API keys), rate-limit, validate, call the domain core, and answer with the
 * modelled JSON, or the modelled error (never HTML, never a stack trace).
 */
export function createAwsHandler(options: TAwsHandlerOptions): (request: Request) => Promise<Response> {
  const match = createRouter(OPERATIONS);
  const limiter = createRateLimiter({
    db: options.db,
    limits: options.rateLimits,
    operations: OPERATIONS.map((operation) => operation.name),
  });
  const now = options.now ?? (() => new Date());

  return async function handle(request) {
    const requestId = randomUUID();
    let validationError: TValidationErrorName = "InvalidRequestException";
    try {
      if (!AWS_API_METHODS.includes(request.method)) throw methodNotAllowed(request.method, AWS_API_METHODS);
      const url = new URL(request.url);
      if (!url.pathname.startsWith(options.prefix)) throw new AwsError("UnknownOperationException", "Not found.");
      // An endpoint with a trailing slash makes the SDK send "//" after the prefix (spec §1.2).
      const path = url.pathname.slice(options.prefix.length).replace(/^\/\//, "/");
      const route = match(request.method, path);
      validationError = route.operation.validationError;

      const body = await readBody(request);
      const signed = { method: request.method, url, headers: request.headers, body };
      const claim = readSignature(signed, { service: "connect", now: now() });
      const key = await findSigningKey({
        db: options.db,
        accessKeyId: claim.scope.accessKeyId,
        serverKey: options.serverKey,
      });
      if (!key) {
        throw new AwsError(
          "AccessDeniedException",
          `The access key ${claim.scope.accessKeyId} does not exist or has been revoked.`,
        );
      }
      await verifySignature(signed, claim, key.secretAccessKey);
      await limiter.consume({ apiKeyId: key.actor.apiKeyId, operation: route.operation.name });
      await markApiKeyUsed({ db: options.db, apiKeyId: key.actor.apiKeyId, now: now() });

      const wire = {
        labels: route.labels,
        query: url.searchParams,
        body: route.operation.jsonBody ? parseJsonBody(body, validationError) : {},
      };
      const output = await route.operation.run(wire, {
        db: options.db,
        actor: key.actor,
        consoleUrl: options.consoleUrl,
      });
      return awsJsonResponse(output, requestId);
    } catch (error) {
      const awsError = toAwsError(error, validationError);
      if (awsError.errorName === "InternalServiceException") {
        console.error(`[attache] AWS API request ${requestId} failed:`, error);
      }
      return awsErrorResponse(awsError, requestId);
    }
  };
}
