import type { Metadata } from "next";
import { InstanceChooserView } from "@/components/instances/chooser-view";

export const metadata: Metadata = { title: "Attachments" };

export default function AttachmentsPage() {
  return (
    <InstanceChooserView
      area="policies"
      title="Attachments"
      description="Each instance has an attachment policy per scope (email, chat, cases, tasks): which file types are allowed and how large a file may be. Choose an instance."
    />
  );
}
