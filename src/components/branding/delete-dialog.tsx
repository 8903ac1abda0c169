"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toast";
import { TypeToConfirm } from "@/components/ui/type-to-confirm";
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
  const [typed, setTyped] = useState("");
  const remove = useMutation(trpc.workspace.delete.mutationOptions());
  const matches = typed.trim() === workspace.name;

  async function submit() {
    try {
      await remove.mutateAsync({ instanceId, workspaceId: workspace.id, confirmName: typed.trim() });
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
    <Dialog
      title={`Delete workspace “${workspace.name}”?`}
      role="alertdialog"
      size="sm"
      onClose={onClose}
      busy={remove.isPending}
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (matches) void submit();
        }}
      >
        <p className="text-sm text-fg-muted">
          This cannot be undone. Its logos, favicons and theme are deleted with it, and agents using it see the default
          branding.
        </p>
        <TypeToConfirm
          expected={workspace.name}
          typed={typed}
          onTyped={setTyped}
          error={remove.isError ? errorMessage(remove.error) : null}
          pending={remove.isPending}
          action="Delete workspace"
        />
      </form>
    </Dialog>
  );
}
