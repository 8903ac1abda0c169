import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";

export const AUDIT_TITLE = "Audit log";

/** The audit log until its first page is there. */
export function AuditLoading() {
  return (
    <div className="space-y-6">
      <PageHeader title={AUDIT_TITLE} />
      <LoadingRows label="Loading the audit log" rows={6} />
    </div>
  );
}
