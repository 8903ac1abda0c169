import type { Metadata } from "next";
import { consolePageTitle } from "@/server/auth";
import { getWorkspace } from "@/server/workspaces/workspaces";
import { WorkspaceView } from "./workspace-view";

type TProps = { params: Promise<{ instanceId: string; workspaceId: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { instanceId, workspaceId } = await params;
  return {
    title: await consolePageTitle("Branding", async ({ db, actor }) => {
      return (await getWorkspace({ db, actor, instanceId, workspaceId })).name;
    }),
  };
}

export default async function WorkspacePage({ params }: TProps) {
  const { instanceId, workspaceId } = await params;
  return <WorkspaceView instanceId={instanceId} workspaceId={workspaceId} />;
}
