/**
 * What the bytes of an uploaded file are, against what its name says. Node-side (file-type); the
 * name rules live in policy-rules.ts, browser-safe. Three layers, in this order:
 *
 * 1. Programs and scripts are refused under any extension: our own sniffers (PE/MZ, ELF, Mach-O incl.
 *    fat binaries, Java class, WebAssembly, Dalvik, Windows shortcut, shebang, Windows Installer) and
 *    file-type's detections of executable formats (EXECUTABLE_FORMATS).
 * 2. An extension with a binary signature (BINARY_SIGNATURES) must have one of its formats.
 * 3. Every other extension is text: no other format may be detected in it (except harmless text ones
 *    such as XML or vCard, and the extension's own, e.g. a .cr2 detected as cr2; isWeakDetection
 *    drops file-type's guesses from two or three letters of prose), no NUL bytes, and no HTML, SVG or
 *    PHP at the start unless the extension is a markup one (MARKUP_EXTENSIONS). SVG is text with its
 *    own rules (svgProblem).
 *
 * Only the head is read (INSPECT_BYTES), so what hides further in is out of reach: a script deep in a
 * large SVG, a program as the third member of a ZIP.
 */
import { fileTypeFromBuffer } from "file-type";

/** How much of the file to inspect: the sample size file-type's readme reads for a reliable detection. */
export const INSPECT_BYTES = 4100;

export type TInspection =
  | { ok: true; detectedMime?: string }
  | { ok: false; reason: "INVALID_FILE_TYPE"; message: string };

const ISO_MEDIA = ["mp4", "m4a", "m4v", "m4b", "m4p", "mov", "3gp", "3g2", "f4v", "f4a", "f4b", "f4p"] as const;
const OGG = ["ogg", "oga", "ogv", "ogm", "ogx", "opus", "spx"] as const;
const CFB = ["cfb"] as const;

/**
 * The one map of binary extensions: an extension here must be one of the listed formats, named as
 * file-type names them (its `ext`). OOXML and ODF files are ZIPs, and file-type only names them
 * precisely when the part it looks for is in the head, so a plain "zip" is accepted for them too.
 * The legacy Office extensions are OLE compound files ("cfb"), checked not to be Windows Installers.
 */
export const BINARY_SIGNATURES: Readonly<Record<string, readonly string[]>> = {
  pdf: ["pdf", "ai"],
  png: ["png", "apng"],
  apng: ["apng", "png"],
  jpg: ["jpg"],
  jpeg: ["jpg"],
  jpe: ["jpg"],
  jfif: ["jpg"],
  gif: ["gif"],
  webp: ["webp"],
  bmp: ["bmp"],
  tif: ["tif"],
  tiff: ["tif"],
  heic: ["heic"],
  heif: ["heic"],
  avif: ["avif"],
  ico: ["ico"],
  psd: ["psd"],
  mp3: ["mp3"],
  mp4: ISO_MEDIA,
  m4a: ISO_MEDIA,
  m4v: ISO_MEDIA,
  mov: ISO_MEDIA,
  "3gp": ISO_MEDIA,
  wav: ["wav"],
  ogg: OGG,
  oga: OGG,
  ogv: OGG,
  opus: OGG,
  webm: ["webm"],
  mkv: ["mkv", "webm"],
  avi: ["avi"],
  flac: ["flac"],
  aac: ["aac"],
  amr: ["amr"],
  mpg: ["mpg"],
  mpeg: ["mpg"],
  zip: ["zip"],
  docx: ["docx", "zip"],
  xlsx: ["xlsx", "zip"],
  pptx: ["pptx", "zip"],
  odt: ["odt", "zip"],
  ods: ["ods", "zip"],
  odp: ["odp", "zip"],
  epub: ["epub", "zip"],
  doc: CFB,
  dot: CFB,
  xls: CFB,
  xlt: CFB,
  ppt: CFB,
  pot: CFB,
  pps: CFB,
  msg: CFB,
  rtf: ["rtf"],
  gz: ["gz", "tar.gz"],
  tgz: ["gz", "tar.gz"],
  tar: ["tar"],
  bz2: ["bz2"],
  xz: ["xz"],
  "7z": ["7z"],
  rar: ["rar"],
  woff: ["woff"],
  woff2: ["woff2"],
  ttf: ["ttf"],
  otf: ["otf"],
};

/** Text extensions that are markup themselves, so markup at their start is what they are. */
const MARKUP_EXTENSIONS: ReadonlySet<string> = new Set([
  "html",
  "htm",
  "xhtml",
  "xht",
  "shtml",
  "xml",
  "xsl",
  "xslt",
  "rss",
  "atom",
  "php",
  "hta",
]);

/** Text formats file-type recognises that any text extension may hold. */
const HARMLESS_TEXT_FORMATS: ReadonlySet<string> = new Set(["xml", "ics", "vcf", "vtt"]);

/** file-type's detections of programs, installers, packages and macro documents: refused under any name. */
const EXECUTABLE_FORMATS: Readonly<Record<string, string>> = {
  exe: "a Windows program",
  elf: "a Linux program",
  macho: "a macOS program",
  class: "a Java class file",
  wasm: "a WebAssembly module",
  swf: "a Flash program",
  lnk: "a Windows shortcut",
  alias: "a macOS alias",
  apk: "an Android app",
  jar: "a Java archive",
  crx: "a Chrome extension",
  xpi: "a Firefox extension",
  deb: "a Debian package",
  rpm: "an RPM package",
  dmg: "a macOS disk image",
  chm: "a compiled HTML help file",
  reg: "a Windows registry file",
  docm: "a Word document with macros",
  dotm: "a Word template with macros",
  xlsm: "an Excel workbook with macros",
  xltm: "an Excel template with macros",
  pptm: "a PowerPoint presentation with macros",
  potm: "a PowerPoint template with macros",
  ppsm: "a PowerPoint slideshow with macros",
};

/** How messages name a format, by extension or file-type detection; others are "a .ext file". */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  pdf: "a PDF",
  ai: "an Illustrator file",
  png: "a PNG image",
  apng: "an animated PNG image",
  jpg: "a JPEG image",
  jpeg: "a JPEG image",
  jpe: "a JPEG image",
  jfif: "a JPEG image",
  gif: "a GIF image",
  webp: "a WebP image",
  bmp: "a BMP image",
  tif: "a TIFF image",
  tiff: "a TIFF image",
  heic: "a HEIC image",
  heif: "a HEIF image",
  avif: "an AVIF image",
  ico: "an icon",
  psd: "a Photoshop image",
  svg: "an SVG image",
  mp3: "an MP3 audio file",
  mp4: "an MP4 video",
  m4a: "an M4A audio file",
  m4v: "an M4V video",
  mov: "a QuickTime video",
  wav: "a WAV audio file",
  ogg: "an Ogg file",
  opus: "an Opus audio file",
  webm: "a WebM video",
  mkv: "a Matroska video",
  avi: "an AVI video",
  flac: "a FLAC audio file",
  zip: "a ZIP archive",
  docx: "a Word document",
  xlsx: "an Excel workbook",
  pptx: "a PowerPoint presentation",
  odt: "an OpenDocument text",
  ods: "an OpenDocument spreadsheet",
  odp: "an OpenDocument presentation",
  epub: "an EPUB book",
  doc: "a Word 97-2003 document",
  xls: "an Excel 97-2003 workbook",
  ppt: "a PowerPoint 97-2003 presentation",
  msg: "an Outlook message",
  cfb: "an OLE compound file",
  rtf: "an RTF document",
  gz: "a gzip archive",
  "tar.gz": "a gzipped tar archive",
  tgz: "a gzipped tar archive",
  tar: "a tar archive",
  "7z": "a 7-Zip archive",
  rar: "a RAR archive",
  bz2: "a bzip2 archive",
  xz: "an xz archive",
  ps: "a PostScript program",
  eps: "an EPS file",
  xml: "XML",
  ...EXECUTABLE_FORMATS,
};

function nameOf(format: string): string {
  const name = FORMAT_NAMES[format];
  if (name) return name;
  // "an MKV file", "a CR2 file": the article goes by how the first letter is spelled out.
  const acronym = format.toUpperCase();
  return `${/^[AEFHILMNORSX]/.test(acronym) ? "an" : "a"} ${acronym} file`;
}

function expectedOf(extension: string): string {
  return FORMAT_NAMES[extension] ?? `a .${extension} file`;
}

function refuse(message: string): TInspection {
  return { ok: false, reason: "INVALID_FILE_TYPE", message };
}

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  return head.length >= offset + bytes.length && bytes.every((byte, index) => head[offset + index] === byte);
}

/** The unsigned 16- or 32-bit number at `offset`, or -1 past the end of the head. */
function readUint(head: Uint8Array, offset: number, bytes: 2 | 4, littleEndian: boolean): number {
  if (offset + bytes > head.length) return -1;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return bytes === 2 ? view.getUint16(offset, littleEndian) : view.getUint32(offset, littleEndian);
}

/** Control bytes no text file has (NUL and C0 controls but tab, line breaks, form feed and escape). */
function hasBinaryControlBytes(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b));
}

const encoder = new TextEncoder();

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A Windows Installer package (MSI, patch or transform) is an OLE compound file whose root entry has
 * the class ID {000C1084-, -1086- or -1082-0000-0000-C000-000000000046}; seen when the first directory
 * sector is in the head.
 */
function isWindowsInstaller(head: Uint8Array): boolean {
  if (!startsWith(head, CFB_MAGIC) || head.length < 0x34) return false;
  const sectorShift = readUint(head, 0x1e, 2, true);
  if (sectorShift !== 9 && sectorShift !== 12) return false;
  const rootEntry = (readUint(head, 0x30, 4, true) + 1) * 2 ** sectorShift;
  const classId = rootEntry + 0x50;
  if (classId + 16 > head.length) return false;
  if (![0x84, 0x86, 0x82].includes(head[classId] ?? -1)) return false;
  return startsWith(head, [0x10, 0x0c, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46], classId + 1);
}

const MACH_O_MAGICS = [
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbf], // fat, 64-bit
  [0xbe, 0xba, 0xfe, 0xca], // fat, byte-swapped
];

/** Our own look at the first bytes: what program or script this is, or null. */
function sniffExecutable(head: Uint8Array): string | null {
  if (startsWith(head, [0x4d, 0x5a])) {
    // A PE file (exe, dll, sys, scr) has "PE\0\0" where e_lfanew points. A DOS program has no such
    // header but binary fields in its first 64 bytes; a text that merely starts with "MZ" has neither.
    const peHeader = readUint(head, 0x3c, 4, true);
    if (peHeader >= 2 && startsWith(head, [0x50, 0x45, 0, 0], peHeader)) return "a Windows program";
    if (hasBinaryControlBytes(head.subarray(0, 0x40))) return "a Windows program";
  }
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return "a Linux program";
  if (MACH_O_MAGICS.some((magic) => startsWith(head, magic))) return "a macOS program";
  if (startsWith(head, [0xca, 0xfe, 0xba, 0xbe])) {
    // Shared by fat Mach-O binaries (a small architecture count follows) and Java classes (a major
    // version of 45 or more); both are programs.
    const count = readUint(head, 4, 4, false);
    return count > 0 && count <= 30 ? "a macOS program" : "a Java class file";
  }
  if (startsWith(head, [0x00, 0x61, 0x73, 0x6d])) return "a WebAssembly module";
  if (startsWith(head, [0x64, 0x65, 0x78, 0x0a])) return "an Android program";
  if (startsWith(head, [0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0])) return "a Windows shortcut";
  if (isWindowsInstaller(head)) return "a Windows installer";
  // "#!/bin/sh", "#! /usr/bin/env python", after an optional UTF-8 byte order mark.
  const start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  if (startsWith(head, [0x23, 0x21], start)) {
    const rest = new TextDecoder().decode(head.subarray(start + 2, start + 64));
    if (/^[ \t]*\//.test(rest)) return "a script";
  }
  return null;
}

function hasUtf16Mark(head: Uint8Array): boolean {
  return startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
}

/** The head as text: UTF-16 when it has a UTF-16 byte order mark, UTF-8 otherwise; without the mark. */
function decodeText(head: Uint8Array): { text: string; hasNul: boolean } {
  if (hasUtf16Mark(head)) {
    const text = new TextDecoder(head[0] === 0xff ? "utf-16le" : "utf-16be").decode(head.subarray(2));
    return { text, hasNul: text.includes("\u0000") };
  }
  const text = new TextDecoder("utf-8").decode(head).replace(/^\uFEFF/, "");
  return { text, hasNul: head.includes(0) };
}

/** The text after leading whitespace, XML declarations, processing instructions and comments. */
function afterProlog(text: string): string {
  let rest = text.trimStart();
  for (;;) {
    const prolog = /^(?:<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->)\s*/i.exec(rest);
    if (!prolog) return rest;
    rest = rest.slice(prolog[0].length);
  }
}

/** Markup that makes a browser run or render a page, by how the text starts. */
const LEADING_MARKUP: ReadonlyArray<[RegExp, string]> = [
  [/^<!doctype\s+html/i, "HTML"],
  [/^<(?:html|head|body|script|iframe|frameset|object|embed|img|style|meta|link|form|base)[\s/>]/i, "HTML"],
  [/^<svg[\s/>]/i, "SVG markup"],
  [/^<\?php/i, "PHP code"],
];

function leadingMarkup(text: string): string | null {
  const start = afterProlog(text);
  return LEADING_MARKUP.find(([pattern]) => pattern.test(start))?.[1] ?? null;
}

/** Parts of an SVG that run code, load other documents or expand entities. */
const ACTIVE_SVG =
  /<script|javascript:|vbscript:|data:\s*(?:text\/html|image\/svg|application\/xhtml)|[\s"'/]on[a-z]+\s*=|<foreignobject|<iframe|<embed|<object|<!entity|<handler|<listener|attributename\s*=\s*["']?\s*on/i;

function svgProblem(text: string): string | null {
  // Character references and the tabs and newlines browsers drop from URLs would hide "javascript:".
  const decoded = text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000))
    .replace(/&#([0-9]+);?/g, (_, digits: string) => String.fromCodePoint(Number.parseInt(digits, 10) % 0x110000))
    .replace(/&(?:tab|newline);/gi, "")
    .replace(/[\t\n\r]/g, "");
  if (ACTIVE_SVG.test(text) || ACTIVE_SVG.test(decoded)) {
    return "The SVG image contains a script, an event handler or another active part.";
  }
  const start = afterProlog(text).replace(/^<!doctype\s+svg[^>[]*>\s*/i, "");
  if (!/^<svg[\s/>]/i.test(start)) return "The content does not start like an SVG image.";
  return null;
}

/**
 * file-type names a format from as little as two letters: "BMW report" is a BMP, "GIFT list" a GIF,
 * "FWS,1,2" a Flash file, "ID3 tags" an MP3 and "MZ Smith" a Windows program (sniffExecutable has
 * already refused a real one); and it reads the UTF-16 mark FF FE as an MPEG audio frame. Real files
 * of these formats have control bytes in their first bytes; text starting that way has none.
 */
function isWeakDetection(format: string, head: Uint8Array): boolean {
  if (hasUtf16Mark(head)) {
    const text = decodeText(head).text;
    return ["mp1", "mp2", "mp3"].includes(format) && !hasBinaryControlBytes(encoder.encode(text));
  }
  if (hasBinaryControlBytes(head)) return false;
  if (format === "gif") return !/^GIF8[79]a/.test(new TextDecoder("latin1").decode(head.subarray(0, 6)));
  return ["bmp", "swf", "mp3", "exe"].includes(format);
}

async function detect(head: Uint8Array): Promise<{ ext: string; mime: string } | undefined> {
  try {
    return await fileTypeFromBuffer(head);
  } catch {
    // A malformed container file-type gives up on: no detection, which binary extensions refuse.
    return undefined;
  }
}

/**
 * Whether the first bytes of a file (up to INSPECT_BYTES) agree with its extension and are not a
 * program. `extension` is the one judgeFile returned, any case.
 */
export async function inspectFileContent({
  extension,
  head,
}: {
  extension: string;
  head: Uint8Array;
}): Promise<TInspection> {
  if (head.length === 0) return refuse("The file is empty.");
  const ext = extension.toLowerCase();
  const expected = expectedOf(ext);

  const program = sniffExecutable(head);
  if (program) return refuse(`This file's content is ${program}, not ${expected}.`);

  let detected = await detect(head);
  if (detected && isWeakDetection(detected.ext, head)) detected = undefined;
  if (detected && EXECUTABLE_FORMATS[detected.ext]) {
    return refuse(`This file's content is ${EXECUTABLE_FORMATS[detected.ext]}, not ${expected}.`);
  }

  const formats = BINARY_SIGNATURES[ext];
  if (formats) {
    if (detected && formats.includes(detected.ext)) return { ok: true, detectedMime: detected.mime };
    if (detected) return refuse(`The content is ${nameOf(detected.ext)}, but the name says .${ext}.`);
    return refuse(`The content does not start like ${expected}.`);
  }

  if (detected && !HARMLESS_TEXT_FORMATS.has(detected.ext)) {
    // An extension file-type knows and we do not list (.cr2, .parquet): the format it names is fine.
    if (detected.ext === ext) return { ok: true, detectedMime: detected.mime };
    return refuse(`The content is ${nameOf(detected.ext)}, but the name says .${ext}.`);
  }

  const { text, hasNul } = decodeText(head);
  if (hasNul) return refuse(`The content has NUL bytes, so it is not a .${ext} text file.`);
  if (ext === "svg") {
    const problem = svgProblem(text);
    if (problem) return refuse(problem);
  } else if (!MARKUP_EXTENSIONS.has(ext)) {
    const markup = leadingMarkup(text);
    if (markup) return refuse(`The content is ${markup}, but the name says .${ext}.`);
  }
  return detected ? { ok: true, detectedMime: detected.mime } : { ok: true };
}
