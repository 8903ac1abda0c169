import { describe, expect, it } from "vitest";
import { createHostCheck, normalizeHost } from "./allowed-hosts";

describe("normalizeHost", () => {
  it("lower-cases, drops a trailing dot and the default ports, keeps any other port", () => {
    expect(normalizeHost("Attache.Example.COM")).toBe("attache.example.com");
    expect(normalizeHost("attache.example.com.")).toBe("attache.example.com");
    expect(normalizeHost("attache.example.com:443")).toBe("attache.example.com");
    expect(normalizeHost("localhost:80")).toBe("localhost");
    expect(normalizeHost("LOCALHOST:3000")).toBe("localhost:3000");
    expect(normalizeHost("127.0.0.1:03100")).toBe("127.0.0.1:3100");
    expect(normalizeHost("[::1]:3000")).toBe("[::1]:3000");
    expect(normalizeHost("[::1]")).toBe("[::1]");
  });

  it("is null for what is no host", () => {
    for (const value of ["", ":3000", "a b", "host:", "host:99999", "host:0", "user@host", "host/path", "[::1"]) {
      expect(normalizeHost(value), value).toBeNull();
    }
  });
});

describe("createHostCheck", () => {
  it("admits the listed hosts, whatever their case and with or without a default port", () => {
    const allowed = createHostCheck(["attache.example.com", "localhost:3000"]);
    expect(allowed("attache.example.com")).toBe(true);
    expect(allowed("ATTACHE.example.com:443")).toBe(true);
    expect(allowed("attache.example.com:80")).toBe(true);
    expect(allowed("Localhost:3000")).toBe(true);
  });

  it("refuses other hosts, other ports, a port left out that is not a default one, and no host", () => {
    const allowed = createHostCheck(["localhost:3000", "attache.example.com"]);
    for (const host of [
      "localhost",
      "localhost:3001",
      "127.0.0.1:3000",
      "attache.example.com:8443",
      "evil.example.com",
      "attache.example.com.evil.test",
      "",
    ]) {
      expect(allowed(host), host).toBe(false);
    }
    expect(allowed(null)).toBe(false);
  });

  it("treats an allowed entry given with a default port like one without", () => {
    const allowed = createHostCheck(["Attache.Example.com:443"]);
    expect(allowed("attache.example.com")).toBe(true);
  });

  it("refuses to start with an entry that is not a host, or with none", () => {
    expect(() => createHostCheck(["https://attache.example.com"])).toThrow(/ATTACHE_API_HOSTS/);
    expect(() => createHostCheck([])).toThrow(/at least one host/);
  });
});
