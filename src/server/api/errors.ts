import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { TAppErrorCode } from "@/server/errors";

/** The one map from domain error codes to tRPC codes. */
export const TRPC_CODE_FOR: Record<TAppErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  INVALID_INPUT: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  ALREADY_EXISTS: "CONFLICT",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  QUOTA_EXCEEDED: "FORBIDDEN",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};
