import type { Metadata } from "next";
import { getServerAuthSession } from "@/server/auth";
import { getDb } from "@/server/db";
import { requireInstance } from "@/server/instances/instances";
import { findActor } from "@/server/team/team";
import { PoliciesView } from "./policies-view";

type TProps = { params: Promise<{ instanceId: string }> };

/** The tab names the instance, so several open instances can be told apart. */
export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { instanceId } = await params;
  const session = await getServerAuthSession();
  const actor = session ? await findActor({ db: getDb(), userId: session.user.id }) : null;
  const instance = actor
    ? await requireInstance({ db: getDb(), actor, reference: instanceId }).catch(() => null)
    : null;
  return { title: instance ? `${instance.alias} · Attachment policies` : "Attachment policies" };
}

export default async function InstancePoliciesPage({ params }: TProps) {
  const { instanceId } = await params;
  return <PoliciesView instanceId={instanceId} />;
}
