import { describe, expect, it } from "vitest";
import { rebasePolicy } from "./merge";

describe("rebasePolicy", () => {
  const base = { maximumSizeLimitInBytes: 1000, allowedExtensions: ["pdf", "txt"] };

  it("keeps their additions and applies mine", () => {
    const theirs = { maximumSizeLimitInBytes: 2000, allowedExtensions: ["pdf", "txt", "png"] };
    const mine = { maximumSizeLimitInBytes: 1000, allowedExtensions: ["pdf", "docx"] };
    expect(rebasePolicy(base, mine, theirs)).toEqual({
      maximumSizeLimitInBytes: 2000,
      allowedExtensions: ["pdf", "png", "docx"],
    });
  });

  it("takes my size only when I changed it, and does not duplicate what they also added", () => {
    const theirs = { maximumSizeLimitInBytes: 2000, allowedExtensions: ["pdf", "txt", "DOCX"] };
    const mine = { maximumSizeLimitInBytes: 500, allowedExtensions: ["pdf", "txt", "docx"] };
    expect(rebasePolicy(base, mine, theirs)).toEqual({
      maximumSizeLimitInBytes: 500,
      allowedExtensions: ["pdf", "txt", "DOCX"],
    });
  });
});
