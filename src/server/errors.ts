import { DATABASE_UNAVAILABLE_DETAIL, DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/outage-rules";

/**
 * The one error type the domain core throws. Transports map `code` to their own vocabulary in one
 * place each (tRPC: src/server/api/errors.ts; the AWS API: its own map), so domain code never
 * imports a transport.
 */
export const APP_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "CONFLICT",
  /** A name (or other key) another resource already has. */
  "ALREADY_EXISTS",
  /** Well-formed input whose content is refused: an image that breaks a slot's rules, a URL not allowed. */
  "UNPROCESSABLE",
  /** A file an attachment policy or the content checks refuse; `detail` says which rule (TFileRefusal). */
  "FILE_REFUSED",
  /** A count Attache bounds (workspaces per instance, attachments per chat) would be exceeded; `detail` may say which. */
  "QUOTA_EXCEEDED",
  "INTERNAL",
] as const;
export type TAppErrorCode = (typeof APP_ERROR_CODES)[number];

/** Which rule refused a file: its name, its type (extension or content), or its size. */
export type TFileRefusal = "FILE_NAME" | "FILE_TYPE" | "FILE_SIZE";
/** Which bound a quota refusal hit. */
export type TQuota = "FILE_COUNT" | "TOTAL_FILE_SIZE";
/** Why a FORBIDDEN is not about the role: the action needs a sign-in at the IdP within the last few minutes. */
export type TForbidden = "RECENT_SIGN_IN";
/** Why an INTERNAL is not a bug: PostgreSQL can't be reached or didn't answer in time (see DatabaseUnavailableError). */
export type TUnavailable = typeof DATABASE_UNAVAILABLE_DETAIL;
export type TAppErrorDetail = TFileRefusal | TQuota | TForbidden | TUnavailable;

export class AppError extends Error {
  readonly code: TAppErrorCode;
  /** The finer reason a transport may report (Connect's Reason unions), in the domain's words. */
  readonly detail?: TAppErrorDetail;

  constructor(code: TAppErrorCode, message: string, options?: { cause?: unknown; detail?: TAppErrorDetail }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.detail = options?.detail;
  }
}

/**
 * PostgreSQL can't be reached or didn't answer in time (src/server/db/outage.ts tells): an outage,
 * never "no session" nor a bug. An INTERNAL for transports that know no better (the AWS API's
 * InternalServiceException); tRPC answers it with 503 SERVICE_UNAVAILABLE and detail
 * DATABASE_UNAVAILABLE (src/server/api/trpc.ts), the console with its outage state.
 */
export class DatabaseUnavailableError extends AppError {
  constructor(options?: { cause?: unknown }) {
    super("INTERNAL", DATABASE_UNAVAILABLE_MESSAGE, { cause: options?.cause, detail: DATABASE_UNAVAILABLE_DETAIL });
    this.name = "DatabaseUnavailableError";
  }
}

/** Prisma's unique-constraint violation, without importing Prisma's runtime error classes. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  if (error.code === "P2002") return true;
  // A raw query's failure (P2010) carries the driver's error.
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } }).meta
    ?.driverAdapterError?.cause;
  return error.code === "P2010" && cause?.originalCode === "23505";
}
