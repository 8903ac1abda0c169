import type { Metadata } from "next";
import { InstanceChooserView } from "@/components/instances/chooser-view";

export const metadata: Metadata = { title: "Branding" };

export default function BrandingPage() {
  return (
    <InstanceChooserView
      area="branding"
      title="Branding"
      description="Each instance has workspaces: the agent workspace's logos, favicons and colours, in light and dark. Choose an instance."
    />
  );
}
