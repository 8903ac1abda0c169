import type { Metadata } from "next";
import { consolePageTitle } from "@/server/auth";
import { requireInstance } from "@/server/instances/instances";
import { FilesView } from "./files-view";

type TProps = { params: Promise<{ instanceId: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { instanceId } = await params;
  return {
    title: await consolePageTitle("Files", async ({ db, actor }) => {
      return (await requireInstance({ db, actor, reference: instanceId })).alias;
    }),
  };
}

export default async function InstanceFilesPage({ params }: TProps) {
  const { instanceId } = await params;
  return <FilesView instanceId={instanceId} />;
}
