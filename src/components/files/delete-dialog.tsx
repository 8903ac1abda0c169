"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toast";
import type { TFileRow } from "@/server/files/file-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** Asks before deleting a file: its stored bytes go with it, for good. */
export function DeleteFileDialog({
  instanceId,
  file,
  onClose,
}: {
  instanceId: string;
  file: TFileRow;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.file.list.pathFilter()),
      queryClient.invalidateQueries(trpc.file.summary.pathFilter()),
    ]);
  const remove = useMutation(
    trpc.file.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onClose();
        notify.success(`“${file.fileName}” deleted.`);
      },
      // Someone may have deleted it first: show the list as it is now behind the message.
      onError: () => refresh(),
    }),
  );

  return (
    <ConfirmDialog
      title={`Delete “${file.fileName}”?`}
      confirmLabel="Delete file"
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ instanceId, fileId: file.id })}
      onCancel={onClose}
    >
      <p>
        {file.downloadable
          ? "The file is removed from storage: nobody can download it any more, through the API or here."
          : file.status === "REJECTED"
            ? "Its record is removed from this list and from the refusal counts."
            : "Its record is removed from this list, and anything stored for it with it."}{" "}
        This cannot be undone; the deletion is kept in the audit log.
      </p>
      {remove.isError ? <Alert tone="danger">{errorMessage(remove.error)}</Alert> : null}
    </ConfirmDialog>
  );
}
