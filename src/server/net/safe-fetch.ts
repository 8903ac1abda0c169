/**
 * A GET for admin-supplied URLs that cannot be turned against Attache's own network (SSRF): only listed
 * hosts, only public addresses (or ones the operator listed), connected to exactly the address that
 * was vetted so a second DNS answer cannot switch it, bounded in bytes and time.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "@/server/errors";
import { refusedAddressReason } from "./address-policy";

export type TUrlPolicy = {
  allowedHosts: readonly string[];
  allowedAddresses: readonly string[];
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
};

/** Resolves a host name to every address it has; tests pass their own to stay off the real DNS. */
export type TResolve = (hostname: string) => Promise<string[]>;

const DEFAULT_MAX_REDIRECTS = 3;
const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

const refuse = (message: string, cause?: unknown) => new AppError("UNPROCESSABLE", message, { cause });

async function systemResolve(hostname: string): Promise<string[]> {
  const answers = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw refuse("The media URL is not a valid URL.");
  }
}

/** An allowedHosts entry ("host" or "host:port", IPv6 in brackets) canonicalized like a URL's host. */
function parseHostEntry(entry: string): { hostname: string; port: string | null } | null {
  const text = entry.trim();
  const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(text);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(text);
  const match = bracketed ?? plain ?? (ipaddr.IPv6.isValid(text) ? [text, `[${text}]`, undefined] : null);
  if (!match?.[1]) return null;
  try {
    const hostname = new URL(`http://${match[1]}/`).hostname;
    return { hostname, port: match[2] ?? null };
  } catch {
    return null;
  }
}

function effectivePort(url: URL): string {
  return url.port || (DEFAULT_PORTS[url.protocol] ?? "");
}

function isListedHost(url: URL, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((entry) => {
    const parsed = parseHostEntry(entry);
    if (!parsed || parsed.hostname !== url.hostname) return false;
    return parsed.port === null ? url.port === "" : parsed.port === effectivePort(url);
  });
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function formatKb(bytes: number): string {
  return `${Math.round(bytes / 100) / 10} kB`;
}

type TVetted = { url: URL; address: string; family: 4 | 6 };

/** Refuses what the policy does not allow; answers the one address the request must connect to. */
async function vet(url: URL, policy: TUrlPolicy, resolve: TResolve): Promise<TVetted> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw refuse(`Attache imports media only over http or https; this URL uses ${url.protocol.replace(/:$/, "")}.`);
  }
  if (url.username || url.password) {
    throw refuse("A media URL may not contain a user name or password.");
  }
  if (!isListedHost(url, policy.allowedHosts)) {
    throw refuse(`${url.host} is not on this Attache's list of hosts media may be imported from.`);
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (ipaddr.isValid(hostname)) {
    addresses = [hostname];
  } else {
    try {
      addresses = await resolve(hostname);
    } catch (error) {
      throw refuse(`The media URL's host ${hostname} could not be found.`, error);
    }
  }
  if (addresses.length === 0) throw refuse(`The media URL's host ${hostname} could not be found.`);
  // Every answer is checked, not just the one connected to: a name that also points inside is refused.
  for (const address of addresses) {
    const reason = refusedAddressReason(address, policy.allowedAddresses);
    if (reason) {
      const via = address === hostname ? "" : ` (it resolves to ${address})`;
      throw refuse(`Attache does not import media from ${hostname}${via}: ${reason}.`);
    }
  }
  const address = addresses[0] as string;
  return { url, address, family: ipaddr.parse(address).kind() === "ipv6" ? 6 : 4 };
}

/** Answers every lookup with the vetted address, so the socket cannot end up anywhere else. */
function pinnedLookup({ address, family }: TVetted): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    } else {
      callback(null, address, family);
    }
  };
}

type THop = { redirect: string } | { body: Uint8Array };

function request(vetted: TVetted, policy: TUrlPolicy, signal: AbortSignal, timeoutError: () => AppError) {
  const { url } = vetted;
  return new Promise<THop>((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    let settled = false;
    const req = client.request(url, {
      method: "GET",
      // A fresh agent per request: no pooled socket survives the call, and none is borrowed from another.
      agent: false,
      lookup: pinnedLookup(vetted),
      headers: { accept: "image/*", "accept-encoding": "identity", "user-agent": "Attache media import" },
    });
    const finish = (outcome: { error: AppError } | { hop: THop }) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      req.destroy();
      if ("error" in outcome) reject(outcome.error);
      else resolve(outcome.hop);
    };
    const onAbort = () => finish({ error: timeoutError() });
    signal.addEventListener("abort", onAbort, { once: true });

    const cutShort = (cause?: unknown) =>
      refuse(`The media URL's host ${url.host} closed the connection before the image was complete.`, cause);
    let responded = false;
    req.on("error", (error: NodeJS.ErrnoException) => {
      const code = error.code ? ` (${error.code})` : "";
      const reset = error.code === "ECONNRESET" || error.code === "EPIPE";
      finish({
        error: responded
          ? cutShort(error)
          : refuse(
              `The media URL's host ${url.host} ${reset ? "closed the connection without answering" : "could not be reached"}${code}.`,
              error,
            ),
      });
    });
    req.on("response", (res) => {
      responded = true;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        finish({ hop: { redirect: res.headers.location } });
        return;
      }
      if (status < 200 || status >= 300) {
        finish({
          error: refuse(`The media URL answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""}.`),
        });
        return;
      }
      const tooLarge = () =>
        refuse(`The image at the media URL is larger than the ${formatKb(policy.maxBytes)} limit.`);
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > policy.maxBytes) {
        finish({ error: tooLarge() });
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      res.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > policy.maxBytes) finish({ error: tooLarge() });
        else chunks.push(chunk);
      });
      res.on("end", () => {
        finish(res.complete ? { hop: { body: new Uint8Array(Buffer.concat(chunks)) } } : { error: cutShort() });
      });
      res.on("error", (error) => finish({ error: cutShort(error) }));
      res.on("close", () => {
        if (!res.complete) finish({ error: cutShort() });
      });
    });
    if (signal.aborted) onAbort();
    else req.end();
  });
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, error: () => AppError): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(error());
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * GETs `url` within the policy; resolves with the body bytes or throws AppError("UNPROCESSABLE",
 * <clear sentence>). One deadline covers every lookup, connect, redirect and the whole body.
 */
export async function fetchWithinPolicy(
  url: string,
  policy: TUrlPolicy,
  options: { resolve?: TResolve } = {},
): Promise<Uint8Array> {
  const resolve = options.resolve ?? systemResolve;
  const maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const controller = new AbortController();
  const timeoutError = () => refuse(`The media URL did not answer within ${formatSeconds(policy.timeoutMs)}.`);
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  try {
    let current = parseUrl(url);
    for (let redirects = 0; ; redirects++) {
      const vetted = await untilAborted(vet(current, policy, resolve), controller.signal, timeoutError);
      const hop = await request(vetted, policy, controller.signal, timeoutError);
      if ("body" in hop) return hop.body;
      if (redirects >= maxRedirects) {
        throw refuse(`The media URL redirected more than ${maxRedirects} times.`);
      }
      let next: URL;
      try {
        next = new URL(hop.redirect, current);
      } catch {
        throw refuse("The media URL redirected to an address that is not a valid URL.");
      }
      // Redirects stay on the vetted origin: another host would need its own place on the list.
      if (next.origin !== current.origin) {
        throw refuse(
          `The media URL redirected to ${next.protocol}//${next.host}; Attache follows redirects only within ${current.protocol}//${current.host}.`,
        );
      }
      current = next;
    }
  } finally {
    clearTimeout(timer);
  }
}
