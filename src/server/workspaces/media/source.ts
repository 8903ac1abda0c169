/**
 * ImportWorkspaceMedia's MediaSource turned into bytes: a base64 data: URL, raw base64, or an http(s)
 * URL fetched within the operator's URL policy. What the bytes are is inspect.ts's business.
 */
import { AppError } from "@/server/errors";
import { fetchWithinPolicy, type TUrlPolicy } from "@/server/net/safe-fetch";
import { MEDIA_MAX_BYTES } from "../workspace-rules";

const refuse = (message: string) => new AppError("UNPROCESSABLE", message);

const STANDARD_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE_ALPHABET = /^[A-Za-z0-9_-]*={0,2}$/;

function formatKb(bytes: number): string {
  return `${Math.round(bytes / 100) / 10} kB`;
}

function tooLarge(bytes: number): AppError {
  // Just over the limit rounds to the limit in kB ("at most 400 kB; this one is 400 kB"), so count bytes.
  const size =
    formatKb(bytes) === formatKb(MEDIA_MAX_BYTES) ? `${bytes.toLocaleString("en-US")} bytes` : formatKb(bytes);
  return refuse(`An image can be at most ${formatKb(MEDIA_MAX_BYTES)}; this one is ${size}.`);
}

/** Strict base64 (either alphabet, padding optional, line breaks tolerated); null when it is not. */
function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, "");
  if (!STANDARD_ALPHABET.test(compact) && !URL_SAFE_ALPHABET.test(compact)) return null;
  const unpadded = compact.replace(/=+$/, "");
  if (unpadded.length % 4 === 1) return null;
  if (compact.length !== unpadded.length && compact.length % 4 !== 0) return null;
  // Checked before decoding, so an oversized source never gets allocated in full.
  const decodedLength = Math.floor((unpadded.length * 3) / 4);
  if (decodedLength > MEDIA_MAX_BYTES) throw tooLarge(decodedLength);
  return new Uint8Array(Buffer.from(unpadded, "base64"));
}

function readDataUrl(source: string): Uint8Array {
  const comma = source.indexOf(",");
  if (comma < 0) throw refuse("The data: URL has no comma before its data, so it holds no image.");
  const header = source.slice("data:".length, comma).trim();
  const [mediaType = "", ...parameters] = header.split(";").map((part) => part.trim());
  if (mediaType && !/^image\//i.test(mediaType)) {
    throw refuse(`A data: URL must hold an image; this one says it holds ${mediaType}.`);
  }
  if (parameters.at(-1)?.toLowerCase() !== "base64") {
    throw refuse("A data: URL must be base64-encoded, such as data:image/png;base64,iVBOR….");
  }
  const bytes = decodeBase64(source.slice(comma + 1));
  if (!bytes) throw refuse("The data: URL's data is not valid base64.");
  return bytes;
}

/**
 * MediaSource → bytes: a data: URL (base64 only), raw base64 (standard or url-safe alphabet, padding
 * optional, whitespace tolerated), or an http(s) URL fetched with fetchWithinPolicy.
 */
export async function readMediaSource(source: string, policy: Omit<TUrlPolicy, "maxBytes">): Promise<Uint8Array> {
  const text = source.trim();
  if (text === "") throw refuse("The image source is empty; send the image as base64, a data: URL or a URL.");
  let bytes: Uint8Array;
  if (/^data:/i.test(text)) {
    bytes = readDataUrl(text);
  } else if (/^https?:/i.test(text)) {
    if (policy.allowedHosts.length === 0) {
      throw refuse("Importing from a URL is turned off on this Attache; send the image as base64.");
    }
    bytes = await fetchWithinPolicy(text, { ...policy, maxBytes: MEDIA_MAX_BYTES });
  } else {
    const decoded = decodeBase64(text);
    if (!decoded) {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
      throw refuse(
        scheme
          ? `Attache imports images from base64, data: URLs or http(s) URLs; this source starts with ${scheme}:.`
          : "The image source is not valid base64: it contains characters outside the base64 alphabet or is cut short.",
      );
    }
    bytes = decoded;
  }
  if (bytes.length === 0) throw refuse("The image source holds no data.");
  if (bytes.length > MEDIA_MAX_BYTES) throw tooLarge(bytes.length);
  return bytes;
}
