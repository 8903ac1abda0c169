import type { Metadata } from "next";
import { getConsoleActor } from "@/server/auth";
import { getDb } from "@/server/db";
import { requireInstance } from "@/server/instances/instances";
import { WorkspacesView } from "./workspaces-view";

type TProps = { params: Promise<{ instanceId: string }> };

/** The tab names the instance, so several open instances can be told apart. */
export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { instanceId } = await params;
  const { actor } = await getConsoleActor();
  const instance = actor
    ? await requireInstance({ db: getDb(), actor, reference: instanceId }).catch(() => null)
    : null;
  return { title: instance ? `${instance.alias} · Workspaces` : "Workspaces" };
}

export default async function InstanceWorkspacesPage({ params }: TProps) {
  const { instanceId } = await params;
  return <WorkspacesView instanceId={instanceId} />;
}
