import type { TAppErrorCode } from "@/server/errors";
import { AwsError, PROTOCOL_ERRORS, type TErrorCatalog, type TServiceErrors } from "../protocol/errors";

/** Amazon Connect Participant's modelled errors (spec §9): no Reason unions, InternalServerException. */
export const PARTICIPANT_ERRORS = {
  ...PROTOCOL_ERRORS,
  ValidationException: { status: 400, fault: "client" },
  ServiceQuotaExceededException: { status: 402, fault: "client" },
  ConflictException: { status: 409, fault: "client" },
  InternalServerException: { status: 500, fault: "server" },
} as const satisfies TErrorCatalog;

type TParticipantErrorName = keyof typeof PARTICIPANT_ERRORS;

/**
 * The one map from domain error codes to the Participant service's errors. Its model has no
 * ResourceNotFoundException on the attachment operations: an attachment another chat owns, or none
 * at all, is the same AccessDeniedException, so a connection learns nothing about other chats.
 */
const PARTICIPANT_ERROR_FOR: Record<TAppErrorCode, TParticipantErrorName> = {
  UNAUTHENTICATED: "AccessDeniedException",
  FORBIDDEN: "AccessDeniedException",
  NOT_FOUND: "AccessDeniedException",
  INVALID_INPUT: "ValidationException",
  CONFLICT: "ConflictException",
  ALREADY_EXISTS: "ConflictException",
  UNPROCESSABLE: "ValidationException",
  FILE_REFUSED: "ValidationException",
  QUOTA_EXCEEDED: "ServiceQuotaExceededException",
  INTERNAL: "InternalServerException",
};

export const participantErrors: TServiceErrors = {
  catalog: PARTICIPANT_ERRORS,
  internal: "InternalServerException",
  fromAppError: (error) => new AwsError(PARTICIPANT_ERROR_FOR[error.code], error.message, { cause: error }),
};
