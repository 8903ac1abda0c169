import { z } from "zod";
import { ZBoundedTextSchema } from "@/server/text-schemas";
import { AwsError } from "./errors";

/**
 * restJson1 input handling shared by every operation: members come from path labels, query
 * parameters and the JSON body (spec §2.1–2.2) and are validated by zod schemas built from the same
 * pieces the console uses. Any invalid member fails the whole request before the operation writes
 * anything (only the key's rate-limit count and last use are recorded, as for every signed call).
 */

export type TWireInput = { labels: Record<string, string>; query: URLSearchParams; body: Record<string, unknown> };

/** An integer bound to a query parameter arrives as decimal text. */
export function queryInteger(member: string, { min, max }: { min: number; max: number }) {
  return z
    .string()
    .regex(/^-?\d+$/, `${member} must be a whole number.`)
    .transform(Number)
    .pipe(
      z.number().int().min(min, `${member} must be at least ${min}.`).max(max, `${member} must be at most ${max}.`),
    );
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** "2 validation errors detected: MaximumSizeLimitInBytes: …; ExtensionConfiguration.AllowedExtensions.0.Extension: …" */
export function validationMessage(error: z.ZodError, candidate: unknown): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path.map(String).join(".") || "request";
    // An absent member fails its type or enum check first: say it is required.
    const missing =
      (issue.code === "invalid_type" || issue.code === "invalid_value") && valueAt(candidate, issue.path) === undefined;
    return `${path}: ${missing ? "is required." : issue.message}`;
  });
  const count = lines.length;
  return `${count} validation error${count === 1 ? "" : "s"} detected: ${lines.join("; ")}`;
}

export function parseMembers<T extends z.ZodType>(
  schema: T,
  candidate: Record<string, unknown>,
  validationError: string,
): z.output<T> {
  const result = schema.safeParse(candidate);
  if (!result.success) throw new AwsError(validationError, validationMessage(result.error, candidate));
  return result.data;
}

/** Far beyond any body these operations take (a theme nests 5 levels, a search 16); checked before any schema walks it. */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_VALUES = 10_000;

/** Why a parsed body is too deep or too large to validate, or null; iterative, so no input can exhaust the stack. */
export function jsonBoundsError(root: unknown): string | null {
  const stack: Array<[unknown, number]> = [[root, 1]];
  let values = 0;
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (++values > MAX_JSON_VALUES)
      return `The request body holds more than ${MAX_JSON_VALUES.toLocaleString("en")} values.`;
    if (value === null || typeof value !== "object") continue;
    if (depth > MAX_JSON_DEPTH) return `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return null;
}

/** The JSON body as an object: an empty body is `{}` (spec §2.2); null members count as omitted. */
export function parseJsonBody(bytes: Uint8Array, validationError: string): Record<string, unknown> {
  const text = new TextDecoder().decode(bytes).trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsError(validationError, "The request body is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsError(validationError, "The request body must be a JSON object.");
  }
  const tooLarge = jsonBoundsError(parsed);
  if (tooLarge) throw new AwsError(validationError, tooLarge);
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== null));
}

/** Epoch seconds with milliseconds, the wire form of Smithy timestamps (spec §1.5). */
export const epochSeconds = (date: Date) => date.getTime() / 1000;

/** Far longer than any token this API issues, so a forged one is refused before it is decoded. */
export const ZNextTokenSchema = ZBoundedTextSchema({ label: "The token", max: 2048, trim: false });

/** A List operation's paging members as the model binds them: `maxResults` and `nextToken` in the query. */
export const PAGE_QUERY = { maxResults: "MaxResults", nextToken: "NextToken" } as const;
export const pageMembers = (maxResults: number) => ({
  MaxResults: queryInteger("MaxResults", { min: 1, max: maxResults }).optional(),
  NextToken: ZNextTokenSchema.optional(),
});

/** Opaque page tokens, bound to their operation and scope so one list's token fails on another. */
export function encodePageToken(operation: string, scope: string, position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify({ op: operation, scope, ...position })).toString("base64url");
}

export function decodePageToken<T extends z.ZodType>(
  token: string,
  {
    operation,
    scope,
    position,
    validationError,
  }: {
    operation: string;
    scope: string;
    position: T;
    validationError: string;
  },
): z.output<T> {
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (decoded?.op === operation && decoded?.scope === scope) {
      const parsed = position.safeParse(decoded);
      if (parsed.success) return parsed.data;
    }
  } catch {
    // fall through to the error below
  }
  throw new AwsError(validationError, "NextToken is not valid for this request. Start again without NextToken.");
}
