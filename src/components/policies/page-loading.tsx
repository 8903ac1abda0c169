import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { routes } from "@/lib/routes";

export const policiesCrumbs = (alias?: string) => [
  { label: "Attachments", href: routes.attachments },
  { label: alias ?? "Instance" },
];

/** An instance's policies page until they (and the code that shows them) are there. */
export function PoliciesLoading() {
  return (
    <div className="space-y-6">
      <PageHeader title="Attachment policies" breadcrumbs={policiesCrumbs()} />
      <LoadingRows label="Loading policies" rows={4} />
    </div>
  );
}
