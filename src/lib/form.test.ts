import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldValues, ResolverOptions } from "react-hook-form";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZCreateApiKeySchema } from "@/server/api-keys/api-key-schemas";
import { ZCreateInstanceSchema } from "@/server/instances/instance-schemas";
import { firstMessages, lazySchema } from "./form";

const INSTANCE_ID = "2b1f0d5e-7c1a-4e8e-9a51-0d6a3f1c2b7e";

/** What react-hook-form showed on each top-level field with zodResolver, the forms' checker before. */
async function resolverMessages<T extends FieldValues>(schema: z.ZodType<T, T>, values: T) {
  const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<T>;
  const { errors } = await zodResolver(schema)(values, undefined, options);
  return Object.fromEntries(
    Object.entries(errors).flatMap(([field, error]) =>
      typeof error?.message === "string" ? [[field, error.message]] : [],
    ),
  );
}

async function formMessages<T>(schema: z.ZodType<T, T>, values: T) {
  const result = await lazySchema(async () => schema).validate(values);
  if (result.ok) return {};
  return Object.fromEntries(Object.entries(result.errors).filter(([path]) => !path.includes(".")));
}

describe("lazySchema", () => {
  it.each([
    { alias: "" },
    { alias: "   " },
    { alias: "d-not-allowed" },
    { alias: "-starts-with-hyphen" },
    { alias: "ends-with-hyphen-" },
    { alias: "has space" },
    { alias: "x".repeat(46) },
    { alias: "fine-alias" },
  ])("shows the alias form the messages zodResolver did (%j)", async (values) => {
    expect(await formMessages(ZCreateInstanceSchema, values)).toEqual(
      await resolverMessages(ZCreateInstanceSchema, values),
    );
  });

  it.each([
    { name: "", allInstances: false, instanceIds: [] },
    { name: "nightly", allInstances: false, instanceIds: [] },
    { name: "nightly\u0000", allInstances: true, instanceIds: [] },
    { name: "n".repeat(101), allInstances: false, instanceIds: [INSTANCE_ID] },
    { name: "nightly", allInstances: false, instanceIds: ["not-a-uuid"] },
    { name: "nightly", allInstances: true, instanceIds: [] },
  ])("shows the API key form the messages zodResolver did (%j)", async (values) => {
    expect(await formMessages(ZCreateApiKeySchema, values)).toEqual(
      await resolverMessages(ZCreateApiKeySchema, values),
    );
  });

  it("hands on the values as the schema gives them back", async () => {
    const result = await lazySchema(async () => ZCreateInstanceSchema).validate({ alias: "  support-emea " });
    expect(result).toEqual({ ok: true, values: { alias: "support-emea" } });
  });

  it("lets the values through to the server when the schema cannot load, and loads it again next time", async () => {
    let attempts = 0;
    const check = lazySchema(async () => {
      attempts++;
      if (attempts === 1) throw new Error("Failed to load chunk");
      return ZCreateInstanceSchema;
    });
    expect(await check.validate({ alias: "d-x" })).toEqual({ ok: true, values: { alias: "d-x" } });
    expect(await check.validate({ alias: "d-x" })).toEqual({
      ok: false,
      errors: { alias: 'An alias cannot start with "d-".' },
    });
  });
});

describe("firstMessages", () => {
  it("keeps each path's first message, nested paths joined with dots", () => {
    expect(
      firstMessages([
        { path: ["alias"], message: "first" },
        { path: ["alias"], message: "second" },
        { path: ["instanceIds", 0], message: "nested" },
      ]),
    ).toEqual({ alias: "first", "instanceIds.0": "nested" });
  });
});
