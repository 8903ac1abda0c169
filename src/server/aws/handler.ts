import { randomUUID } from "node:crypto";
import type { TRateLimits } from "@/env";
import { createApiKeyUseRecorder } from "@/server/api-keys/api-keys";
import type { TDb } from "@/server/db";
import type { TMediaUrlPolicy } from "@/server/workspaces/media";
import {
  AwsError,
  awsErrorResponse,
  awsJsonResponse,
  type TAwsResponse,
  type TValidationErrorName,
  toAwsError,
} from "./aws-errors";
import { OPERATIONS } from "./operations";
import { createRateLimiter } from "./rate-limit";
import { createRouter, orList } from "./router";
import { createSigningKeyCache } from "./signing-keys";
import { readSignature, type THeaderReader, verifySignature } from "./sigv4";
import { parseJsonBody } from "./wire";

const MEDIA_URL_IMPORT_OFF: TMediaUrlPolicy = { allowedHosts: [], allowedAddresses: [], timeoutMs: 5_000 };

/** Far above any request these operations need; larger bodies are refused before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type TAwsHandlerOptions = {
  db: TDb;
  /** The server key that API key secrets are sealed with. */
  serverKey: string;
  rateLimits: TRateLimits;
  /** Where the API is mounted, e.g. "/api/aws". */
  prefix: string;
  /** The console's base URL, for InstanceAccessUrl and the URLs of stored media. */
  consoleUrl: string;
  /** Where ImportWorkspaceMedia may fetch a URL from; by default URL import is off. */
  mediaUrlPolicy?: TMediaUrlPolicy;
  now?: () => Date;
};

/**
 * One request as the API needs it, with no fetch objects in between: the raw request target (path
 * still percent-encoded, "//" kept), the headers, and the body read on demand, so that a request
 * refused by method or path never has its body read.
 */
export type TAwsRequest = {
  method: string;
  target: string;
  host: string | undefined;
  headers: THeaderReader;
  /** The whole body; fails with RequestEntityTooLargeException past MAX_BODY_BYTES. */
  readBody: () => Promise<Uint8Array>;
};

export type TAwsApi = {
  handle: (request: TAwsRequest) => Promise<TAwsResponse>;
  /** Resolves when the key-change listener is in place. */
  ready: Promise<void>;
  close: () => Promise<void>;
};

/** The methods some operation uses; any other gets 405 before anything else is looked at. */
export const AWS_API_METHODS: readonly string[] = [...new Set(OPERATIONS.map((operation) => operation.method))].sort();

export function methodNotAllowed(method: string, allow: readonly string[]): AwsError {
  const printable = /^[A-Za-z-]{1,20}$/.test(method) ? method : "This method";
  return new AwsError("UnknownOperationException", `${printable} is not supported here; use ${orList(allow)}.`, {
    allow,
  });
}

/** Where the API is served, in front of Next.js (see scripts/serve.ts). */
export const AWS_API_PREFIX = "/api/aws";

export function isAwsApiPath(requestTarget: string): boolean {
  const path = requestTarget.split("?")[0] ?? "";
  return path === AWS_API_PREFIX || path.startsWith(`${AWS_API_PREFIX}/`);
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
 * The Amazon Connect-compatible API (restJson1): route, authenticate (SigV4 against API keys, cached
 * per key), rate-limit, validate, call the domain core, and answer with the modelled JSON, or the
 * modelled error (never HTML, never a stack trace).
 */
export function createAwsHandler(options: TAwsHandlerOptions): TAwsApi {
  const match = createRouter(OPERATIONS);
  const now = options.now ?? (() => new Date());
  const limiter = createRateLimiter({
    db: options.db,
    limits: options.rateLimits,
    operations: OPERATIONS.map((operation) => operation.name),
    now: () => now().getTime(),
  });
  const keys = createSigningKeyCache({
    db: options.db,
    serverKey: options.serverKey,
    now: () => now().getTime(),
  });
  const recordUse = createApiKeyUseRecorder({ db: options.db });

  async function handle(request: TAwsRequest): Promise<TAwsResponse> {
    const requestId = randomUUID();
    let validationError: TValidationErrorName = "InvalidRequestException";
    try {
      if (!AWS_API_METHODS.includes(request.method)) throw methodNotAllowed(request.method, AWS_API_METHODS);
      const url = requestUrl(request);
      if (!url.pathname.startsWith(options.prefix)) throw new AwsError("UnknownOperationException", "Not found.");
      // An endpoint with a trailing slash makes the SDK send "//" after the prefix (spec §1.2).
      const path = url.pathname.slice(options.prefix.length).replace(/^\/\//, "/");
      const route = match(request.method, path);
      validationError = route.operation.validationError;

      const body = await request.readBody();
      const signed = { method: request.method, url, headers: request.headers, body };
      const at = now();
      const claim = readSignature(signed, { service: "connect", now: at });
      const key = await keys.get(claim.scope.accessKeyId);
      if (!key) {
        throw new AwsError(
          "AccessDeniedException",
          `The access key ${claim.scope.accessKeyId} does not exist or has been revoked.`,
        );
      }
      await verifySignature(signed, claim, key.signer);
      await limiter.consume({ apiKeyId: key.actor.apiKeyId, operation: route.operation.name });
      await recordUse(key.actor.apiKeyId, at);

      const wire = {
        labels: route.labels,
        query: url.searchParams,
        body: route.operation.jsonBody ? parseJsonBody(body, validationError) : {},
      };
      const output = await route.operation.run(wire, {
        db: options.db,
        actor: key.actor,
        consoleUrl: options.consoleUrl,
        mediaUrlPolicy: options.mediaUrlPolicy ?? MEDIA_URL_IMPORT_OFF,
      });
      return awsJsonResponse(output, requestId);
    } catch (error) {
      const awsError = toAwsError(error, validationError);
      if (awsError.errorName === "InternalServiceException") {
        console.error(`[attache] AWS API request ${requestId} failed:`, error);
      }
      return awsErrorResponse(awsError, requestId);
    }
  }

  return { handle, ready: keys.ready, close: keys.close };
}
