import type { Metadata } from "next";
import { InstancePicker } from "./attachments-view";

export const metadata: Metadata = { title: "Attachments" };

export default function AttachmentsPage() {
  return <InstancePicker />;
}
