/**
 * The Host a SigV4 request is signed for (every signature covers it) must be one of this
 * deployment's own — ATTACHE_API_HOSTS, else NEXTAUTH_URL's host — so a request signed for another
 * endpoint (a proxy the client was pointed at, another deployment sharing a key) is not replayed here.
 * Hosts compare case-insensitively; the default ports 80 and 443 may be left out or given (the server
 * behind a TLS proxy cannot tell which of the two the client used), any other port must match.
 */

const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+?)\.?(?::(\d{1,5}))?$/;
const DEFAULT_PORTS = new Set([80, 443]);

/** "Attache.Example.com:443" → "attache.example.com", "LOCALHOST:3000" → "localhost:3000"; null when it is no host. */
export function normalizeHost(value: string): string | null {
  const match = HOST.exec(value.trim().toLowerCase());
  if (!match) return null;
  const [, name = "", port] = match;
  if (port === undefined) return name;
  const number = Number(port);
  if (number < 1 || number > 65_535) return null;
  return DEFAULT_PORTS.has(number) ? name : `${name}:${number}`;
}

/** A check of a request's Host header against `allowed` (each "host" or "host:port"). */
export function createHostCheck(allowed: readonly string[]): (host: string | null) => boolean {
  const hosts = new Set(
    allowed.map((entry) => {
      const host = normalizeHost(entry);
      if (!host) throw new Error(`ATTACHE_API_HOSTS: "${entry}" is not a host or host:port.`);
      return host;
    }),
  );
  if (!hosts.size) throw new Error("ATTACHE_API_HOSTS: the API needs at least one host to answer for.");
  return (host) => {
    const normalized = host === null ? null : normalizeHost(host);
    return normalized !== null && hosts.has(normalized);
  };
}
