import {
  FAVICON_MAX_PX,
  FAVICON_MIN_PX,
  LOGO_MIN_HEIGHT_PX,
  mediaSlot,
  type TWorkspaceMediaType,
} from "@/server/workspaces/workspace-rules";

/** A slot's shape rules in a sentence, shown before an image is chosen. */
export function slotRules(type: TWorkspaceMediaType): string {
  return mediaSlot(type).kind === "favicon"
    ? `Square, ${FAVICON_MIN_PX} to ${FAVICON_MAX_PX} px on each side.`
    : `Wider than tall, at least ${LOGO_MIN_HEIGHT_PX} px high.`;
}
