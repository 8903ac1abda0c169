"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { lazyComponent } from "@/lib/lazy";
import { useTRPC } from "@/trpc/react";
import type { TChooserArea } from "./instance-chooser";

/** Shown once the instances are there: its code loads with them. */
const InstanceChooser = lazyComponent(
  () => import("./instance-chooser").then((chooser) => chooser.InstanceChooser),
  <LoadingRows label="Loading instances" />,
);

/** A page that starts by choosing an instance (Attachments, Branding). */
export function InstanceChooserView({
  area,
  title,
  description,
}: {
  area: TChooserArea;
  title: string;
  description: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(trpc.instance.list.queryOptions());
  }, [queryClient, trpc]);

  return (
    <div className="space-y-6">
      <PageHeader title={title} description={description} />
      <InstanceChooser area={area} />
    </div>
  );
}
