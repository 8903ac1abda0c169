import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { routes } from "@/lib/routes";

/** The dashboard's instances, under their heading; the page shows it while they load too. */
export function InstancesSection({ children }: { children: React.ReactNode }) {
  return (
    <section aria-labelledby="instances-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="instances-heading" className="text-lg font-semibold">
          Instances
        </h2>
        <Link href={routes.instances} className={buttonClasses({ variant: "link" })}>
          Manage instances →
        </Link>
      </div>
      {children}
    </section>
  );
}
