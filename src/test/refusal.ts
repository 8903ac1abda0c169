import { expect } from "vitest";
import { AppError, type TAppErrorCode } from "@/server/errors";

/** The AppError a call was refused with (UNPROCESSABLE by default); fails the test on success or another error. */
export function refusalOf(run: () => unknown, code: TAppErrorCode = "UNPROCESSABLE"): AppError {
  try {
    run();
  } catch (error) {
    return expectAppError(error, code);
  }
  throw new Error("expected a refusal");
}

/** The same for a promise. */
export async function refusalOfAsync(
  promise: Promise<unknown>,
  code: TAppErrorCode = "UNPROCESSABLE",
): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  return expectAppError(error, code);
}

function expectAppError(error: unknown, code: TAppErrorCode): AppError {
  expect(error, "expected a refusal").toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
