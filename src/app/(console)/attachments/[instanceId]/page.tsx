import type { Metadata } from "next";
import { PoliciesView } from "./policies-view";

export const metadata: Metadata = { title: "Attachment policies" };

export default async function InstancePoliciesPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <PoliciesView instanceId={instanceId} />;
}
