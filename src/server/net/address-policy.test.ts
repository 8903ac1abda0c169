import { describe, expect, it } from "vitest";
import { refusedAddressReason } from "./address-policy";

// Addresses only: nothing here opens a connection.
describe("refusedAddressReason", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["127.1.2.3", /loopback/],
    ["::1", /loopback/],
    ["[::1]", /loopback/],
    ["10.0.0.1", /private/],
    ["10.255.255.255", /private/],
    ["172.16.0.1", /private/],
    ["172.31.255.254", /private/],
    ["192.168.1.1", /private/],
    ["fc00::1", /private/],
    ["fd12:3456::1", /private/],
    ["169.254.169.254", /link-local/],
    ["169.254.0.1", /link-local/],
    ["fe80::1", /link-local/],
    ["::ffff:127.0.0.1", /loopback/],
    ["::ffff:7f00:1", /loopback/],
    ["::ffff:169.254.169.254", /link-local/],
    ["::ffff:10.0.0.1", /private/],
    ["2130706433", /loopback/],
    ["0177.0.0.1", /loopback/],
    ["0x7f.0.0.1", /loopback/],
    ["0x7f000001", /loopback/],
    ["0.0.0.0", /unspecified/],
    ["::", /unspecified/],
    ["100.64.0.1", /carrier-grade NAT/],
    ["224.0.0.1", /multicast/],
    ["239.255.255.250", /multicast/],
    ["ff02::1", /multicast/],
    ["255.255.255.255", /broadcast/],
    ["240.0.0.1", /reserved/],
    ["192.0.2.1", /reserved/],
    ["2001:db8::1", /reserved/],
    ["2002:7f00:1::", /embedded IPv4/],
    ["2001:0:4136:e378::1", /embedded IPv4|reserved/],
    ["64:ff9b::7f00:1", /embedded IPv4/],
    ["::7f00:1", /not a public address/],
  ])("refuses %s", (address, reason) => {
    expect(refusedAddressReason(address, [])).toMatch(reason);
  });

  it("shows the canonical form of a non-canonical address", () => {
    expect(refusedAddressReason("2130706433", [])).toBe("2130706433 (127.0.0.1) is a loopback address");
  });

  it.each(["", "localhost", "example.com", "999.1.1.1", "1.2.3.4.5", "::ffff:zz", "127.0.0.1:80"])(
    "refuses %j, which is not an address",
    (address) => {
      expect(refusedAddressReason(address, [])).toMatch(/is not an IP address/);
    },
  );

  it.each(["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"])(
    "allows the public address %s",
    (address) => {
      expect(refusedAddressReason(address, [])).toBeNull();
    },
  );

  it.each([["127.0.0.1"], ["127.0.0.0/8"], ["::ffff:127.0.0.1"], ["::ffff:127.0.0.0/104"]])(
    "lets 127.0.0.1 through when %s is listed",
    (range) => {
      expect(refusedAddressReason("127.0.0.1", [range])).toBeNull();
      expect(refusedAddressReason("::ffff:127.0.0.1", [range])).toBeNull();
    },
  );

  it("allows only what the listed ranges cover", () => {
    expect(refusedAddressReason("127.0.0.2", ["127.0.0.1"])).toMatch(/loopback/);
    expect(refusedAddressReason("10.1.2.3", ["127.0.0.0/8"])).toMatch(/private/);
    expect(refusedAddressReason("::1", ["127.0.0.0/8"])).toMatch(/loopback/);
    expect(refusedAddressReason("::1", ["::1"])).toBeNull();
    expect(refusedAddressReason("fd00::5", ["fd00::/8"])).toBeNull();
  });

  it("ignores allowed entries that are not addresses or ranges", () => {
    expect(refusedAddressReason("127.0.0.1", ["localhost", "127.0.0.1/99", ""])).toMatch(/loopback/);
  });
});
