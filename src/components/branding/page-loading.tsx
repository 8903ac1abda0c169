import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { routes } from "@/lib/routes";

export const workspacesCrumbs = (alias?: string) => [
  { label: "Branding", href: routes.branding },
  { label: alias ?? "Instance" },
];

export const workspaceCrumbs = (instance?: { id: string; alias: string }, name?: string) => [
  { label: "Branding", href: routes.branding },
  { label: instance?.alias ?? "Instance", href: instance ? routes.brandingInstance(instance.id) : undefined },
  { label: name ?? "Workspace" },
];

/** An instance's workspaces until they (and the code that lists them) are there. */
export function WorkspacesLoading() {
  return (
    <div className="space-y-6">
      <PageHeader title="Workspaces" breadcrumbs={workspacesCrumbs()} />
      <LoadingRows label="Loading workspaces" rows={3} />
    </div>
  );
}

/** A workspace's page until it is there. */
export function WorkspaceLoading() {
  return (
    <div className="space-y-6">
      <PageHeader title="Workspace" breadcrumbs={workspaceCrumbs()} />
      <div role="status" aria-label="Loading workspace" className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="grid gap-4 sm:grid-cols-2">
          {["a", "b", "c", "d"].map((key) => (
            <div key={key} className="h-56 animate-pulse rounded-xl bg-surface-muted" />
          ))}
        </div>
        <div className="h-80 animate-pulse rounded-xl bg-surface-muted" />
        <span className="sr-only">Loading workspace</span>
      </div>
    </div>
  );
}
