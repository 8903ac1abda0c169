/**
 * Pure policy logic shared by the console (editor, linter, tester) and the server (upload checks),
 * and the constants the schemas are built from. No I/O and no zod here, so the browser can import it
 * without loading either.
 */
import { formatBytes, formatBytesPair } from "@/lib/format";
import type { TEffectivePolicy, TPolicy } from "./policy-schemas";

export const ATTACHMENT_SCOPES = ["EMAIL", "CHAT", "CASE", "TASK"] as const;
export type TAttachmentScope = (typeof ATTACHMENT_SCOPES)[number];

export const SCOPE_LABELS: Record<TAttachmentScope, string> = {
  EMAIL: "Email",
  CHAT: "Chat",
  CASE: "Cases",
  TASK: "Tasks",
};

/** 100 MB, the model's upper bound for MaximumSizeLimitInBytes. */
export const MAX_SIZE_LIMIT_IN_BYTES = 104_857_600;

export const EXTENSION_PATTERN = /^[a-zA-Z0-9-_]+$/;

/** Attache's own bound (the model has none): far above any real allowlist, it keeps rows and history small. */
export const MAX_ALLOWED_EXTENSIONS = 500;

/** Amazon Connect's documented default for a scope that has never been configured. */
export const DEFAULT_POLICY: TPolicy = Object.freeze({
  maximumSizeLimitInBytes: 20_971_520,
  allowedExtensions: Object.freeze([
    "csv",
    "doc",
    "docx",
    "heic",
    "jfif",
    "jpeg",
    "jpg",
    "mov",
    "mp4",
    "pdf",
    "png",
    "ppt",
    "pptx",
    "rtf",
    "txt",
    "wav",
    "xls",
    "xlsx",
  ]) as string[],
});

export const POLICY_EXPORT_FORMAT = "attache.attachment-policies/v1";

export type TExtensionToken = { raw: string; extension: string; error: string | null };

/**
 * Splits pasted text ("pdf, .PNG docx") into extensions the way the editor shows them: one leading
 * dot stripped, lower-cased, each with its own error. The API never strips dots; only the editor does.
 */
export function parseExtensionInput(text: string): TExtensionToken[] {
  return text
    .split(/[\s,;|]+/)
    .filter(Boolean)
    .map((raw) => {
      const extension = raw.replace(/^\*?\./, "").toLowerCase();
      return { raw, extension, error: extensionError(extension) };
    });
}

export function extensionError(extension: string): string | null {
  const length = [...extension].length;
  if (length === 0) return "Empty extension.";
  if (length > 10) return "Longer than 10 characters.";
  if (!EXTENSION_PATTERN.test(extension)) return "Only letters, digits, hyphens and underscores.";
  return null;
}

/** Extensions that run code or render active content when opened. */
export const RISKY_EXTENSIONS: ReadonlySet<string> = new Set([
  "exe",
  "bat",
  "cmd",
  "com",
  "js",
  "mjs",
  "cjs",
  "jse",
  "vbs",
  "vbe",
  "wsf",
  "wsh",
  "html",
  "htm",
  "xhtml",
  "shtml",
  "svg",
  "msi",
  "msp",
  "ps1",
  "psm1",
  "sh",
  "bash",
  "zsh",
  "jar",
  "scr",
  "pif",
  "cpl",
  "hta",
  "lnk",
  "reg",
  "dll",
  "app",
  "dmg",
  "pkg",
  "deb",
  "rpm",
  "apk",
  "docm",
  "xlsm",
  "pptm",
  "iso",
  "py",
  "php",
]);

export function findRiskyExtensions(extensions: readonly string[]): string[] {
  return extensions.filter((extension) => RISKY_EXTENSIONS.has(extension.toLowerCase()));
}

export const EXTENSION_PRESETS = [
  {
    id: "documents",
    label: "Documents",
    extensions: ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "txt", "rtf", "odt", "ods"],
  },
  {
    id: "images",
    label: "Images",
    extensions: ["png", "jpg", "jpeg", "gif", "heic", "jfif", "webp", "bmp", "tif", "tiff"],
  },
  { id: "media", label: "Audio/video", extensions: ["mp3", "wav", "m4a", "ogg", "mp4", "mov", "webm", "avi"] },
] as const;

/** Adds `extra` to `extensions`, skipping any already present ignoring case; order is kept. */
export function mergeExtensions(extensions: readonly string[], extra: readonly string[]): string[] {
  const seen = new Set(extensions.map((extension) => extension.toLowerCase()));
  const merged = [...extensions];
  for (const extension of extra) {
    if (seen.has(extension.toLowerCase())) continue;
    seen.add(extension.toLowerCase());
    merged.push(extension);
  }
  return merged;
}

export type TPolicyDiff = {
  added: string[];
  removed: string[];
  size: { before: number; after: number } | null;
  defaultChanged: { before: boolean; after: boolean } | null;
};

/** What changes from `before` to `after`; extensions compare ignoring case. */
export function diffPolicies(
  before: TPolicy & { isDefault?: boolean },
  after: TPolicy & { isDefault?: boolean },
): TPolicyDiff {
  const beforeKeys = new Set(before.allowedExtensions.map((extension) => extension.toLowerCase()));
  const afterKeys = new Set(after.allowedExtensions.map((extension) => extension.toLowerCase()));
  return {
    added: after.allowedExtensions.filter((extension) => !beforeKeys.has(extension.toLowerCase())),
    removed: before.allowedExtensions.filter((extension) => !afterKeys.has(extension.toLowerCase())),
    size:
      before.maximumSizeLimitInBytes === after.maximumSizeLimitInBytes
        ? null
        : { before: before.maximumSizeLimitInBytes, after: after.maximumSizeLimitInBytes },
    defaultChanged:
      before.isDefault === undefined || after.isDefault === undefined || before.isDefault === after.isDefault
        ? null
        : { before: before.isDefault, after: after.isDefault },
  };
}

export function isEmptyDiff(diff: TPolicyDiff): boolean {
  return !diff.added.length && !diff.removed.length && !diff.size && !diff.defaultChanged;
}

/** Same policy, ignoring extension case and order. */
export function samePolicy(a: TEffectivePolicy, b: TEffectivePolicy): boolean {
  return isEmptyDiff(diffPolicies(a, b)) && a.allowedExtensions.length === b.allowedExtensions.length;
}

/** Moved to the console's one formatting module; kept here while callers move. */
export { formatBytes };

export const FILE_REJECTION_REASONS = ["INVALID_FILE_NAME", "INVALID_FILE_TYPE", "INVALID_FILE_SIZE"] as const;
export type TFileRejectionReason = (typeof FILE_REJECTION_REASONS)[number];

export type TFileVerdict =
  | { allowed: true; extension: string }
  | { allowed: false; reason: TFileRejectionReason; message: string };

/** Letters, marks, numbers, punctuation, symbols and spaces; no control or unassigned characters. */
const FILE_NAME_PATTERN = /^\P{C}*$/u;

/**
 * The verdict an upload of `fileName` with `sizeInBytes` gets under `policy`, checked in the order
 * Amazon Connect reports them: name, then type, then size.
 */
export function judgeFile(policy: TPolicy, file: { fileName: string; sizeInBytes: number }): TFileVerdict {
  const { fileName, sizeInBytes } = file;
  const nameLength = [...fileName].length;
  if (nameLength === 0) return { allowed: false, reason: "INVALID_FILE_NAME", message: "The file has no name." };
  if (nameLength > 256) {
    return { allowed: false, reason: "INVALID_FILE_NAME", message: "The file name is longer than 256 characters." };
  }
  if (!FILE_NAME_PATTERN.test(fileName)) {
    return {
      allowed: false,
      reason: "INVALID_FILE_NAME",
      message: "The file name contains control or invisible characters.",
    };
  }
  if (/[/\\]/.test(fileName)) {
    return { allowed: false, reason: "INVALID_FILE_NAME", message: "The file name contains a slash or backslash." };
  }
  const dot = fileName.lastIndexOf(".");
  const extension = dot > 0 ? fileName.slice(dot + 1) : "";
  if (!extension) {
    return {
      allowed: false,
      reason: "INVALID_FILE_TYPE",
      message: "The file name has no extension, so its type cannot be allowed.",
    };
  }
  const allowed = policy.allowedExtensions.some((candidate) => candidate.toLowerCase() === extension.toLowerCase());
  if (!allowed) {
    return {
      allowed: false,
      reason: "INVALID_FILE_TYPE",
      message: `.${extension} files are not on this scope's list of allowed extensions.`,
    };
  }
  if (sizeInBytes < 1) {
    return {
      allowed: false,
      reason: "INVALID_FILE_SIZE",
      message: "The file is empty; its size must be at least 1 byte.",
    };
  }
  if (sizeInBytes > policy.maximumSizeLimitInBytes) {
    // Exact bytes when both would round to the same text: never "10 MB, over the limit of 10 MB".
    const [size, limit] = formatBytesPair(sizeInBytes, policy.maximumSizeLimitInBytes);
    return {
      allowed: false,
      reason: "INVALID_FILE_SIZE",
      message: `The file is ${size}, over this scope's limit of ${limit}.`,
    };
  }
  if (!Number.isSafeInteger(sizeInBytes)) {
    return {
      allowed: false,
      reason: "INVALID_FILE_SIZE",
      message: "The file size must be a whole number of bytes.",
    };
  }
  return { allowed: true, extension };
}
