"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useConsoleUser } from "@/components/shell/console-context";
import { Button } from "@/components/ui/button";
import { CopyText } from "@/components/ui/copy";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { lazyComponent } from "@/lib/lazy";
import { preloadWhenIdle } from "@/lib/preload";
import { routes } from "@/lib/routes";
import { hasRole } from "@/server/team/role-rules";
import type { TWorkspace } from "@/server/workspaces/workspace-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { WorkspacesLoading, workspacesCrumbs } from "./page-loading";
import { VisibilityBadge } from "./visibility-badge";

const WorkspaceDetailsDialog = lazyComponent(() =>
  import("./details-dialog").then((dialog) => dialog.WorkspaceDetailsDialog),
);
const DeleteWorkspaceDialog = lazyComponent(() =>
  import("./delete-dialog").then((dialog) => dialog.DeleteWorkspaceDialog),
);

/** How long typing pauses before the search asks the server. */
const SEARCH_DELAY_MS = 250;

function useDebounced(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

type TOpen = { kind: "create" } | { kind: "edit"; workspace: TWorkspace } | { kind: "delete"; workspace: TWorkspace };

/**
 * An instance's workspaces: search, create, edit details, delete. Loaded by the page
 * (app/(console)/branding/[instanceId]) together with the list itself.
 */
export function WorkspaceList({ instanceId }: { instanceId: string }) {
  const user = useConsoleUser();
  const canEdit = hasRole(user.role, "editor");
  const trpc = useTRPC();
  const router = useRouter();
  const searchId = useId();
  const [search, setSearch] = useState("");
  const query = useDebounced(search.trim());
  const [open, setOpen] = useState<TOpen | null>(null);
  const list = useQuery({
    ...trpc.workspace.list.queryOptions({ instanceId, ...(query ? { query } : {}) }),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (canEdit) return preloadWhenIdle(WorkspaceDetailsDialog.preload, DeleteWorkspaceDialog.preload);
  }, [canEdit]);

  if (list.isPending) return <WorkspacesLoading />;
  if (list.isError && !list.data) {
    const missing = ["NOT_FOUND", "BAD_REQUEST"].includes(errorCode(list.error) ?? "");
    return (
      <div className="space-y-6">
        <PageHeader title={missing ? "Instance not found" : "Workspaces"} breadcrumbs={workspacesCrumbs()} />
        {missing ? (
          <EmptyState title="There is no such instance">
            No instance of your team has the id <span className="font-mono">{instanceId}</span>.{" "}
            <Link href={routes.branding} className="text-link underline">
              Choose one from the list.
            </Link>
          </EmptyState>
        ) : (
          <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
        )}
      </div>
    );
  }

  const { instance, workspaces, total } = list.data;
  const searching = list.isFetching && list.isPlaceholderData;
  const close = () => setOpen(null);

  return (
    <div className="space-y-6">
      <PageHeader
        title={`Workspaces of ${instance.alias}`}
        breadcrumbs={workspacesCrumbs(instance.alias)}
        description="Each workspace brands the agent workspace: logos and favicons for light and dark, and a colour theme."
        actions={
          canEdit ? (
            <Button variant="primary" onClick={() => setOpen({ kind: "create" })}>
              New workspace
            </Button>
          ) : null
        }
      />

      {canEdit ? null : (
        <p className="rounded-lg bg-surface-muted px-4 py-2 text-sm text-fg-muted">
          You can view these workspaces and their branding. Changing them needs the editor role.
        </p>
      )}

      {total > 0 ? (
        <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
          <div className="w-full max-w-sm">
            <label htmlFor={searchId} className="block text-sm font-medium text-fg">
              Search workspaces
            </label>
            <Input
              id={searchId}
              type="search"
              className="mt-1"
              value={search}
              placeholder="Name, title or description"
              autoComplete="off"
              maxLength={127}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <p role="status" className="pb-2 text-sm text-fg-subtle">
            {searching
              ? "Searching…"
              : query
                ? `${workspaces.length} of ${total} ${total === 1 ? "workspace" : "workspaces"} match.`
                : `${total} ${total === 1 ? "workspace" : "workspaces"}.`}
          </p>
        </div>
      ) : null}

      {list.isError ? <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} /> : null}

      {total === 0 ? (
        <EmptyState title="No workspaces yet">
          {canEdit
            ? "Create one with New workspace, then give it logos, favicons and colours."
            : "An editor can create the first one."}
        </EmptyState>
      ) : workspaces.length === 0 ? (
        <EmptyState title={`No workspace matches “${query}”`}>
          <Button variant="link" onClick={() => setSearch("")}>
            Clear the search
          </Button>
        </EmptyState>
      ) : (
        <Table caption={`Workspaces of ${instance.alias}`} className={searching ? "opacity-70" : undefined}>
          <TableHead>
            <TableRow>
              <TableHeader>Workspace</TableHeader>
              <TableHeader>Visibility</TableHeader>
              <TableHeader>Updated</TableHeader>
              {canEdit ? <TableHeader /> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {workspaces.map((workspace) => (
              <TableRow key={workspace.id}>
                <TableCell label="Workspace">
                  <Link
                    href={routes.workspace(instance.id, workspace.id)}
                    className="inline-flex min-h-6 items-center font-medium break-words text-link hover:underline"
                  >
                    {workspace.name}
                  </Link>
                  {workspace.title ? (
                    <p className="text-sm break-words text-fg-muted">Title: {workspace.title}</p>
                  ) : null}
                  {workspace.description ? (
                    <p className="line-clamp-2 text-sm break-words text-fg-subtle">{workspace.description}</p>
                  ) : null}
                  <div>
                    <CopyText value={workspace.id} label={`Copy the workspace ID of ${workspace.name}`} />
                  </div>
                </TableCell>
                <TableCell label="Visibility">
                  <VisibilityBadge visibility={workspace.visibility} />
                </TableCell>
                <TableCell label="Updated" className="whitespace-nowrap">
                  <Time date={workspace.updatedAt} />
                </TableCell>
                {canEdit ? (
                  <TableCell actions>
                    <Button
                      variant="link"
                      aria-label={`Edit ${workspace.name}`}
                      onClick={() => setOpen({ kind: "edit", workspace })}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="danger-link"
                      aria-label={`Delete ${workspace.name}`}
                      onClick={() => setOpen({ kind: "delete", workspace })}
                    >
                      Delete
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {open?.kind === "create" && canEdit ? (
        <WorkspaceDetailsDialog
          instanceId={instance.id}
          onClose={close}
          onSaved={(created) => router.push(routes.workspace(instance.id, created.id))}
        />
      ) : null}
      {open?.kind === "edit" && canEdit ? (
        <WorkspaceDetailsDialog instanceId={instance.id} workspace={open.workspace} onClose={close} />
      ) : null}
      {open?.kind === "delete" && canEdit ? (
        <DeleteWorkspaceDialog instanceId={instance.id} workspace={open.workspace} onClose={close} />
      ) : null}
    </div>
  );
}
