import { describe, expect, it } from "vitest";
import { slotChecks } from "./workspace-rules";
import {
  isCssColour,
  ZTagsSchema,
  ZWorkspaceDescriptionSchema,
  ZWorkspaceNameSchema,
  ZWorkspaceThemeSchema,
  ZWorkspaceTitleSchema,
} from "./workspace-schemas";

/** The model's double-escaped patterns (spec §6), implemented as intended. */
describe("workspace text members", () => {
  it("takes ordinary names, which the literal model pattern .*\\\\S.* would refuse", () => {
    expect(ZWorkspaceNameSchema.parse("My WS")).toBe("My WS");
    expect(ZWorkspaceNameSchema.parse("  Support  ")).toBe("Support");
    expect(ZWorkspaceNameSchema.parse("Équipe 🙂")).toBe("Équipe 🙂");
  });

  it.each(["", " ", "\t\t", "\u00a0 \u2003"])("refuses the white-space-only name %j", (name) => {
    expect(ZWorkspaceNameSchema.safeParse(name).success).toBe(false);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(ZWorkspaceNameSchema.safeParse("🙂".repeat(127)).success).toBe(true);
    expect(ZWorkspaceNameSchema.safeParse("🙂".repeat(128)).success).toBe(false);
  });

  it("lets a description hold line breaks and tabs but no other control character", () => {
    expect(ZWorkspaceDescriptionSchema.parse("one\r\ntwo\tthree")).toBe("one\r\ntwo\tthree");
    for (const bad of ["bell\u0007", "nul\u0000", "rtl\u202e", "a\u2028b"]) {
      expect(ZWorkspaceDescriptionSchema.safeParse(bad).success).toBe(false);
    }
    expect(ZWorkspaceDescriptionSchema.safeParse("x".repeat(501)).success).toBe(false);
  });

  it("refuses any control character in a title, line breaks included", () => {
    expect(ZWorkspaceTitleSchema.parse("North desk")).toBe("North desk");
    expect(ZWorkspaceTitleSchema.safeParse("North\ndesk").success).toBe(false);
  });

  it("refuses invisible format, private-use and unassigned characters in a title and a description (\\P{C})", () => {
    for (const bad of ["a\u200bb", "soft\u00adhyphen", "private\ue000", "unassigned\u0378"]) {
      expect(ZWorkspaceTitleSchema.safeParse(bad).success, bad).toBe(false);
      expect(ZWorkspaceDescriptionSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("refuses a name of invisible characters only", () => {
    expect(ZWorkspaceNameSchema.safeParse("\u200b").success).toBe(false);
    expect(ZWorkspaceNameSchema.safeParse(" \u200b\u2060 ").success).toBe(false);
  });
});

describe("tags", () => {
  it("follows the model's key pattern and bounds", () => {
    expect(ZTagsSchema.parse({ "cost centre": "42", "a/b=c+d-e@f.g:h_i": "" })).toBeTruthy();
    expect(ZTagsSchema.safeParse({ "aws:owner": "x" }).success).toBe(false);
    expect(ZTagsSchema.safeParse({ "key!": "x" }).success).toBe(false);
    expect(ZTagsSchema.safeParse({ k: "v".repeat(257) }).success).toBe(false);
    expect(ZTagsSchema.safeParse({}).success).toBe(false);
  });

  it('refuses a "__proto__" key instead of dropping it', () => {
    const parsed = ZTagsSchema.safeParse(JSON.parse('{"__proto__":"x","a":"b"}'));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('A tag key cannot be "__proto__".');
  });
});

describe("themes", () => {
  it("refuses members the model does not have, at any depth", () => {
    expect(ZWorkspaceThemeSchema.safeParse({ Light: { Palette: { Header: { Shadow: "#000" } } } }).success).toBe(false);
    expect(ZWorkspaceThemeSchema.safeParse({ Sepia: {} }).success).toBe(false);
    expect(ZWorkspaceThemeSchema.safeParse({ Light: { Palette: { Header: { Background: "#000" } } } }).success).toBe(
      true,
    );
  });
});

describe("theme image links", () => {
  const withLogo = (Default: string) => ZWorkspaceThemeSchema.safeParse({ Light: { Images: { Logo: { Default } } } });
  it("takes http(s) URLs and Attache's /media/ paths only", () => {
    expect(withLogo("https://cdn.example.test/logo.png").success).toBe(true);
    expect(withLogo(`/media/${"a".repeat(64)}.png`).success).toBe(true);
    for (const link of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:image/svg+xml,<svg/>",
      "//evil.test/x",
      "logo.png",
    ]) {
      expect(withLogo(link).success, link).toBe(false);
    }
  });
});

describe("theme colours", () => {
  it.each(["#fff", "#ffffffff", "#1F2937", "rgb(31 41 55)", "rgba(0, 0, 0, 0.5)", "hsl(220deg 13% 18%)", "navy"])(
    "accepts %s",
    (colour) => expect(isCssColour(colour)).toBe(true),
  );
  it.each([
    "url(https://x.test/a.png)",
    "red; background: blue",
    "expression(alert(1))",
    "#ggg",
    "",
    "var(--x)",
    "notacolour",
    "javascript",
    "rgb(---)",
    "rgb(1 2)",
  ])("refuses %s", (colour) => expect(isCssColour(colour)).toBe(false));
});

describe("slot rules", () => {
  const failed = (checks: ReturnType<typeof slotChecks>) =>
    checks.filter((check) => !check.ok).map((check) => check.message);

  it("wants favicons square and 16 to 512 px", () => {
    expect(failed(slotChecks("IMAGE_LOGO_LIGHT_FAVICON", { width: 32, height: 32, bytes: 1000 }))).toEqual([]);
    expect(failed(slotChecks("IMAGE_LOGO_DARK_FAVICON", { width: 64, height: 32, bytes: 1000 }))).toContain(
      "A favicon must be square; this one is 64×32 px.",
    );
    expect(failed(slotChecks("IMAGE_LOGO_DARK_FAVICON", { width: 8, height: 8, bytes: 100 }))).toEqual([
      "A favicon must be 16 to 512 px on each side; this one is 8×8 px.",
    ]);
    expect(failed(slotChecks("IMAGE_LOGO_DARK_FAVICON", { width: 1024, height: 1024, bytes: 100 }))).toHaveLength(1);
  });

  it("wants horizontal logos wider than tall and at least 24 px high", () => {
    expect(failed(slotChecks("IMAGE_LOGO_LIGHT_HORIZONTAL", { width: 200, height: 40, bytes: 1000 }))).toEqual([]);
    expect(failed(slotChecks("IMAGE_LOGO_LIGHT_HORIZONTAL", { width: 40, height: 40, bytes: 1000 }))).toEqual([
      "A horizontal logo must be wider than tall; this one is 40×40 px.",
    ]);
    expect(failed(slotChecks("IMAGE_LOGO_DARK_HORIZONTAL", { width: 100, height: 20, bytes: 1000 }))).toEqual([
      "A horizontal logo must be at least 24 px high; this one is 100×20 px.",
    ]);
  });

  it("names the size limit", () => {
    expect(failed(slotChecks("IMAGE_LOGO_LIGHT_HORIZONTAL", { width: 200, height: 40, bytes: 400_001 }))).toEqual([
      "An image can be at most 400 kB; this one is 400 kB.",
    ]);
  });
});
