import type { Metadata } from "next";
import { InstancePicker } from "./instance-picker";

export const metadata: Metadata = { title: "Attachments" };

export default function AttachmentsPage() {
  return <InstancePicker />;
}
