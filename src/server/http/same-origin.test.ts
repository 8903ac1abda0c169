import { describe, expect, it } from "vitest";
import { allowedOriginsFor, crossOriginRefusal } from "./same-origin";

const allowedOrigins = allowedOriginsFor("https://attache.example.com/", ["console.example.com:8443"]);

const check = (method: string, origin: string | null, secFetchSite: string | null) =>
  crossOriginRefusal({ method, origin, secFetchSite, allowedOrigins });

describe("the console's own origins", () => {
  it("are NEXTAUTH_URL's and those of ATTACHE_API_HOSTS, with its scheme", () => {
    expect(allowedOrigins).toEqual(["https://attache.example.com", "https://console.example.com:8443"]);
    expect(allowedOriginsFor("http://localhost:3000", ["localhost:3000", "bad host"])).toEqual([
      "http://localhost:3000",
    ]);
  });
});

describe("a change (POST) to the console's API", () => {
  it("goes on when the browser says it is same-origin, with or without the Origin header", () => {
    expect(check("POST", "https://attache.example.com", "same-origin")).toBeNull();
    expect(check("POST", "https://console.example.com:8443", "same-origin")).toBeNull();
    expect(check("POST", null, "same-origin")).toBeNull();
    // Browsers without Fetch Metadata still send Origin.
    expect(check("POST", "https://attache.example.com", null)).toBeNull();
  });

  it("is refused from another site or origin, a sibling subdomain included", () => {
    for (const site of ["cross-site", "same-site", "none", "SAME-SITE"]) {
      expect(check("POST", "https://attache.example.com", site), site).toMatch(/came from another site/);
    }
    for (const origin of [
      "http://evil.example",
      "https://evil.attache.example.com",
      "http://attache.example.com",
      "https://attache.example.com:444",
      "null",
      "https://attache.example.com/path",
      "not a url",
    ]) {
      expect(check("POST", origin, null), origin).toMatch(/came from another origin/);
      expect(check("POST", origin, "same-origin"), origin).toMatch(/came from another origin/);
    }
  });

  it("is refused when it names no origin at all (a browser always names one on a POST)", () => {
    expect(check("POST", null, null)).toBe(
      "Changes can only be made from Attache's console; this request did not say where it came from (no Origin or Sec-Fetch-Site header).",
    );
    expect(check("PUT", null, null)).not.toBeNull();
  });

  it("is not checked when the method only reads (tRPC queries are GET)", () => {
    expect(check("GET", "http://evil.example", "cross-site")).toBeNull();
    expect(check("HEAD", null, null)).toBeNull();
  });
});
