import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const serverKey = randomBytes(32).toString("base64url");
const purpose = "attache/api-key-secret";
const context = "ATCHAAAABBBBCCCCDDDD";
const plaintext = "s3cr3t-with-ünïcode-and-more-than-sixteen-characters";

const seal = () => sealSecret({ serverKey, purpose, context, plaintext });

describe("secret box", () => {
  it("opens what it sealed, and never stores the plaintext or reuses an IV", () => {
    const sealed = seal();
    expect(openSecret({ serverKey, purpose, context, sealed })).toBe(plaintext);
    expect(sealed).not.toContain(plaintext);
    expect(sealed).not.toContain(Buffer.from(plaintext).toString("base64url"));
    expect(seal()).not.toBe(sealed);
  });

  it("accepts the server key as standard base64 too", () => {
    const standard = Buffer.from(serverKey, "base64url").toString("base64");
    expect(openSecret({ serverKey: standard, purpose, context, sealed: seal() })).toBe(plaintext);
  });

  it("returns null under another server key", () => {
    const otherKey = randomBytes(32).toString("base64url");
    expect(openSecret({ serverKey: otherKey, purpose, context, sealed: seal() })).toBeNull();
  });

  it("returns null for another purpose", () => {
    expect(openSecret({ serverKey, purpose: "attache/something-else", context, sealed: seal() })).toBeNull();
  });

  it("returns null when copied onto another access key id (the context)", () => {
    expect(openSecret({ serverKey, purpose, context: "ATCHZZZZYYYYXXXXWWWW", sealed: seal() })).toBeNull();
  });

  it("returns null when any part was altered", () => {
    const [version, iv, ciphertext, tag] = seal().split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString("base64url");
    };
    for (const sealed of [
      [version, iv, flip(ciphertext), tag].join("."),
      [version, flip(iv), ciphertext, tag].join("."),
      [version, iv, ciphertext, flip(tag)].join("."),
      ["v2", iv, ciphertext, tag].join("."),
      [version, iv, ciphertext].join("."),
      "",
      "not a sealed box",
    ]) {
      expect(openSecret({ serverKey, purpose, context, sealed }), sealed).toBeNull();
    }
  });
});
