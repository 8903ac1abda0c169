import type { Metadata } from "next";
import { getConsoleActor } from "@/server/auth";
import { getDb } from "@/server/db";
import { requireInstance } from "@/server/instances/instances";
import { PoliciesView } from "./policies-view";

type TProps = { params: Promise<{ instanceId: string }> };

/** The tab names the instance, so several open instances can be told apart. */
export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { instanceId } = await params;
  const { actor } = await getConsoleActor();
  const instance = actor
    ? await requireInstance({ db: getDb(), actor, reference: instanceId }).catch(() => null)
    : null;
  return { title: instance ? `${instance.alias} · Attachment policies` : "Attachment policies" };
}

export default async function InstancePoliciesPage({ params }: TProps) {
  const { instanceId } = await params;
  return <PoliciesView instanceId={instanceId} />;
}
