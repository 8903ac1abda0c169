/**
 * Which IP addresses a server-side fetch may connect to. Everything but public unicast is refused, so
 * an admin-supplied URL cannot reach the loopback interface, the private network or a cloud metadata
 * service (169.254.169.254) from inside Attache.
 */
import ipaddr from "ipaddr.js";

type TAddress = ipaddr.IPv4 | ipaddr.IPv6;

const RANGE_LABELS: Record<string, string> = {
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address (where cloud metadata services live)",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address",
  private: "a private-network address",
  uniqueLocal: "a private-network address",
  reserved: "a reserved address",
  benchmarking: "a benchmarking address",
  as112: "a reserved address",
  as112v6: "a reserved address",
  amt: "a reserved address",
  deprecatedSiteLocal: "a site-local address",
  discard: "a discard address",
  rfc6145: "an address with an embedded IPv4 address",
  rfc6052: "an address with an embedded IPv4 address",
  "6to4": "an address with an embedded IPv4 address",
  teredo: "an address with an embedded IPv4 address",
  orchid2: "a reserved address",
  deprecatedOrchid: "a reserved address",
  droneRemoteIdProtocolEntityTags: "a reserved address",
  segmentRouting: "a reserved address",
};

// ipaddr.js calls anything outside its special ranges "unicast"; for IPv6 only 2000::/3 is actually
// allocated as global unicast, so the rest (notably the deprecated IPv4-compatible ::a.b.c.d) is refused.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

/**
 * Parses an address as the socket layer would: non-canonical IPv4 forms ("2130706433", "0177.0.0.1",
 * "0x7f.0.0.1") included, brackets and an IPv6 zone tolerated, and an IPv4-mapped IPv6 address
 * unwrapped to its IPv4 address (that is where the packets go).
 */
function parseAddress(address: string): TAddress | null {
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1");
  if (!ipaddr.isValid(bare)) return null;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

function parseRange(entry: string): [TAddress, number] | null {
  const text = entry.trim();
  if (text.includes("/")) {
    if (!ipaddr.isValidCIDR(text)) return null;
    const [address, bits] = ipaddr.parseCIDR(text);
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
    }
    return [address, bits];
  }
  const address = parseAddress(text);
  if (!address) return null;
  return [address, address.kind() === "ipv4" ? 32 : 128];
}

function inAllowedRanges(address: TAddress, allowedRanges: readonly string[]): boolean {
  return allowedRanges.some((entry) => {
    const range = parseRange(entry);
    return range !== null && range[0].kind() === address.kind() && address.match(range);
  });
}

/** Why an address may not be fetched, or null when it is public unicast (or in allowedRanges). */
export function refusedAddressReason(address: string, allowedRanges: readonly string[]): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return `${address} is not an IP address`;
  if (inAllowedRanges(parsed, allowedRanges)) return null;
  const canonical = parsed.toString();
  const shown = canonical === address.trim().replace(/^\[(.*)\]$/, "$1") ? canonical : `${address} (${canonical})`;
  const range = parsed.range();
  if (range !== "unicast") return `${shown} is ${RANGE_LABELS[range] ?? "not a public address"}`;
  if (parsed.kind() === "ipv6" && !parsed.match(GLOBAL_UNICAST_V6)) return `${shown} is not a public address`;
  return null;
}
