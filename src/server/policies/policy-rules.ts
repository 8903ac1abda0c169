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

/**
 * Control, format (bidi overrides, zero-width), unassigned, private-use and surrogate code points (\p{C}),
 * the default-ignorable ones that render as nothing (Hangul fillers, variation selectors), line and
 * paragraph separators, and the blank Braille pattern.
 */
const INVISIBLE_CHARACTER = /[\p{C}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\u2800]/u;

/**
 * Characters drawn like a dot or a slash, used to fake an extension ("invoice\u2024pdf") or a path.
 * Left out on purpose, as ordinary in real names: U+00B7 MIDDLE DOT (Catalan), U+3002 IDEOGRAPHIC FULL
 * STOP, the Arabic-Indic zeros, and combining dots (Vietnamese in NFD, as macOS stores names).
 */
const DOT_OR_SLASH_LOOKALIKES: ReadonlySet<string> = new Set(
  [
    // Dots: one and two dot leaders, hyphenation point, Syriac full stops, word separator middle dot,
    // Lisu tone mya ti, Vai full stop, small, fullwidth and halfwidth-ideographic full stops, Kharoshthi
    // dot, musical augmentation dot.
    0x2024, 0x2025, 0x2027, 0x0701, 0x0702, 0x2e31, 0xa4f8, 0xa60e, 0xfe52, 0xff0e, 0xff61, 0x10a50, 0x1d16d,
    // Slashes: fraction, division, set minus, box-drawing diagonals, mathematical diagonals, big solidus and
    // reverse solidus, vertical kana repeat mark, small and fullwidth (reverse) solidus, Philippine single
    // punctuation, Kangxi radical slash, combining solidus overlays.
    0x2044, 0x2215, 0x2216, 0x2571, 0x2572, 0x27cb, 0x27cd, 0x29f8, 0x29f9, 0x3033, 0xfe68, 0xff0f, 0xff3c, 0x1735,
    0x2f03, 0x0337, 0x0338, 0x20e5,
  ].map((codePoint) => String.fromCodePoint(codePoint)),
);

/** Characters Windows does not allow in a file name (the slashes are refused before this). */
const WINDOWS_FORBIDDEN_CHARACTER = /[<>:"|?*]/;

const WHITESPACE_AT_START = /^[\s\p{Z}]/u;
const DOT_OR_WHITESPACE_AT_END = /[\s\p{Z}.]$/u;

/** Device names Windows reserves, with or without an extension ("nul.txt", "CON .txt"). */
const WINDOWS_DEVICE_NAME =
  /^(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9\u00B9\u00B2\u00B3]|LPT[0-9\u00B9\u00B2\u00B3])$/i;

/**
 * Document and media extensions a double-extension trick pretends to be ("report.pdf.exe"): the
 * Connect default list, the editor's presets and a few more.
 */
const DECOY_EXTENSIONS: ReadonlySet<string> = new Set([
  ...DEFAULT_POLICY.allowedExtensions,
  ...EXTENSION_PRESETS.flatMap((preset) => preset.extensions),
  ..."txt text csv tsv log md json xml rtf odt ods odp pages key numbers eml msg ics vcf".split(" "),
  ..."jpe svg ico psd raw mp3 m4a aac flac ogg wma wmv mkv mpg mpeg 3gp".split(" "),
  ..."zip rar 7z gz tgz tar".split(" "),
]);

/** What follows the last dot, "" when there is no dot. */
function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1);
}

/**
 * Why `fileName` is not an acceptable file name, in one sentence, or null when it is. Only the name's
 * shape: whether its extension is allowed is the policy's business.
 */
export function fileNameProblem(fileName: string): string | null {
  const nameLength = [...fileName].length;
  if (nameLength === 0) return "The file has no name.";
  if (nameLength > 256) return "The file name is longer than 256 characters.";
  if (INVISIBLE_CHARACTER.test(fileName)) return "The file name contains control or invisible characters.";
  if (/[/\\]/.test(fileName)) return "The file name contains a slash or backslash.";
  if ([...fileName].some((character) => DOT_OR_SLASH_LOOKALIKES.has(character))) {
    return "The file name contains a character that looks like a dot or a slash.";
  }
  const forbidden = WINDOWS_FORBIDDEN_CHARACTER.exec(fileName)?.[0];
  if (forbidden) return `The file name contains ${forbidden}, which Windows does not allow in file names.`;
  if (/^\.+$/.test(fileName)) return "The file name is only dots.";
  if (DOT_OR_WHITESPACE_AT_END.test(fileName)) return "The file name ends with a dot or a space.";
  if (WHITESPACE_AT_START.test(fileName)) return "The file name starts with a space.";

  const extension = extensionOf(fileName);
  // Compatibility characters (fullwidth letters, ligatures) fold into others under NFKC: a name whose
  // extension or separators change that way shows one thing and is another ("setup\uFF0E\uFF45\uFF58\uFF45").
  const folded = fileName.normalize("NFKC");
  if (folded !== fileName) {
    if (extensionOf(folded) !== extension) return "The file name uses look-alike characters that change its extension.";
    if (/[/\\]/.test(folded) || INVISIBLE_CHARACTER.test(folded)) {
      return "The file name uses look-alike characters that turn into a slash or an invisible character.";
    }
  }

  const dot = fileName.lastIndexOf(".");
  if (dot >= 0 && /^[.\s\p{Z}]*$/u.test(fileName.slice(0, dot))) {
    return "The file name has nothing before its extension.";
  }

  for (const name of new Set([fileName, folded])) {
    const stem = (name.split(".")[0] ?? "").trimEnd();
    if (WINDOWS_DEVICE_NAME.test(stem)) return `The file name uses ${stem}, a name Windows reserves for a device.`;
  }

  // Extensions are ASCII (EXTENSION_PATTERN): a word-like one with other characters is a look-alike
  // ("report.\uFF50df", "invoice.pdf.\u0435xe" with a Cyrillic e). Text with spaces after a dot
  // ("Dr. M\u00FCller notes") is not an extension at all, which the type check reports.
  if (/^[^\s\p{Z}]{1,10}$/u.test(extension) && /[^\x20-\x7E]/.test(extension)) {
    return "The file name's extension uses characters other than ASCII letters, digits, hyphens and underscores.";
  }

  const parts = fileName.split(".");
  if (parts.length >= 3 && RISKY_EXTENSIONS.has(extension.toLowerCase())) {
    const decoy = parts.slice(1, -1).some((part) => DECOY_EXTENSIONS.has(part.trim().toLowerCase()));
    if (decoy) return `The file name hides its real type: ${fileName} ends in .${extension}.`;
  }
  return null;
}

/**
 * The verdict an upload of `fileName` with `sizeInBytes` gets under `policy`, checked in the order
 * Amazon Connect reports them: name (fileNameProblem), then type, then size.
 */
export function judgeFile(policy: TPolicy, file: { fileName: string; sizeInBytes: number }): TFileVerdict {
  const { fileName, sizeInBytes } = file;
  const nameProblem = fileNameProblem(fileName);
  if (nameProblem) return { allowed: false, reason: "INVALID_FILE_NAME", message: nameProblem };
  const extension = extensionOf(fileName);
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
