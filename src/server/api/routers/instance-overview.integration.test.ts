import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSigningKey } from "@/server/api-keys/api-keys";
import type { TSession } from "@/server/auth";
import { createDb, type TDb } from "@/server/db";
import { updatePolicy } from "@/server/policies/policies";
import { DEFAULT_POLICY } from "@/server/policies/policy-schemas";
import { createTestApiKey, TEST_SERVER_KEY } from "@/test/aws";
import { createSession, createTestDatabase } from "@/test/db";
import { callerFor, type TCaller, trpcErrorOf } from "@/test/trpc";

/**
 * The dashboard's overview on its own database, so the instance counts are this file's alone. Its
 * client counts every statement, to show the overview costs the same few queries for 3 instances or 60.
 */

let db: TDb;
let drop: () => Promise<void>;
let queries = 0;
let editorSession: TSession;
let editor: TCaller;
let viewer: TCaller;

beforeAll(async () => {
  const database = await createTestDatabase();
  await database.db.$disconnect();
  drop = database.drop;
  db = createDb(database.url, {
    onStatement: () => {
      queries++;
    },
  });
  editorSession = await createSession(db, "editor");
  editor = callerFor(db, editorSession);
  viewer = callerFor(db, await createSession(db, "viewer"));
});
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

/** The queries one overview costs, beyond the role check every procedure makes. */
async function overviewQueries() {
  await viewer.me.get();
  const before = queries;
  await viewer.me.get();
  const roleCheck = queries - before;
  const start = queries;
  const overview = await viewer.instance.overview();
  return { overview, queries: queries - start - roleCheck };
}

describe("the instances overview", () => {
  it("shows each instance's scopes that differ from Amazon Connect's default, its last change, and the latest changes", async () => {
    const empty = await viewer.instance.overview();
    expect(empty).toEqual({ instances: [], totalInstances: 0, recentChanges: [] });

    const [first, second, third] = [
      await editor.instance.create({ alias: "overview-one" }),
      await editor.instance.create({ alias: "overview-two" }),
      await editor.instance.create({ alias: "overview-three" }),
    ];
    // first: CHAT customised, EMAIL set back to the default's values in another order and case,
    // TASK changed then reset.
    await editor.policy.update({
      instanceId: first.id,
      scope: "CHAT",
      maximumSizeLimitInBytes: 5_242_880,
      allowedExtensions: ["pdf", "png"],
    });
    await editor.policy.update({
      instanceId: first.id,
      scope: "EMAIL",
      allowedExtensions: [...DEFAULT_POLICY.allowedExtensions].reverse().map((extension) => extension.toUpperCase()),
    });
    await editor.policy.update({ instanceId: first.id, scope: "TASK", maximumSizeLimitInBytes: 1 });
    await editor.policy.reset({ instanceId: first.id, scope: "TASK", expectedVersion: 1 });
    // second: changed through the API, by a key.
    const key = await createTestApiKey(db, { allInstances: true });
    const signing = await findSigningKey({ db, accessKeyId: key.accessKeyId, serverKey: TEST_SERVER_KEY });
    if (!signing) throw new Error("no signing key");
    await updatePolicy({
      db,
      actor: signing.actor,
      input: {
        instanceId: second.id,
        scope: "CASE",
        maximumSizeLimitInBytes: 1024,
        allowedExtensions: ["txt"],
        expectedVersion: undefined,
        reason: undefined,
      },
    });

    const { instances, totalInstances, recentChanges } = await viewer.instance.overview();
    expect(totalInstances).toBe(3);
    expect(instances.map((instance) => instance.alias)).toEqual(["overview-one", "overview-two", "overview-three"]);
    const [one, two, three] = instances;
    expect(one).toMatchObject({ id: first.id, arn: first.arn, createdAt: first.createdAt });
    expect(one?.customizedScopes).toEqual([
      { scope: "CHAT", maximumSizeLimitInBytes: 5_242_880, allowedExtensionCount: 2 },
    ]);
    expect(one?.lastChange).toMatchObject({
      scope: "TASK",
      version: 2,
      kind: "RESET",
      actorLabel: editorSession.user.email,
      actorKind: "USER",
    });
    expect(one?.lastChange?.createdAt).toBeInstanceOf(Date);
    expect(two?.customizedScopes).toEqual([{ scope: "CASE", maximumSizeLimitInBytes: 1024, allowedExtensionCount: 1 }]);
    expect(two?.lastChange).toMatchObject({ scope: "CASE", kind: "UPDATE", actorKind: "API_KEY" });
    expect(two?.lastChange?.actorLabel).toContain(key.accessKeyId);
    expect(three).toMatchObject({ id: third.id, customizedScopes: [], lastChange: null });

    expect(recentChanges.map((change) => [change.instanceAlias, change.scope, change.version, change.kind])).toEqual([
      ["overview-two", "CASE", 1, "UPDATE"],
      ["overview-one", "TASK", 2, "RESET"],
      ["overview-one", "TASK", 1, "UPDATE"],
      ["overview-one", "EMAIL", 1, "UPDATE"],
      ["overview-one", "CHAT", 1, "UPDATE"],
    ]);
    expect(recentChanges[0]).toMatchObject({ instanceId: second.id, actorKind: "API_KEY", id: expect.any(String) });
  });

  it("lists at most 50 instances (oldest first) and the latest 8 changes, in the same number of queries", async () => {
    const few = await overviewQueries();
    const { instances: existing } = few.overview;
    for (let index = 0; index < 57; index++) {
      const instance = await editor.instance.create({ alias: `bulk-${String(index).padStart(2, "0")}` });
      await editor.policy.update({ instanceId: instance.id, scope: "EMAIL", maximumSizeLimitInBytes: 100 + index });
    }
    const many = await overviewQueries();
    expect(many.queries).toBe(few.queries);
    expect(many.queries).toBeLessThanOrEqual(6);

    const { instances, totalInstances, recentChanges } = many.overview;
    expect(totalInstances).toBe(existing.length + 57);
    expect(instances).toHaveLength(50);
    expect(instances.slice(0, existing.length).map((instance) => instance.id)).toEqual(
      existing.map((instance) => instance.id),
    );
    expect(instances.at(-1)?.alias).toBe(`bulk-${String(50 - existing.length - 1).padStart(2, "0")}`);
    expect(instances.at(-1)?.customizedScopes).toEqual([
      { scope: "EMAIL", maximumSizeLimitInBytes: 100 + 50 - existing.length - 1, allowedExtensionCount: 18 },
    ]);
    expect(recentChanges.map((change) => change.instanceAlias)).toEqual(
      [56, 55, 54, 53, 52, 51, 50, 49].map((index) => `bulk-${index}`),
    );
  });

  it("is for team members only", async () => {
    expect((await trpcErrorOf(callerFor(db, null).instance.overview())).code).toBe("UNAUTHORIZED");
    expect((await trpcErrorOf(callerFor(db, await createSession(db, null)).instance.overview())).code).toBe(
      "FORBIDDEN",
    );
  });
});
