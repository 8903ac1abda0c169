"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** The console areas that start by choosing an instance: where each instance links, and what it says. */
export const CHOOSER_AREAS = {
  policies: {
    href: routes.instancePolicies,
    link: "Attachment policies →",
    empty: "first; its attachment policies start with Amazon Connect's defaults.",
  },
  branding: {
    href: routes.brandingInstance,
    link: "Workspaces →",
    empty: "first; its workspaces are branded here.",
  },
  files: {
    href: routes.filesInstance,
    link: "Files →",
    empty: "first; the files uploaded to it through the API are listed here.",
  },
} as const;
export type TChooserArea = keyof typeof CHOOSER_AREAS;

/** The team's instances, each linking into `area`. */
export function InstanceChooser({ area }: { area: TChooserArea }) {
  const trpc = useTRPC();
  const instances = useQuery(trpc.instance.list.queryOptions());
  const { href, link, empty } = CHOOSER_AREAS[area];

  if (instances.isPending) return <LoadingRows label="Loading instances" />;
  if (instances.isError) {
    return <ErrorState message={errorMessage(instances.error)} onRetry={() => void instances.refetch()} />;
  }
  if (instances.data.length === 0) {
    return (
      <EmptyState title="No instances yet">
        <Link href={routes.instances} className="text-link underline">
          Create an instance
        </Link>{" "}
        {empty}
      </EmptyState>
    );
  }
  return (
    <ul aria-label="Instances" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {instances.data.map((instance) => (
        <li key={instance.id}>
          <Link
            href={href(instance.id)}
            className="block rounded-xl border border-line bg-surface p-4 shadow-sm hover:border-indigo-400 hover:shadow"
          >
            <span className="font-medium break-words text-fg">{instance.alias}</span>
            <span className="mt-1 block truncate font-mono text-xs text-fg-subtle" title={instance.id}>
              {instance.id}
            </span>
            <span className="mt-3 block text-sm font-medium text-link">{link}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
