"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toast";
import type { TApiKey } from "@/server/api-keys/api-key-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** Asks before revoking: a revoked key cannot be brought back. */
export function RevokeKeyDialog({ apiKey, onClose }: { apiKey: TApiKey; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
        onClose();
        notify.success(`API key “${apiKey.name}” revoked. Requests signed with it are refused from now on.`);
      },
      // Someone may have revoked it first: show the list as it is now behind the message.
      onError: () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() }),
    }),
  );

  return (
    <ConfirmDialog
      title={`Revoke “${apiKey.name}”?`}
      confirmLabel="Revoke key"
      pending={revoke.isPending}
      onConfirm={() => revoke.mutate({ id: apiKey.id })}
      onCancel={onClose}
    >
      <p>
        Requests signed with <span className="font-mono text-fg">{apiKey.accessKeyId}</span> will be refused from now
        on. A revoked key cannot be restored; create a new key if you need access again.
      </p>
      {apiKey.isBootstrap ? (
        <p>
          This is the bootstrap key from the environment: Attache restores it at its next start while
          ATTACHE_BOOTSTRAP_ACCESS_KEY_ID is set. Remove that setting to retire it for good.
        </p>
      ) : null}
      {revoke.isError ? <Alert tone="danger">{errorMessage(revoke.error)}</Alert> : null}
    </ConfirmDialog>
  );
}
