import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { routes } from "@/lib/routes";

export default function ConsoleNotFound() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Page not found"
        breadcrumbs={[{ label: "Dashboard", href: routes.dashboard }, { label: "Not found" }]}
      />
      <EmptyState title="There is nothing at this address">
        It may have been moved or deleted. Go to the{" "}
        <Link href={routes.dashboard} className="text-link underline">
          dashboard
        </Link>{" "}
        or the list of{" "}
        <Link href={routes.instances} className="text-link underline">
          instances
        </Link>
        .
      </EmptyState>
    </div>
  );
}
