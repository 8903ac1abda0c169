import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeCallbackPath("/instances")).toBe("/instances");
    expect(safeCallbackPath("/instances?tab=all#top")).toBe("/instances?tab=all#top");
    expect(safeCallbackPath(["/instances", "/other"])).toBe("/instances");
  });

  it("refuses everything a browser would take to another site", () => {
    for (const hostile of [
      "https://evil.test/",
      "//evil.test",
      "/\\evil.test",
      "\\\\evil.test",
      "/\t/evil.test",
      "/.//evil.test",
      "javascript:alert(1)",
      " /instances",
    ]) {
      expect(safeCallbackPath(hostile), hostile).toBe("/");
    }
  });

  it("never sends people back to the sign-in page, and defaults to the dashboard", () => {
    expect(safeCallbackPath("/signin")).toBe("/");
    expect(safeCallbackPath("/signin?error=x")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
  });
});
