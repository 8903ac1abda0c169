"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { notify } from "@/components/ui/toast";
import { TypeToConfirmDialog } from "@/components/ui/type-to-confirm-dialog";
import type { TWorkspace } from "@/server/workspaces/workspace-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** Deleting a workspace takes its logos, favicons and theme with it, so it asks for the name to be typed first. */
export function DeleteWorkspaceDialog({
  instanceId,
  workspace,
  onClose,
  onDeleted,
}: {
  instanceId: string;
  workspace: TWorkspace;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.workspace.delete.mutationOptions());

  async function submit(typed: string) {
    try {
      await remove.mutateAsync({ instanceId, workspaceId: workspace.id, confirmName: typed });
      // Only the lists: the deleted workspace's own page leaves (onDeleted) rather than refetch a "not found".
      await queryClient.invalidateQueries(trpc.workspace.list.pathFilter());
      onDeleted?.();
      onClose();
      notify.success(`Workspace “${workspace.name}” deleted.`);
    } catch {
      // Shown below, from the mutation's state.
    }
  }

  return (
    <TypeToConfirmDialog
      title={`Delete workspace “${workspace.name}”?`}
      expected={workspace.name}
      action="Delete workspace"
      pending={remove.isPending}
      error={remove.isError ? errorMessage(remove.error) : null}
      onConfirm={(typed) => void submit(typed)}
      onClose={onClose}
    >
      <p>
        This cannot be undone. Its logos, favicons and theme are deleted with it, and agents using it see the default
        branding.
      </p>
    </TypeToConfirmDialog>
  );
}
