import { Badge, type TTone } from "@/components/ui/badge";
import { type TWorkspaceVisibility, VISIBILITY_LABELS } from "@/server/workspaces/workspace-rules";

const TONES: Record<TWorkspaceVisibility, TTone> = { ALL: "success", ASSIGNED: "info", NONE: "neutral" };

/** Who can use a workspace, as a badge. */
export function VisibilityBadge({ visibility }: { visibility: TWorkspaceVisibility }) {
  return <Badge tone={TONES[visibility]}>{VISIBILITY_LABELS[visibility]}</Badge>;
}
