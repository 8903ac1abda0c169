"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { AliasForm } from "@/components/instances/alias-form";
import { useConsoleUser } from "@/components/shell/console-context";
import { PageHeader, Panel } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/states";
import { notify } from "@/components/ui/toast";
import { lazyComponent } from "@/lib/lazy";
import { hasRole } from "@/server/team/role-rules";
import { useTRPC, useTRPCClient } from "@/trpc/react";

/** Shown once the instances are there: its code loads with them. */
const InstanceTable = lazyComponent(
  () => import("@/components/instances/instance-table").then((table) => table.InstanceTable),
  <LoadingRows label="Loading instances" />,
);

export function InstancesView() {
  const user = useConsoleUser();
  const canEdit = hasRole(user.role, "editor");
  const canDelete = hasRole(user.role, "admin");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const trpcClient = useTRPCClient();
  useEffect(() => {
    void queryClient.prefetchQuery(trpc.instance.list.queryOptions());
  }, [queryClient, trpc]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Instances"
        description="Each instance has its own attachment policies and workspaces. Its alias is how people find it."
      />

      {canEdit ? (
        <Panel title="Create an instance">
          <AliasForm
            submitLabel="Create instance"
            pendingLabel="Creating…"
            onSubmit={async (values) => {
              // Called directly rather than through useMutation, whose observer the first load then need not carry.
              const created = await trpcClient.instance.create.mutate(values);
              await queryClient.invalidateQueries(trpc.instance.pathFilter());
              notify.success(`Instance ${created.alias} created, with Amazon Connect's default attachment policies.`);
            }}
          />
        </Panel>
      ) : (
        <p className="rounded-lg bg-surface-muted px-4 py-2 text-sm text-fg-muted">
          You can view instances. Creating and renaming them needs the editor role; deleting one, the admin role.
        </p>
      )}

      <InstanceTable canEdit={canEdit} canDelete={canDelete} />
    </div>
  );
}
