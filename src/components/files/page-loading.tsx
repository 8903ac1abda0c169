import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { routes } from "@/lib/routes";

export const filesCrumbs = (alias?: string) => [{ label: "Files", href: routes.files }, { label: alias ?? "Instance" }];

/** An instance's files until they (and the code that lists them) are there. */
export function FilesLoading() {
  return (
    <div className="space-y-6">
      <PageHeader title="Files" breadcrumbs={filesCrumbs()} />
      <div aria-hidden="true" className="h-32 animate-pulse rounded-xl bg-surface-muted" />
      <LoadingRows label="Loading files" rows={5} />
    </div>
  );
}
