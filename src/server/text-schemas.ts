import { z } from "zod";

/**
 * Text that comes from outside and is stored or looked up: one rule for every field, so no path can
 * store an unbounded value or a character PostgreSQL refuses (NUL) or that misleads a reader (line
 * breaks in a one-line field, bidirectional overrides). Browser-safe: the console validates with the
 * same schemas.
 */

/**
 * Control characters (C0 with NUL, DEL, C1), line and paragraph separators, bidirectional embeddings,
 * overrides and isolates, and UTF-16 halves without their partner. Ordinary Unicode, including emoji
 * and their joiner sequences, is allowed.
 */
const FORBIDDEN_CHARACTERS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\p{Cs}]/u;
const FORBIDDEN_CHARACTERS_GLOBAL = new RegExp(FORBIDDEN_CHARACTERS.source, "gu");

/** Length as Smithy and people count it: code points, not UTF-16 units (an emoji is one). */
export function codePointLength(value: string): number {
  let length = 0;
  for (const _ of value) length++;
  return length;
}

export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN_CHARACTERS.test(value);
}

export type TBoundedText = {
  /** How the field is named at the start of a sentence: "A reason", "The instance id". */
  label: string;
  /** At most this many code points. */
  max: number;
  /** At least this many code points (after trimming); 0 by default. */
  min?: number;
  /** The message for a value shorter than `min`; "<label> cannot be empty." by default. */
  tooShort?: string;
  /** Trim surrounding white space first (default). Identifiers compared as sent keep theirs. */
  trim?: boolean;
};

/** A string of at most `max` code points with none of the forbidden characters, trimmed by default. */
export function ZBoundedTextSchema({ label, max, min = 0, tooShort, trim = true }: TBoundedText) {
  const text = z.string({ error: `${label} must be text.` });
  return (trim ? text.trim() : text)
    .refine((value) => codePointLength(value) <= max, {
      message: `${label} has at most ${max} characters.`,
      abort: true,
    })
    .refine((value) => codePointLength(value) >= min, {
      message: tooShort ?? `${label} cannot be empty.`,
      abort: true,
    })
    .refine((value) => !hasForbiddenCharacters(value), {
      message: `${label} cannot contain control characters such as NUL or line breaks.`,
    });
}

/**
 * For text Attache must accept however it looks (a person's name and email from their identity
 * provider): the forbidden characters removed, then cut to `max` code points.
 */
export function sanitizeText(value: string, { max }: { max: number }): string {
  const cleaned = value.replace(FORBIDDEN_CHARACTERS_GLOBAL, "").trim();
  if (cleaned.length <= max) return cleaned;
  let cut = "";
  let length = 0;
  for (const character of cleaned) {
    if (length === max) break;
    cut += character;
    length++;
  }
  return cut.trimEnd();
}
