import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/server/db";
import { createSession, createTestDatabase, createTestInstance } from "@/test/db";
import { callerFor, type TCaller, trpcErrorOf } from "@/test/trpc";

let db: TDb;
let drop: () => Promise<void>;
let editor: TCaller;
let viewer: TCaller;
let admin: TCaller;
let instanceId: string;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  editor = callerFor(db, await createSession(db, "editor"));
  viewer = callerFor(db, await createSession(db, "viewer"));
  admin = callerFor(db, await createSession(db, "admin"));
  instanceId = (await createTestInstance(db, "branding")).id;
});
afterAll(() => drop());

const dataUrl = async (width: number, height: number, colour: string) =>
  `data:image/png;base64,${(
    await sharp({ create: { width, height, channels: 4, background: colour } })
      .png()
      .toBuffer()
  ).toString("base64")}`;

let counter = 0;
const create = (caller: TCaller = editor) => caller.workspace.create({ instanceId, name: `Console ${++counter}` });

describe("workspaces in the console", () => {
  it("lets an editor create, rename and delete, and searches by name, title or description", async () => {
    const workspace = await editor.workspace.create({
      instanceId,
      name: "Support North",
      description: "Front line\nfor the north",
      title: "North",
      visibility: "ASSIGNED",
    });
    expect(workspace).toMatchObject({ name: "Support North", visibility: "ASSIGNED", version: 1 });
    const renamed = await editor.workspace.updateMetadata({
      instanceId,
      workspaceId: workspace.id,
      name: "Support North-East",
      expectedVersion: 1,
    });
    expect(renamed).toMatchObject({ name: "Support North-East", version: 2 });

    const found = await viewer.workspace.list({ instanceId, query: "north-east" });
    expect(found.workspaces.map((item) => item.id)).toEqual([workspace.id]);
    expect((await viewer.workspace.list({ instanceId, query: "FRONT LINE" })).workspaces).toHaveLength(1);
    expect((await viewer.workspace.list({ instanceId, query: "nothing like it" })).workspaces).toEqual([]);

    const refused = await trpcErrorOf(
      editor.workspace.delete({ instanceId, workspaceId: workspace.id, confirmName: "Support" }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain("Support North-East");
    await editor.workspace.delete({ instanceId, workspaceId: workspace.id, confirmName: "Support North-East" });
    expect((await trpcErrorOf(viewer.workspace.get({ instanceId, workspaceId: workspace.id }))).code).toBe("NOT_FOUND");
  });

  it("refuses a change made from an older version with CONFLICT, and a taken name with CONFLICT", async () => {
    const first = await create();
    const second = await create();
    await editor.workspace.updateVisibility({
      instanceId,
      workspaceId: first.id,
      visibility: "NONE",
      expectedVersion: 1,
    });
    const stale = await trpcErrorOf(
      editor.workspace.updateTheme({ instanceId, workspaceId: first.id, theme: {}, expectedVersion: 1 }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("changed by someone else");
    const taken = await trpcErrorOf(
      editor.workspace.updateMetadata({ instanceId, workspaceId: second.id, name: first.name.toLowerCase() }),
    );
    expect(taken.code).toBe("CONFLICT");
    expect(taken.message).toContain("already exists");
  });

  it("saves the theme through the same rules as UpdateWorkspaceTheme", async () => {
    const workspace = await create();
    const saved = await editor.workspace.updateTheme({
      instanceId,
      workspaceId: workspace.id,
      theme: {
        Dark: {
          Palette: { Header: { Background: "#111827", Text: "#f9fafb" } },
          Typography: { FontFamily: { Default: "Georgia" } },
        },
      },
    });
    expect(saved.theme.Dark?.Palette?.Header?.Background).toBe("#111827");
    const refused = await trpcErrorOf(
      editor.workspace.updateTheme({
        instanceId,
        workspaceId: workspace.id,
        theme: { Light: { Palette: { Header: { Background: "red; background: url(//x)" } } } },
      }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain("must be a CSS colour");
  });
});

describe("media in the console", () => {
  it("checks an image without storing it, listing every rule it passes or fails", async () => {
    const workspace = await create();
    const blobs = await db.mediaBlob.count();
    const result = await editor.workspace.checkMedia({
      instanceId,
      workspaceId: workspace.id,
      type: "IMAGE_LOGO_LIGHT_FAVICON",
      source: await dataUrl(64, 32, "#4f46e5"),
    });
    // The refused image is still previewed in place, next to the check it fails.
    expect(result).toMatchObject({ format: "png", width: 64, height: 32 });
    expect(result.previewDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(result.checks).toContainEqual({
      rule: "shape",
      ok: false,
      message: "A favicon must be square; this one is 64×32 px.",
    });
    const good = await editor.workspace.checkMedia({
      instanceId,
      workspaceId: workspace.id,
      type: "IMAGE_LOGO_LIGHT_FAVICON",
      source: await dataUrl(32, 32, "#4f46e5"),
    });
    expect(good.checks.every((check) => check.ok)).toBe(true);
    expect(good.previewDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(await db.mediaBlob.count()).toBe(blobs);
  });

  it("imports, replaces, undoes the replacement and deletes, auditing each step", async () => {
    const workspace = await create();
    const slot = { instanceId, workspaceId: workspace.id, type: "IMAGE_LOGO_DARK_HORIZONTAL" } as const;
    const first = await editor.workspace.importMedia({ ...slot, source: await dataUrl(200, 40, "#f9fafb") });
    expect(first).toMatchObject({ width: 200, height: 40, format: "png", previousContentHash: null });
    expect(first.path).toBe(`/media/${first.contentHash}.png`);
    const second = await editor.workspace.importMedia({ ...slot, source: await dataUrl(240, 40, "#e5e7eb") });
    expect(second.previousContentHash).toBe(first.contentHash);

    const undone = await editor.workspace.restoreMedia({ ...slot, contentHash: first.contentHash });
    expect(undone.contentHash).toBe(first.contentHash);
    // Undo twice is refused: the slot no longer holds what the Undo was for.
    const again = await trpcErrorOf(editor.workspace.restoreMedia({ ...slot, contentHash: first.contentHash }));
    expect(again.code).toBe("CONFLICT");

    await editor.workspace.deleteMedia(slot);
    expect((await viewer.workspace.get({ instanceId, workspaceId: workspace.id })).media).toEqual([]);
    const actions = await db.auditEvent.findMany({
      where: { targetType: "Workspace", targetId: workspace.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorKind: true },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "workspace.create",
      "workspace.media.import",
      "workspace.media.import",
      "workspace.media.restore",
      "workspace.media.delete",
    ]);
  });

  it("stops storing an instance's images when the instance is deleted", async () => {
    const doomed = await createTestInstance(db, "doomed");
    const workspace = await editor.workspace.create({ instanceId: doomed.id, name: "Doomed" });
    const slot = { instanceId: doomed.id, workspaceId: workspace.id, type: "IMAGE_LOGO_LIGHT_FAVICON" } as const;
    const first = await editor.workspace.importMedia({ ...slot, source: await dataUrl(40, 40, "#b91c1c") });
    const second = await editor.workspace.importMedia({ ...slot, source: await dataUrl(40, 40, "#15803d") });
    await admin.instance.delete({ id: doomed.id, confirmAlias: doomed.alias });
    expect(await db.mediaBlob.count({ where: { contentHash: { in: [first.contentHash, second.contentHash] } } })).toBe(
      0,
    );
  });

  it("refuses every branding change to a viewer with FORBIDDEN, and lets admins through", async () => {
    const workspace = await create();
    const target = { instanceId, workspaceId: workspace.id };
    const source = await dataUrl(32, 32, "#000000");
    for (const call of [
      () => viewer.workspace.create({ instanceId, name: "Viewer's" }),
      () => viewer.workspace.updateMetadata({ ...target, name: "Viewer's" }),
      () => viewer.workspace.updateVisibility({ ...target, visibility: "NONE" }),
      () => viewer.workspace.updateTheme({ ...target, theme: {} }),
      () => viewer.workspace.delete({ ...target, confirmName: workspace.name }),
      () => viewer.workspace.checkMedia({ ...target, type: "IMAGE_LOGO_LIGHT_FAVICON", source }),
      () => viewer.workspace.importMedia({ ...target, type: "IMAGE_LOGO_LIGHT_FAVICON", source }),
      () => viewer.workspace.deleteMedia({ ...target, type: "IMAGE_LOGO_LIGHT_FAVICON" }),
      () => viewer.workspace.restoreMedia({ ...target, type: "IMAGE_LOGO_LIGHT_FAVICON", contentHash: "0".repeat(64) }),
    ]) {
      expect((await trpcErrorOf(call())).code).toBe("FORBIDDEN");
    }
    await expect(
      admin.workspace.importMedia({ ...target, type: "IMAGE_LOGO_LIGHT_FAVICON", source }),
    ).resolves.toMatchObject({
      width: 32,
    });
    const signedOut = callerFor(db, null);
    expect((await trpcErrorOf(signedOut.workspace.list({ instanceId }))).code).toBe("UNAUTHORIZED");
  });
});
