import type { Metadata } from "next";
import { consolePageTitle } from "@/server/auth";
import { requireInstance } from "@/server/instances/instances";
import { PoliciesView } from "./policies-view";

type TProps = { params: Promise<{ instanceId: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { instanceId } = await params;
  return {
    title: await consolePageTitle("Attachment policies", async ({ db, actor }) => {
      return (await requireInstance({ db, actor, reference: instanceId })).alias;
    }),
  };
}

export default async function InstancePoliciesPage({ params }: TProps) {
  const { instanceId } = await params;
  return <PoliciesView instanceId={instanceId} />;
}
