import sharp from "sharp";

/** Real bytes of the formats upload tests send. */
export const PDF_BYTES = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

export async function pngBytes(width = 8, height = 8): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: "#4f46e5" } })
      .png()
      .toBuffer(),
  );
}

/** A minimal Windows executable header: "MZ", e_lfanew at 0x3c pointing to "PE\0\0". */
export function peBytes(): Uint8Array {
  const bytes = new Uint8Array(512);
  bytes.set([0x4d, 0x5a], 0);
  bytes.set([0x80, 0, 0, 0], 0x3c);
  bytes.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
  return bytes;
}

/** A WAV file of silence, as a voice recording would be. */
export function wavBytes(samples = 800): Uint8Array {
  const data = samples * 2;
  const buffer = Buffer.alloc(44 + data);
  buffer.write("RIFF", 0, "ascii");
  buffer.writeUInt32LE(36 + data, 4);
  buffer.write("WAVEfmt ", 8, "ascii");
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(8000, 24);
  buffer.writeUInt32LE(16000, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write("data", 36, "ascii");
  buffer.writeUInt32LE(data, 40);
  return new Uint8Array(buffer);
}

/** PUTs bytes to a presigned upload URL with the headers the API said to send. */
export async function uploadTo(
  metadata: { Url?: string; HeadersToInclude?: Record<string, string> } | undefined,
  bytes: Uint8Array,
): Promise<Response> {
  if (!metadata?.Url) throw new Error("no upload URL");
  return fetch(metadata.Url, { method: "PUT", headers: metadata.HeadersToInclude ?? {}, body: Buffer.from(bytes) });
}

export async function download(url: string | undefined): Promise<Uint8Array> {
  if (!url) throw new Error("no download URL");
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download failed: ${response.status} ${await response.text()}`);
  return new Uint8Array(await response.arrayBuffer());
}
