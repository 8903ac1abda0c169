import { AppError, type TAppErrorCode } from "@/server/errors";

/** The modelled Amazon Connect errors this API sends (spec §2.5, §7A). */
export const AWS_ERRORS = {
  InvalidParameterException: { status: 400, fault: "client" },
  InvalidRequestException: { status: 400, fault: "client" },
  ServiceQuotaExceededException: { status: 402, fault: "client" },
  AccessDeniedException: { status: 403, fault: "client" },
  ResourceNotFoundException: { status: 404, fault: "client" },
  UnknownOperationException: { status: 404, fault: "client" },
  ResourceConflictException: { status: 409, fault: "client" },
  DuplicateResourceException: { status: 409, fault: "client" },
  RequestEntityTooLargeException: { status: 413, fault: "client" },
  ThrottlingException: { status: 429, fault: "client" },
  InternalServiceException: { status: 500, fault: "server" },
} as const;
export type TAwsErrorName = keyof typeof AWS_ERRORS;

/** The error an operation uses for invalid input: InvalidParameterException where it is listed. */
export type TValidationErrorName = "InvalidParameterException" | "InvalidRequestException";

export type TInvalidRequestReason = { AttachedFileInvalidRequestExceptionReason: string };

export class AwsError extends Error {
  readonly errorName: TAwsErrorName;
  readonly reason?: TInvalidRequestReason;
  readonly retryAfterSeconds?: number;
  /** The methods the target does serve: the error is then a 405 with this Allow header. */
  readonly allow?: readonly string[];

  constructor(
    errorName: TAwsErrorName,
    message: string,
    options: {
      reason?: TInvalidRequestReason;
      retryAfterSeconds?: number;
      allow?: readonly string[];
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AwsError";
    this.errorName = errorName;
    this.reason = options.reason;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allow = options.allow;
  }

  get status(): number {
    return this.allow ? 405 : AWS_ERRORS[this.errorName].status;
  }
}

/** The one map from domain error codes to AWS errors; invalid input uses the operation's own error. */
const AWS_ERROR_FOR: Record<TAppErrorCode, TAwsErrorName | "validation"> = {
  UNAUTHENTICATED: "AccessDeniedException",
  FORBIDDEN: "AccessDeniedException",
  NOT_FOUND: "ResourceNotFoundException",
  INVALID_INPUT: "validation",
  CONFLICT: "ResourceConflictException",
  ALREADY_EXISTS: "DuplicateResourceException",
  UNPROCESSABLE: "InvalidRequestException",
  QUOTA_EXCEEDED: "ServiceQuotaExceededException",
  INTERNAL: "InternalServiceException",
};

export function toAwsError(error: unknown, validationError: TValidationErrorName): AwsError {
  if (error instanceof AwsError) return error;
  if (error instanceof AppError) {
    const name = AWS_ERROR_FOR[error.code];
    return new AwsError(name === "validation" ? validationError : name, error.message, { cause: error });
  }
  return new AwsError("InternalServiceException", "The service could not complete the request. Try again.", {
    cause: error,
  });
}

/** What the API answers: a status, headers and a JSON body (no streaming, no fetch objects). */
export type TAwsResponse = { status: number; headers: Record<string, string>; body: string };

/** Spec §2.5: status, x-amzn-ErrorType, x-amzn-RequestId, a JSON body with Message (and Reason). */
export function awsErrorResponse(error: AwsError, requestId: string): TAwsResponse {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-amzn-requestid": requestId,
    "x-amzn-errortype": error.errorName,
  };
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  if (error.allow) headers.allow = error.allow.join(", ");
  const body = { __type: error.errorName, Message: error.message, ...(error.reason ? { Reason: error.reason } : {}) };
  return { status: error.status, headers, body: JSON.stringify(body) };
}

export function awsJsonResponse(body: unknown, requestId: string): TAwsResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId },
    body: JSON.stringify(body),
  };
}
