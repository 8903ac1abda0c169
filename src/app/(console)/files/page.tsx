import type { Metadata } from "next";
import { InstanceChooserView } from "@/components/instances/chooser-view";

export const metadata: Metadata = { title: "Files" };

export default function FilesPage() {
  return (
    <InstanceChooserView
      area="files"
      title="Files"
      description="The files uploaded to each instance through the API (attached files and chat attachments), the ones its policies refused and why. Choose an instance."
    />
  );
}
