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
  /** A count Attache bounds (workspaces per instance) would be exceeded. */
  "QUOTA_EXCEEDED",
  "INTERNAL",
] as const;
export type TAppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: TAppErrorCode;

  constructor(code: TAppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
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
