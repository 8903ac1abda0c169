import type { Metadata } from "next";
import { consolePageTitle } from "@/server/auth";
import { requireInstance } from "@/server/instances/instances";
import { WorkspacesView } from "./workspaces-view";

type TProps = { params: Promise<{ instanceId: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { instanceId } = await params;
  return {
    title: await consolePageTitle("Workspaces", async ({ db, actor }) => {
      return (await requireInstance({ db, actor, reference: instanceId })).alias;
    }),
  };
}

export default async function InstanceWorkspacesPage({ params }: TProps) {
  const { instanceId } = await params;
  return <WorkspacesView instanceId={instanceId} />;
}
