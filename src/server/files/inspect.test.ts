import { describe, expect, it } from "vitest";
import { concatBytes, samples } from "./hostile-corpus";
import { INSPECT_BYTES, inspectFileContent } from "./inspect";

const text = (value: string) => samples.text(value);

async function verdict(extension: string, head: Uint8Array) {
  return inspectFileContent({ extension, head });
}

async function messageFor(extension: string, head: Uint8Array): Promise<string> {
  const result = await verdict(extension, head);
  if (result.ok) throw new Error(`expected .${extension} to be refused`);
  expect(result.reason).toBe("INVALID_FILE_TYPE");
  return result.message;
}

describe("inspectFileContent", () => {
  it("reads what file-type needs", () => {
    expect(INSPECT_BYTES).toBe(4100);
  });

  it("refuses an empty file", async () => {
    expect(await verdict("txt", new Uint8Array())).toEqual({
      ok: false,
      reason: "INVALID_FILE_TYPE",
      message: "The file is empty.",
    });
  });

  it("accepts files whose bytes are what the extension says, with the detected type", async () => {
    const cases: Array<[string, Uint8Array, string]> = [
      ["png", samples.png(), "image/png"],
      ["PNG", samples.png(), "image/png"],
      ["pdf", samples.pdf(), "application/pdf"],
      ["jpg", samples.jpeg(), "image/jpeg"],
      ["jpeg", samples.jpeg(), "image/jpeg"],
      ["jfif", samples.jpeg(), "image/jpeg"],
      ["gif", samples.gif(), "image/gif"],
      ["zip", samples.zip(), "application/zip"],
      ["docx", samples.docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["docx", samples.zip(), "application/zip"],
      ["doc", samples.word97(), "application/x-cfb"],
      ["msg", samples.word97(), "application/x-cfb"],
      ["mp4", samples.mp4(), "video/mp4"],
      ["mov", samples.mp4(), "video/mp4"],
      ["wav", samples.wav(), "audio/wav"],
    ];
    for (const [extension, head, mime] of cases) {
      expect(await verdict(extension, head), extension).toEqual({ ok: true, detectedMime: mime });
    }
  });

  it("inspects only the head it is given: a large file's first INSPECT_BYTES", async () => {
    const large = concatBytes(samples.png(), new Uint8Array(100_000));
    expect(await verdict("png", large.subarray(0, INSPECT_BYTES))).toMatchObject({ ok: true });
  });

  describe("programs and scripts, refused under any extension", () => {
    it("names a Windows PE program, a DLL and a DOS program", async () => {
      expect(await messageFor("pdf", samples.pe())).toBe("This file's content is a Windows program, not a PDF.");
      expect(await messageFor("txt", samples.pe())).toBe("This file's content is a Windows program, not a .txt file.");
      expect(await messageFor("docx", samples.pe(0x2022))).toBe(
        "This file's content is a Windows program, not a Word document.",
      );
      expect(await messageFor("csv", samples.dos())).toBe("This file's content is a Windows program, not a .csv file.");
    });

    it("finds the PE header where e_lfanew points, even past the DOS stub", async () => {
      const pe = samples.pe();
      expect(new TextDecoder().decode(pe.subarray(0x80, 0x82))).toBe("PE");
      expect(pe[0x3c]).toBe(0x80);
      expect(await messageFor("jpg", pe)).toBe("This file's content is a Windows program, not a JPEG image.");
    });

    it("names ELF, every Mach-O magic and WebAssembly", async () => {
      expect(await messageFor("png", samples.elf())).toBe("This file's content is a Linux program, not a PNG image.");
      for (const build of [
        samples.machO32,
        samples.machO64,
        samples.machO32le,
        samples.machO64le,
        samples.fatMachO,
        samples.fatMachO64,
      ]) {
        expect(await messageFor("pdf", build())).toBe("This file's content is a macOS program, not a PDF.");
      }
      expect(await messageFor("txt", samples.wasm())).toBe(
        "This file's content is a WebAssembly module, not a .txt file.",
      );
    });

    it("tells a Java class from a fat Mach-O binary, which share CAFEBABE", async () => {
      expect(await messageFor("pdf", samples.javaClass())).toBe("This file's content is a Java class file, not a PDF.");
      expect(await messageFor("pdf", samples.fatMachO())).toBe("This file's content is a macOS program, not a PDF.");
    });

    it("names Dalvik bytecode, a Windows shortcut, Flash and scripts with a shebang", async () => {
      expect(await messageFor("png", samples.dex())).toBe(
        "This file's content is an Android program, not a PNG image.",
      );
      expect(await messageFor("jpg", samples.lnk())).toBe(
        "This file's content is a Windows shortcut, not a JPEG image.",
      );
      expect(await messageFor("pdf", samples.swf())).toBe("This file's content is a Flash program, not a PDF.");
      for (const script of ["#!/bin/sh\nrm -rf ~\n", "#! /usr/bin/env node\n", "\ufeff#!/usr/bin/python\n"]) {
        expect(await messageFor("txt", text(script)), script).toBe("This file's content is a script, not a .txt file.");
      }
    });

    it("refuses ZIP-based programs and macro documents, even under their container's extension", async () => {
      expect(await messageFor("zip", samples.jar())).toBe("This file's content is a Java archive, not a ZIP archive.");
      expect(await messageFor("zip", samples.apk())).toBe("This file's content is an Android app, not a ZIP archive.");
      expect(await messageFor("docx", samples.docm())).toBe(
        "This file's content is a Word document with macros, not a Word document.",
      );
    });

    it("accepts an OLE compound file only as legacy Office, and never a Windows Installer", async () => {
      expect(await messageFor("doc", samples.msi())).toBe(
        "This file's content is a Windows installer, not a Word 97-2003 document.",
      );
      expect(await messageFor("pdf", samples.word97())).toBe(
        "The content is an OLE compound file, but the name says .pdf.",
      );
      expect(await messageFor("txt", samples.word97())).toBe(
        "The content is an OLE compound file, but the name says .txt.",
      );
      expect(await verdict("xls", samples.word97())).toMatchObject({ ok: true });
    });
  });

  describe("binary extensions", () => {
    it("refuses another format, naming both", async () => {
      expect(await messageFor("png", samples.zip())).toBe("The content is a ZIP archive, but the name says .png.");
      expect(await messageFor("jpg", samples.png())).toBe("The content is a PNG image, but the name says .jpg.");
      expect(await messageFor("docx", samples.pdf())).toBe("The content is a PDF, but the name says .docx.");
      expect(await messageFor("zip", samples.rar())).toBe("The content is a RAR archive, but the name says .zip.");
    });

    it("refuses content with no signature at all", async () => {
      expect(await messageFor("pdf", text("<html><body>Pay here</body></html>"))).toBe(
        "The content does not start like a PDF.",
      );
      expect(await messageFor("png", text("just text"))).toBe("The content does not start like a PNG image.");
    });
  });

  describe("text extensions", () => {
    it("accepts plain text, CSV, JSON, Markdown and XML", async () => {
      const cases: Array<[string, string]> = [
        ["txt", "Hello\r\n\tworld\n"],
        ["csv", "name,amount\nAlice,3\n"],
        ["json", '{"html": "<b>bold</b>"}'],
        ["md", "# Notes\n\nUse `<script>` carefully.\n"],
        ["xml", '<?xml version="1.0"?><a><b/></a>'],
        ["txt", "<3 and <> are fine\n"],
        ["vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alice\r\nEND:VCARD\r\n"],
        ["ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"],
      ];
      for (const [extension, value] of cases) {
        expect(await verdict(extension, text(value)), `${extension}: ${value}`).toMatchObject({ ok: true });
      }
    });

    it("does not take prose for a format file-type guesses from two or three letters", async () => {
      for (const value of ["BMW report, 2024\n", "MZ Smith,42\n", "FWS,1,2\n", "ID3 tags are fun\n", "GIFT list\n"]) {
        expect(await verdict("csv", text(value)), value).toEqual({ ok: true });
      }
      expect(await verdict("csv", samples.utf16("name,amount\r\nZo\u00eb,3\r\n")), "UTF-16").toEqual({ ok: true });
    });

    it("refuses a binary format named as text", async () => {
      expect(await messageFor("txt", samples.png())).toBe("The content is a PNG image, but the name says .txt.");
      expect(await messageFor("csv", samples.zip())).toBe("The content is a ZIP archive, but the name says .csv.");
      expect(await messageFor("txt", samples.pdf())).toBe("The content is a PDF, but the name says .txt.");
      expect(await messageFor("txt", text("GIF89a=alert(1)//"))).toBe(
        "The content is a GIF image, but the name says .txt.",
      );
    });

    it("refuses NUL bytes", async () => {
      expect(await messageFor("txt", text("abc\u0000def"))).toBe(
        "The content has NUL bytes, so it is not a .txt text file.",
      );
    });

    it("refuses HTML, SVG and PHP at the start of a non-markup text file, after a BOM, blanks or a prolog", async () => {
      const cases: Array<[string, string, string]> = [
        ["txt", "<!DOCTYPE html><p>hi", "HTML"],
        ["txt", "<html>", "HTML"],
        ["csv", "  \n<script>alert(1)</script>", "HTML"],
        ["md", "\ufeff<iframe src=//x>", "HTML"],
        ["json", "<BODY onload=x()>", "HTML"],
        ["log", "<head><title>x", "HTML"],
        ["tsv", '<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG markup"],
        ["txt", '<?xml version="1.0"?>\n<!-- c -->\n<svg/>', "SVG markup"],
        ["eml", "<?php echo 1; ?>", "PHP code"],
      ];
      for (const [extension, value, kind] of cases) {
        expect(await messageFor(extension, text(value)), value).toBe(
          `The content is ${kind}, but the name says .${extension}.`,
        );
      }
      expect(await messageFor("txt", samples.utf16("<html><script>1</script></html>"))).toBe(
        "The content is HTML, but the name says .txt.",
      );
    });

    it("lets markup extensions hold markup", async () => {
      for (const extension of ["html", "htm", "xhtml", "xml"]) {
        expect(await verdict(extension, text("<!DOCTYPE html><html><body>x</body></html>")), extension).toMatchObject({
          ok: true,
        });
      }
    });
  });

  describe("extensions in neither list", () => {
    it("refuses a binary format, naming it, and accepts text", async () => {
      expect(await messageFor("foo", samples.zip())).toBe("The content is a ZIP archive, but the name says .foo.");
      expect(await messageFor("dat", samples.png())).toBe("The content is a PNG image, but the name says .dat.");
      expect(await messageFor("foo", concatBytes("8BPS", [0, 1], new Uint8Array(20)))).toBe(
        "The content is a Photoshop image, but the name says .foo.",
      );
      const sqlite = concatBytes("SQLite format 3\u0000", [0x10, 0x00, 0x01, 0x01], new Uint8Array(80));
      expect(await messageFor("foo", sqlite)).toBe("The content is an SQLITE file, but the name says .foo.");
      expect(await verdict("foo", text("key = value\n"))).toEqual({ ok: true });
      expect(await messageFor("foo", text("<html>"))).toBe("The content is HTML, but the name says .foo.");
    });

    it("accepts the format file-type names after the extension itself", async () => {
      const parquet = concatBytes("PAR1", [0x15, 0x04, 0x15, 0x00], new Uint8Array(16), "PAR1");
      expect(await verdict("parquet", parquet)).toEqual({ ok: true, detectedMime: "application/vnd.apache.parquet" });
    });
  });

  describe("SVG", () => {
    it("accepts a plain SVG, with or without a prolog", async () => {
      for (const value of [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>',
        '\ufeff<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg/>',
      ]) {
        expect(await verdict("svg", text(value)), value).toMatchObject({ ok: true });
      }
    });

    it("refuses scripts, handlers, javascript: links (even encoded), embedded HTML and entities", async () => {
      for (const value of [
        "<svg><script>alert(1)</script></svg>",
        '<svg onload="alert(1)"/>',
        '<svg><a href="javascript:alert(1)"/></svg>',
        '<svg><a href="jav&#x61;script:alert(1)"/></svg>',
        '<svg><a href="java&#9;script:alert(1)"/></svg>',
        "<svg><foreignObject><p>x</p></foreignObject></svg>",
        '<!DOCTYPE svg [<!ENTITY a "b">]><svg/>',
        '<svg><set attributeName="onclick" to="alert(1)"/></svg>',
        '<svg><use href="data:image/svg+xml,%3Csvg id=%22x%22%3E%3C/svg%3E#x"/></svg>',
        '<svg><image href="data: image/svg+xml;base64,PHN2Zy8+"/></svg>',
      ]) {
        expect(await messageFor("svg", text(value)), value).toBe(
          "The SVG image contains a script, an event handler or another active part.",
        );
      }
    });

    it("refuses what does not start like an SVG", async () => {
      expect(await messageFor("svg", text("<html><body>x</body></html>"))).toBe(
        "The content does not start like an SVG image.",
      );
      expect(await messageFor("svg", samples.png())).toBe("The content is a PNG image, but the name says .svg.");
    });
  });
});
