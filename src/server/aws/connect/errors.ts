import type { AppError, TAppErrorCode } from "@/server/errors";
import { AwsError, PROTOCOL_ERRORS, type TErrorCatalog, type TServiceErrors } from "../protocol/errors";

/** Amazon Connect's modelled errors (spec §9), and the ones the protocol core raises. */
export const CONNECT_ERRORS = {
  ...PROTOCOL_ERRORS,
  InvalidParameterException: { status: 400, fault: "client" },
  InvalidRequestException: { status: 400, fault: "client" },
  ServiceQuotaExceededException: { status: 402, fault: "client" },
  ResourceNotFoundException: { status: 404, fault: "client" },
  ResourceConflictException: { status: 409, fault: "client" },
  DuplicateResourceException: { status: 409, fault: "client" },
  InternalServiceException: { status: 500, fault: "server" },
} as const satisfies TErrorCatalog;

export type TConnectErrorName = keyof typeof CONNECT_ERRORS;

/** Connect's validation error per operation: InvalidParameterException where the operation lists it. */
export type TConnectValidationError = "InvalidParameterException" | "InvalidRequestException";

/** The one map from domain error codes to Connect's errors; invalid input uses the operation's own. */
const CONNECT_ERROR_FOR: Record<TAppErrorCode, TConnectErrorName | "validation"> = {
  UNAUTHENTICATED: "AccessDeniedException",
  FORBIDDEN: "AccessDeniedException",
  NOT_FOUND: "ResourceNotFoundException",
  INVALID_INPUT: "validation",
  CONFLICT: "ResourceConflictException",
  ALREADY_EXISTS: "DuplicateResourceException",
  UNPROCESSABLE: "InvalidRequestException",
  FILE_REFUSED: "InvalidRequestException",
  QUOTA_EXCEEDED: "ServiceQuotaExceededException",
  INTERNAL: "InternalServiceException",
};

/** The domain's refusal reasons in Connect's unions (spec §8). */
const FILE_REFUSAL_REASON = {
  FILE_NAME: "INVALID_FILE_NAME",
  FILE_TYPE: "INVALID_FILE_TYPE",
  FILE_SIZE: "INVALID_FILE_SIZE",
} as const;
const QUOTA_REASON = { FILE_COUNT: "TOTAL_FILE_COUNT_EXCEEDED", TOTAL_FILE_SIZE: "TOTAL_FILE_SIZE_EXCEEDED" } as const;

function reasonOf(error: AppError): Record<string, string> | undefined {
  const detail = error.detail;
  if (error.code === "FILE_REFUSED" && detail && detail in FILE_REFUSAL_REASON) {
    return {
      AttachedFileInvalidRequestExceptionReason: FILE_REFUSAL_REASON[detail as keyof typeof FILE_REFUSAL_REASON],
    };
  }
  if (error.code === "QUOTA_EXCEEDED" && detail && detail in QUOTA_REASON) {
    return { AttachedFileServiceQuotaExceededExceptionReason: QUOTA_REASON[detail as keyof typeof QUOTA_REASON] };
  }
  return undefined;
}

export const connectErrors: TServiceErrors = {
  catalog: CONNECT_ERRORS,
  internal: "InternalServiceException",
  fromAppError(error, validation) {
    const name = CONNECT_ERROR_FOR[error.code];
    return new AwsError(name === "validation" ? validation : name, error.message, {
      reason: reasonOf(error),
      cause: error,
    });
  },
};
