import { AppError } from "@/server/errors";

/**
 * Errors on the wire (spec §2.5), for any service: each service names its modelled errors and their
 * statuses in its own catalog (connect/errors.ts, participant/errors.ts) and maps domain errors to
 * them in one place. The protocol core itself only raises the names every service shares.
 */

export type TFault = "client" | "server";
export type TErrorCatalog = Readonly<Record<string, { status: number; fault: TFault }>>;

/** Raised by the protocol core, so every service's catalog has them. */
export const PROTOCOL_ERRORS = {
  AccessDeniedException: { status: 403, fault: "client" },
  UnknownOperationException: { status: 404, fault: "client" },
  RequestEntityTooLargeException: { status: 413, fault: "client" },
  ThrottlingException: { status: 429, fault: "client" },
} as const satisfies TErrorCatalog;

/** A one-key union such as `{ AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_TYPE" }`. */
export type TErrorReason = Readonly<Record<string, string>>;

export class AwsError extends Error {
  readonly errorName: string;
  readonly reason?: TErrorReason;
  readonly retryAfterSeconds?: number;
  /** The methods the target does serve: the error is then a 405 with this Allow header. */
  readonly allow?: readonly string[];

  constructor(
    errorName: string,
    message: string,
    options: { reason?: TErrorReason; retryAfterSeconds?: number; allow?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AwsError";
    this.errorName = errorName;
    this.reason = options.reason;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allow = options.allow;
  }
}

/** How one service speaks about failures. */
export type TServiceErrors = {
  catalog: TErrorCatalog;
  /** The modelled 500: InternalServiceException (Connect) or InternalServerException (Participant). */
  internal: string;
  /** The service's one map from a domain error to its modelled error; `validation` is the operation's own. */
  fromAppError: (error: AppError, validation: string) => AwsError;
};

export function toAwsError(error: unknown, validation: string, errors: TServiceErrors): AwsError {
  if (error instanceof AwsError) return error;
  if (error instanceof AppError) return errors.fromAppError(error, validation);
  return new AwsError(errors.internal, "The service could not complete the request. Try again.", { cause: error });
}

/** What the API answers: a status, headers and a JSON body (no streaming, no fetch objects). */
export type TAwsResponse = { status: number; headers: Record<string, string>; body: string };

/** Spec §2.5: status, x-amzn-ErrorType, x-amzn-RequestId, a JSON body with Message (and Reason). */
export function awsErrorResponse(error: AwsError, requestId: string, errors: TServiceErrors): TAwsResponse {
  const known = errors.catalog[error.errorName];
  const name = known ? error.errorName : errors.internal;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-amzn-requestid": requestId,
    "x-amzn-errortype": name,
  };
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  if (error.allow) headers.allow = error.allow.join(", ");
  const message = known ? error.message : "The service could not complete the request. Try again.";
  const body = { __type: name, Message: message, ...(known && error.reason ? { Reason: error.reason } : {}) };
  const status = error.allow ? 405 : (errors.catalog[name]?.status ?? 500);
  return { status, headers, body: JSON.stringify(body) };
}

export function awsJsonResponse(body: unknown, requestId: string): TAwsResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId },
    body: JSON.stringify(body),
  };
}
