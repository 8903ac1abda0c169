/**
 * What the branding tests (and the screenshots) share: images made at test time with sharp, a real
 * drop of one on a slot, and workspaces and images set up over tRPC as another person would.
 */
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import sharp from "sharp";
import { mutate, uniqueAlias } from "./fixtures";

export type TMediaType =
  | "IMAGE_LOGO_LIGHT_FAVICON"
  | "IMAGE_LOGO_DARK_FAVICON"
  | "IMAGE_LOGO_LIGHT_HORIZONTAL"
  | "IMAGE_LOGO_DARK_HORIZONTAL";

/** A horizontal logo: a mark and two bars in `colour` on a transparent surround. */
export function logoPng(colour: string, { width = 240, height = 60 } = {}): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 240 60">
    <circle cx="30" cy="30" r="22" fill="${colour}"/>
    <rect x="64" y="14" width="150" height="12" rx="6" fill="${colour}"/>
    <rect x="64" y="34" width="100" height="12" rx="6" fill="${colour}"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A favicon (or any square, or not square) image: a rounded tile in `colour`. */
export function iconPng(colour: string, { width = 32, height = 32 } = {}): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect x="0" y="0" width="${width}" height="${height}" rx="${Math.min(width, height) / 5}" fill="${colour}"/>
    <circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#ffffff"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString("base64")}`;

/** A slot of the workspace page, by its label ("Light horizontal logo"). */
export const slot = (page: Page, label: string) => page.getByRole("region", { name: label, exact: true });

/** The file input of a slot or of the import dialog: where a file is dropped or chosen. */
export const dropTarget = (scope: Locator) => scope.getByLabel(/image here or choose a file/);

/**
 * Drops a file as a person dragging it from their desktop would: dragenter, dragover and drop with a
 * DataTransfer holding a File of these bytes.
 */
export async function dropFile(target: Locator, name: string, bytes: Buffer, type = "image/png") {
  await target.evaluate(
    (element, file) => {
      const data = Uint8Array.from(atob(file.base64), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], file.name, { type: file.type }));
      for (const kind of ["dragenter", "dragover", "drop"]) {
        element.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { name, base64: bytes.toString("base64"), type },
  );
}

export type TWorkspaceRef = { id: string; name: string };

/** A workspace created by `who` over tRPC, with a name no other test uses. */
export async function createWorkspace(who: APIRequestContext, instanceId: string, prefix = "Workspace") {
  const name = `${prefix} ${uniqueAlias("ws").slice(3)}`;
  const created = await mutate<{ id: string }>(who, "workspace.create", { instanceId, name });
  return { id: created.id, name };
}

export function importImage(
  who: APIRequestContext,
  instanceId: string,
  workspaceId: string,
  type: TMediaType,
  png: Buffer,
) {
  return mutate<{ path: string }>(who, "workspace.importMedia", {
    instanceId,
    workspaceId,
    type,
    source: dataUrl(png),
  });
}
