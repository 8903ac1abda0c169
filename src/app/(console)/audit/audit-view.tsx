"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { parseAuditFilters, type TAuditFilterForm } from "@/components/audit/filters";
import { AUDIT_TITLE, AuditLoading } from "@/components/audit/page-loading";
import { auditListOptions } from "@/components/audit/queries";
import { useConsoleUser } from "@/components/shell/console-context";
import { PageHeader } from "@/components/ui/page-header";
import { lazyComponent } from "@/lib/lazy";
import { hasRole, ROLE_LABELS } from "@/server/team/role-rules";
import { useTRPC } from "@/trpc/react";

/** The page's first paint is its loading state; the code that lists the events loads with them. */
const AuditLog = lazyComponent(
  () => import("@/components/audit/audit-log").then((log) => log.AuditLog),
  <AuditLoading />,
);

export function AuditView({ initial }: { initial: TAuditFilterForm }) {
  const user = useConsoleUser();
  const isAdmin = hasRole(user.role, "admin");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!isAdmin) return;
    const parsed = parseAuditFilters(initial);
    void queryClient.prefetchInfiniteQuery(auditListOptions(trpc, parsed.ok ? parsed.filter : {}));
  }, [isAdmin, initial, queryClient, trpc]);

  if (!isAdmin) {
    return (
      <div className="space-y-6">
        <PageHeader title={AUDIT_TITLE} />
        <div role="note" className="rounded-xl border border-line bg-surface px-6 py-10 text-center shadow-sm">
          <p className="font-medium">Reading the audit log needs the admin role.</p>
          <p className="mt-1 text-sm text-fg-muted">
            You are {/^[aeiou]/i.test(user.role) ? "an" : "a"} {ROLE_LABELS[user.role].toLowerCase()}. Ask an owner or
            admin of your team if you need to know who changed what.
          </p>
        </div>
      </div>
    );
  }
  return <AuditLog initial={initial} />;
}
