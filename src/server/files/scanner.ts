/**
 * The optional scanner webhook, for a virus scanner the customer runs: Attache POSTs the file's
 * metadata and a short-lived download URL, and the scanner answers `{"verdict":"CLEAN"}` or
 * `{"verdict":"INFECTED","reason":"…"}` within the timeout. No answer in time, or any other answer,
 * fails the file (FAILED), never approves it. The URL is the administrator's own configuration.
 */

export type TScanner = { url: string; timeoutMs: number };

export type TScanVerdict =
  | { kind: "clean" }
  | { kind: "infected"; reason: string }
  | { kind: "failed"; reason: string };

const MAX_ANSWER_BYTES = 16 * 1024;

export async function askScanner(
  scanner: TScanner,
  file: { fileId: string; fileName: string; sizeInBytes: number; contentType: string; downloadUrl: string },
): Promise<TScanVerdict> {
  try {
    const response = await fetch(scanner.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(file),
      redirect: "error",
      signal: AbortSignal.timeout(scanner.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok || text.length > MAX_ANSWER_BYTES) {
      return { kind: "failed", reason: `The scanner answered ${response.status}; the file was not approved.` };
    }
    const answer = JSON.parse(text) as { verdict?: unknown; reason?: unknown };
    if (answer.verdict === "CLEAN") return { kind: "clean" };
    if (answer.verdict === "INFECTED") {
      const said = typeof answer.reason === "string" ? answer.reason.replace(/\p{C}/gu, "").slice(0, 200) : "";
      return { kind: "infected", reason: said ? `The scanner refused it: ${said}` : "The scanner refused it." };
    }
    return { kind: "failed", reason: "The scanner gave no verdict; the file was not approved." };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      kind: "failed",
      reason: timedOut
        ? `The scanner did not answer within ${scanner.timeoutMs} ms; the file was not approved.`
        : "The scanner could not be reached; the file was not approved.",
    };
  }
}
