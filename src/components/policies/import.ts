import type { z } from "zod";
import { formatBytes, formatExactBytes } from "@/lib/format";
import {
  ATTACHMENT_SCOPES,
  DEFAULT_POLICY,
  diffPolicies,
  EXTENSION_PATTERN,
  POLICY_EXPORT_FORMAT,
  SCOPE_LABELS,
  samePolicy,
  type TAttachmentScope,
  type TPolicyDiff,
} from "@/server/policies/policy-rules";
import {
  type TEffectivePolicy,
  type TPolicyExport,
  type TScopePolicy,
  ZPolicyExportSchema,
} from "@/server/policies/policy-schemas";

export type TReadExport = { ok: true; file: TPolicyExport } | { ok: false; errors: string[] };

/** Reads an export file's text the way the import will: JSON first, then the export schema. */
export function readPolicyExport(text: string): TReadExport {
  const content = text.replace(/^\uFEFF/, "");
  if (!content.trim()) return { ok: false, errors: ["This file is empty; choose a file exported from Attache."] };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return {
      ok: false,
      errors: [
        "This file is not valid JSON, so it cannot be an Attache policy export. Export the policies again, or check that the file was not cut short or edited.",
      ],
    };
  }
  const parsed = ZPolicyExportSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  const errors = describeExportIssues(parsed.error.issues, json);
  return { ok: false, errors: errors.length ? errors : ["This file could not be read as an Attache policy export."] };
}

type TIssue = z.core.$ZodIssue;
type TPath = readonly PropertyKey[];
type TSentence = { path: TPath; text: string };

const SCOPE_LIST = `${ATTACHMENT_SCOPES.slice(0, -1).join(", ")} or ${ATTACHMENT_SCOPES.at(-1)}`;
const NOT_AN_EXPORT = "This is not an Attache policy export";
const MAX_EXTENSION_LENGTH = 10;

/** Field names in words, with the verb they take ("the size limit is", "the allowed extensions are"). */
type TField = { words: string; plural?: boolean };
const POLICY_FIELDS: Record<string, TField> = {
  maximumSizeLimitInBytes: { words: "the size limit" },
  allowedExtensions: { words: "the allowed extensions", plural: true },
  isDefault: { words: "the isDefault setting" },
};
const FILE_FIELDS: Record<string, TField> = {
  format: { words: "the format" },
  instance: { words: "the instance details", plural: true },
  "instance.id": { words: "the instance id" },
  "instance.alias": { words: "the instance alias" },
  exportedAt: { words: "the export time" },
  policies: { words: "the policies", plural: true },
};

const EXPECTED_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
  date: "a date",
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isScope = (key: unknown): key is TAttachmentScope =>
  typeof key === "string" && (ATTACHMENT_SCOPES as readonly string[]).includes(key);

function valueAt(json: unknown, path: TPath): unknown {
  let node = json;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === "number") node = node[key];
    else if (isRecord(node) && typeof key === "string" && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Where `path` sits in the file, as indexes in the parsed JSON's key order; a missing key sorts after its siblings. */
function positionOf(json: unknown, path: TPath): number[] {
  const position: number[] = [];
  let node = json;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === "number") {
      position.push(key);
      node = node[key];
    } else if (isRecord(node)) {
      const keys = Object.keys(node);
      const index = typeof key === "string" ? keys.indexOf(key) : -1;
      position.push(index === -1 ? keys.length : index);
      node = index === -1 ? undefined : node[keys[index] as string];
    } else {
      position.push(0);
      node = undefined;
    }
  }
  return position;
}

function comparePositions(a: number[], b: number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference) return difference;
  }
  return a.length - b.length;
}

/** Control and direction-changing characters shown as escapes, long values cut short. */
function quote(value: unknown): string {
  if (typeof value === "string") {
    const characters = [...value];
    const shown = characters.length > 40 ? `${characters.slice(0, 40).join("")}…` : value;
    const escaped = shown.replace(
      /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
      (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
    );
    return `“${escaped}”`;
  }
  if (typeof value === "number") return Number.isSafeInteger(value) ? value.toLocaleString("en-US") : String(value);
  if (Array.isArray(value)) return "a list";
  if (isRecord(value)) return "an object";
  return String(value);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** Zod's own messages start with a capital; after a colon they read better without one (but keep "ARN"). */
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

function sentence(scope: TAttachmentScope | null, text: string): string {
  const body = /[.!?]$/.test(text) ? text : `${text}.`;
  return scope ? `${SCOPE_LABELS[scope]}: ${body}` : capitalize(body);
}

function notAScope(key: string): string {
  const meant = ATTACHMENT_SCOPES.find(
    (scope) => scope === key.toUpperCase() || SCOPE_LABELS[scope].toLowerCase() === key.toLowerCase(),
  );
  return `${quote(key)} is not a scope: use ${SCOPE_LIST}${meant ? ` (did you mean ${meant}?)` : ""}.`;
}

function extensionProblems(extension: string): string[] {
  const shown = quote(extension);
  const problems: string[] = [];
  if (!extension) return ["one of the extensions is empty"];
  if ([...extension].length > MAX_EXTENSION_LENGTH) {
    problems.push(`the extension ${shown} is longer than ${MAX_EXTENSION_LENGTH} characters`);
  }
  if (!EXTENSION_PATTERN.test(extension)) {
    const dot =
      extension.startsWith(".") && EXTENSION_PATTERN.test(extension.slice(1)) ? " (write it without the dot)" : "";
    problems.push(`the extension ${shown} may only contain letters, digits, hyphens and underscores${dot}`);
  }
  return problems;
}

/** The words for any issue zod may report, from its code and bounds rather than its developer-facing message. */
function genericProblem(issue: TIssue, field: TField, value: unknown, missing: boolean): string {
  const { words, plural } = field;
  switch (issue.code) {
    case "invalid_type":
      if (missing) return `${words} ${plural ? "are" : "is"} missing`;
      return `${words} must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}, not ${quote(value)}`;
    case "too_big":
      if (issue.origin === "string") return `${words} ${plural ? "are" : "is"} longer than ${issue.maximum} characters`;
      if (issue.origin === "array") return `${words} may have at most ${issue.maximum} entries`;
      if (issue.origin === "number") return `${words} must be at most ${issue.maximum}, not ${quote(value)}`;
      break;
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) <= 1) return `${words} ${plural ? "are" : "is"} empty`;
      if (issue.origin === "number") return `${words} must be at least ${issue.minimum}, not ${quote(value)}`;
      break;
    case "invalid_value":
      return `${words} must be ${issue.values.map((allowed) => quote(allowed)).join(" or ")}, not ${quote(value)}`;
  }
  // The schema's own sentence, when it already names the field ("The instance alias has at most 100 characters.").
  if (issue.message.toLowerCase().includes(words.replace(/^the /, "").toLowerCase())) return lowerFirst(issue.message);
  return `${words}: ${lowerFirst(issue.message)}`;
}

function describeSizeLimit(issue: TIssue, value: unknown, missing: boolean): string {
  const words = POLICY_FIELDS.maximumSizeLimitInBytes as TField;
  if (missing) return genericProblem(issue, words, value, missing);
  const given = typeof value === "number" && Number.isSafeInteger(value) ? formatExactBytes(value) : quote(value);
  if (issue.code === "too_big" && issue.origin === "number") {
    const maximum = Number(issue.maximum);
    return `the size limit must be at most ${formatBytes(maximum)} (${formatExactBytes(maximum)}), not ${given}`;
  }
  if (issue.code === "too_small" && issue.origin === "number") {
    return `the size limit must be at least ${formatExactBytes(Number(issue.minimum))}, not ${given}`;
  }
  if (issue.code === "invalid_type") return `the size limit must be a whole number of bytes, not ${given}`;
  return genericProblem(issue, words, value, missing);
}

/** One issue in words: the scope it concerns (if any) and what is wrong with which field. */
function describeIssue(issue: TIssue, json: unknown): TSentence[] {
  const path = issue.path;
  const value = valueAt(json, path);
  const missing = value === undefined;
  const inPolicies = path[0] === "policies";
  const scope = inPolicies && isScope(path[1]) ? path[1] : null;

  if (issue.code === "unrecognized_keys" || issue.code === "invalid_key") {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [String(path.at(-1))];
    const parent = issue.code === "unrecognized_keys" ? path : path.slice(0, -1);
    return keys.map((key) => {
      const at = [...parent, key];
      if (parent.length === 1 && parent[0] === "policies") return { path: at, text: notAScope(key) };
      const owner = scope ? "a policy" : parent.length ? "the instance details" : "a policy export";
      return { path: at, text: sentence(scope, `${quote(key)} is not part of ${owner}`) };
    });
  }

  if (scope) {
    const [, , field, index] = path;
    if (field === undefined) {
      if (issue.code === "invalid_type" && !missing) {
        return [
          {
            path,
            text: sentence(
              scope,
              `the policy must be an object with maximumSizeLimitInBytes, allowedExtensions and isDefault, not ${quote(value)}`,
            ),
          },
        ];
      }
      return [{ path, text: sentence(scope, `the policy: ${lowerFirst(issue.message)}`) }];
    }
    if (field === "maximumSizeLimitInBytes" && path.length === 3) {
      return [{ path, text: sentence(scope, describeSizeLimit(issue, value, missing)) }];
    }
    if (field === "allowedExtensions" && path.length === 4 && typeof index === "number") {
      if (typeof value !== "string") {
        return [{ path, text: sentence(scope, `the extension ${quote(value)} must be text, such as "pdf"`) }];
      }
      const problems = extensionProblems(value);
      const texts = problems.length ? problems : [`the extension ${quote(value)}: ${lowerFirst(issue.message)}`];
      return texts.map((text) => ({ path, text: sentence(scope, text) }));
    }
    if (field === "allowedExtensions" && path.length === 3) {
      if (issue.code === "too_big" && issue.origin === "array") {
        const count = Array.isArray(value) ? `; the file lists ${value.length.toLocaleString("en-US")}` : "";
        return [{ path, text: sentence(scope, `at most ${issue.maximum} extensions can be allowed${count}`) }];
      }
      if (issue.code === "invalid_type" && !missing) {
        return [
          {
            path,
            text: sentence(scope, `the allowed extensions must be a list, such as ["pdf", "png"], not ${quote(value)}`),
          },
        ];
      }
    }
    const fieldWords = typeof field === "string" ? POLICY_FIELDS[field] : undefined;
    const words = fieldWords ?? { words: `the ${typeof field === "string" ? quote(field) : "policy"} field` };
    return [{ path, text: sentence(scope, genericProblem(issue, words, value, missing)) }];
  }

  if (path.length === 0) {
    return [{ path, text: `${NOT_AN_EXPORT}: it should be a JSON object with "format" and "policies".` }];
  }
  if (path.length === 1 && path[0] === "format") {
    return [
      {
        path,
        text: missing
          ? `${NOT_AN_EXPORT}: it has no "format" (an export's is "${POLICY_EXPORT_FORMAT}").`
          : `${NOT_AN_EXPORT}: its format is ${quote(value)}, not "${POLICY_EXPORT_FORMAT}".`,
      },
    ];
  }
  if (path.length === 1 && path[0] === "policies") {
    if (issue.code === "invalid_type") {
      return [
        {
          path,
          text: missing
            ? "The file has no policies."
            : `The policies must be an object with an entry per scope (${SCOPE_LIST}), not ${quote(value)}.`,
        },
      ];
    }
    return [{ path, text: sentence(null, issue.message) }];
  }
  if (inPolicies) {
    // A scope key the schema did not name as unrecognized: say what is known about it.
    return [{ path, text: sentence(null, `${quote(String(path[1]))}: ${lowerFirst(issue.message)}`) }];
  }
  const key = path.map(String).join(".");
  const field = FILE_FIELDS[key] ?? { words: `the ${quote(String(path.at(-1)))} field` };
  return [{ path, text: sentence(null, genericProblem(issue, field, value, missing)) }];
}

/** Extensions listed more than once in a scope, ignoring case: the schema's rule, said per extension. */
function describeDuplicates(json: unknown): TSentence[] {
  const policies = valueAt(json, ["policies"]);
  if (!isRecord(policies)) return [];
  return Object.entries(policies).flatMap(([scope, entry]): TSentence[] => {
    if (!isScope(scope) || !isRecord(entry) || !Array.isArray(entry.allowedExtensions)) return [];
    const groups = new Map<string, { spellings: string[]; count: number; repeatedAt: number }>();
    entry.allowedExtensions.forEach((extension: unknown, index) => {
      if (typeof extension !== "string" || extensionProblems(extension).length) return;
      const group = groups.get(extension.toLowerCase());
      if (!group) groups.set(extension.toLowerCase(), { spellings: [extension], count: 1, repeatedAt: index });
      else {
        if (group.count === 1) group.repeatedAt = index;
        group.count++;
        if (!group.spellings.includes(extension)) group.spellings.push(extension);
      }
    });
    return [...groups.values()]
      .filter((group) => group.count > 1)
      .map(({ spellings, count, repeatedAt }) => {
        const shown = spellings.map((spelling) => quote(spelling));
        const text =
          shown.length === 1
            ? `${shown[0]} is listed ${count === 2 ? "twice" : `${count} times`}; list it once`
            : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)} are the same extension; list it once`;
        return { path: ["policies", scope, "allowedExtensions", repeatedAt], text: sentence(scope, text) };
      });
  });
}

const isDuplicateRule = (issue: TIssue) =>
  issue.code === "custom" &&
  issue.path.length === 3 &&
  issue.path[0] === "policies" &&
  issue.path[2] === "allowedExtensions";

/**
 * The schema's issues with an export file as sentences a person can act on: each names the scope by its
 * label and the field in words, quoting the offending value; in file order, each once.
 */
export function describeExportIssues(issues: readonly TIssue[], json: unknown): string[] {
  const looksLikeExport = isRecord(json) && Object.hasOwn(json, "policies");
  const formatIssue = issues.find(
    (issue) => issue.path.length === 0 || (issue.path.length === 1 && issue.path[0] === "format"),
  );
  // A file of another kind: its other "errors" would only be noise.
  if (formatIssue && !looksLikeExport) return describeIssue(formatIssue, json).map(({ text }) => text);

  const duplicates = describeDuplicates(json);
  const duplicateScopes = new Set(duplicates.map(({ path }) => path[1]));
  const samePath = (a: TIssue, b: TIssue) =>
    a.path.length === b.path.length && a.path.every((key, i) => key === b.path[i]);
  // 1e30 is beyond the safe integers and above the maximum: the maximum is the one worth saying.
  const isOutshone = (issue: TIssue) =>
    issue.code === "too_big" &&
    issue.origin === "int" &&
    issues.some((other) => other !== issue && other.code === "too_big" && samePath(other, issue));
  const sentences = [
    ...issues.flatMap((issue) =>
      (isDuplicateRule(issue) && duplicateScopes.has(issue.path[1])) || isOutshone(issue)
        ? []
        : describeIssue(issue, json),
    ),
    ...duplicates,
  ];
  const ordered = sentences
    .map((item, order) => ({ ...item, order, position: positionOf(json, item.path) }))
    .sort((a, b) => comparePositions(a.position, b.position) || a.order - b.order);
  return [...new Set(ordered.map(({ text }) => text))];
}

export type TImportPreviewRow =
  | { scope: TAttachmentScope; inFile: false; current: TScopePolicy }
  | {
      scope: TAttachmentScope;
      inFile: true;
      current: TScopePolicy;
      next: TEffectivePolicy;
      diff: TPolicyDiff;
      unchanged: boolean;
    };

/** Per scope: what importing `file` changes against `current` (a default entry means the default). */
export function previewImport(file: TPolicyExport, current: readonly TScopePolicy[]): TImportPreviewRow[] {
  return ATTACHMENT_SCOPES.flatMap((scope): TImportPreviewRow[] => {
    const policy = current.find((candidate) => candidate.scope === scope);
    if (!policy) return [];
    const entry = file.policies[scope];
    if (!entry) return [{ scope, inFile: false, current: policy }];
    const next: TEffectivePolicy = entry.isDefault
      ? { ...DEFAULT_POLICY, allowedExtensions: [...DEFAULT_POLICY.allowedExtensions], isDefault: true }
      : entry;
    return [
      {
        scope,
        inFile: true,
        current: policy,
        next,
        diff: diffPolicies(policy, next),
        unchanged: samePolicy(policy, next),
      },
    ];
  });
}
