"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { CopyText } from "@/components/ui/copy";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { notify } from "@/components/ui/toast";
import { lazyComponent } from "@/lib/lazy";
import { preloadWhenIdle } from "@/lib/preload";
import { routes } from "@/lib/routes";
import type { TInstance } from "@/server/instances/instance-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { AliasForm } from "./alias-form";

/** Loaded once the page is up, so it opens at once. */
const DeleteInstanceDialog = lazyComponent(() =>
  import("./delete-dialog").then((dialog) => dialog.DeleteInstanceDialog),
);

function InstanceRow({
  instance,
  canEdit,
  canDelete,
  onDelete,
}: {
  instance: TInstance;
  canEdit: boolean;
  canDelete: boolean;
  onDelete: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const rename = useMutation(trpc.instance.rename.mutationOptions());
  const stopEditing = () => {
    setEditing(false);
    // Back to the button that opened the form, once it is rendered again.
    requestAnimationFrame(() => renameButton.current?.focus());
  };

  return (
    <TableRow>
      <TableCell label="Instance">
        {editing ? (
          <AliasForm
            inline
            defaultAlias={instance.alias}
            submitLabel="Save"
            pendingLabel="Saving…"
            onCancel={stopEditing}
            onSubmit={async ({ alias }) => {
              const renamed = await rename.mutateAsync({ id: instance.id, alias });
              await queryClient.invalidateQueries(trpc.instance.pathFilter());
              stopEditing();
              notify.success(`Instance ${instance.alias} renamed to ${renamed.alias}.`);
            }}
          />
        ) : (
          <span className="font-medium break-words">{instance.alias}</span>
        )}
        <dl className="mt-1 grid grid-cols-[auto_1fr] items-center gap-x-2 text-xs">
          <dt className="text-fg-subtle">ID</dt>
          <dd className="min-w-0">
            <CopyText value={instance.id} label={`Copy the instance ID of ${instance.alias}`} />
          </dd>
          <dt className="text-fg-subtle">ARN</dt>
          <dd className="min-w-0">
            <CopyText value={instance.arn} label={`Copy the ARN of ${instance.alias}`} />
          </dd>
        </dl>
      </TableCell>
      <TableCell label="Created" className="whitespace-nowrap">
        <Time date={instance.createdAt} />
      </TableCell>
      <TableCell actions>
        {editing ? null : (
          <>
            <Link href={routes.instancePolicies(instance.id)} className={buttonClasses({ variant: "link" })}>
              Attachment policies
            </Link>
            {canEdit ? (
              <Button
                ref={renameButton}
                variant="link"
                onClick={() => setEditing(true)}
                aria-label={`Rename ${instance.alias}`}
              >
                Rename
              </Button>
            ) : null}
            {canDelete ? (
              <Button variant="danger-link" onClick={onDelete} aria-label={`Delete ${instance.alias}`}>
                Delete
              </Button>
            ) : null}
          </>
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * The team's instances, with rename and delete where the role allows. Loaded by the Instances page
 * together with the list itself.
 */
export function InstanceTable({ canEdit, canDelete }: { canEdit: boolean; canDelete: boolean }) {
  const trpc = useTRPC();
  const instances = useQuery(trpc.instance.list.queryOptions());
  const [deleting, setDeleting] = useState<TInstance | null>(null);
  useEffect(() => {
    if (canDelete) return preloadWhenIdle(DeleteInstanceDialog.preload);
  }, [canDelete]);

  return (
    <>
      {instances.isPending ? (
        <LoadingRows label="Loading instances" />
      ) : instances.isError ? (
        <ErrorState message={errorMessage(instances.error)} onRetry={() => void instances.refetch()} />
      ) : instances.data.length === 0 ? (
        <EmptyState title="No instances yet">
          {canEdit ? "Create one above to get started." : "An editor can create the first one."}
        </EmptyState>
      ) : (
        <Table caption="Instances">
          <TableHead>
            <TableRow>
              <TableHeader>Instance</TableHeader>
              <TableHeader>Created</TableHeader>
              <TableHeader />
            </TableRow>
          </TableHead>
          <TableBody>
            {instances.data.map((instance) => (
              <InstanceRow
                key={instance.id}
                instance={instance}
                canEdit={canEdit}
                canDelete={canDelete}
                onDelete={() => setDeleting(instance)}
              />
            ))}
          </TableBody>
        </Table>
      )}
      {deleting ? <DeleteInstanceDialog instance={deleting} onClose={() => setDeleting(null)} /> : null}
    </>
  );
}
