import { MEDIA_MAX_BYTES, MEDIA_SOURCE_MAX_LENGTH } from "@/server/workspaces/workspace-rules";

/**
 * Where an image for a slot comes from: a file (dropped, chosen or pasted), or an address the server
 * fetches. A file is read in the browser as a data: URL, unless it is over the limit: then it is not
 * read or sent at all, and the preview says why.
 */
export type TMediaSource =
  | { kind: "file"; name: string; bytes: number; dataUrl: string | null }
  | { kind: "url"; url: string };

/** What checkMedia and importMedia are sent: the data: URL, or only its base64 when the prefix would not fit. */
export function sourceValue(source: TMediaSource): string | null {
  if (source.kind === "url") return source.url;
  if (!source.dataUrl) return null;
  if (source.dataUrl.length <= MEDIA_SOURCE_MAX_LENGTH) return source.dataUrl;
  return source.dataUrl.slice(source.dataUrl.indexOf(",") + 1);
}

export function sourceName(source: TMediaSource): string {
  return source.kind === "url" ? source.url : source.name;
}

/** Reads a file for a slot; one over the size limit is described but not read. */
export function readFileSource(file: File): Promise<TMediaSource> {
  const name = file.name || "Pasted image";
  if (file.size > MEDIA_MAX_BYTES) return Promise.resolve({ kind: "file", name, bytes: file.size, dataUrl: null });
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve({
        kind: "file",
        name,
        bytes: file.size,
        dataUrl: typeof reader.result === "string" ? reader.result : null,
      });
    reader.onerror = () => reject(new Error(`${name} could not be read. Choose it again, or another file.`));
    reader.readAsDataURL(file);
  });
}

export type TParsedUrl = { ok: true; url: string } | { ok: false; message: string };

/** An image address as typed or pasted: http(s) only, the way the server fetches them. */
export function parseImageUrl(text: string): TParsedUrl {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: "Enter the image's address, such as https://example.com/logo.png." };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: "That is not an address. Enter one such as https://example.com/logo.png." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, message: "Only https:// and http:// addresses can be imported." };
  }
  return { ok: true, url: url.href };
}

/**
 * What a paste holds for a slot: an image file first (a screenshot, a copied image), else an http(s)
 * address; null when neither (plain text pasted into a field stays plain text).
 */
export function pastedSource(files: readonly File[], text: string): File | string | null {
  const image = files.find((file) => file.type.startsWith("image/")) ?? files[0];
  if (image) return image;
  const parsed = parseImageUrl(text);
  return parsed.ok && /^\s*https?:\/\//i.test(text) ? parsed.url : null;
}
