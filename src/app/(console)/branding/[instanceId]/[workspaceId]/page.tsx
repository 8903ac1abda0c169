import type { Metadata } from "next";
import { getConsoleActor } from "@/server/auth";
import { getDb } from "@/server/db";
import { getWorkspace } from "@/server/workspaces/workspaces";
import { WorkspaceView } from "./workspace-view";

type TProps = { params: Promise<{ instanceId: string; workspaceId: string }> };

/** The tab names the workspace, so several open ones can be told apart. */
export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { instanceId, workspaceId } = await params;
  const { actor } = await getConsoleActor();
  const workspace = actor
    ? await getWorkspace({ db: getDb(), actor, instanceId, workspaceId }).catch(() => null)
    : null;
  return { title: workspace ? `${workspace.name} · Branding` : "Branding" };
}

export default async function WorkspacePage({ params }: TProps) {
  const { instanceId, workspaceId } = await params;
  return <WorkspaceView instanceId={instanceId} workspaceId={workspaceId} />;
}
