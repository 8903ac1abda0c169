"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toast";
import type { TApiKey } from "@/server/api-keys/api-key-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** Asks before revoking: a revoked key cannot be brought back (only the bootstrap key can be reinstated). */
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
        on.{" "}
        {apiKey.isBootstrap
          ? "This is the bootstrap key from the configuration: it stays revoked when Attache restarts, unless ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY changes. You can reinstate it here."
          : "A revoked key cannot be restored; create a new key if you need access again."}
      </p>
      {revoke.isError ? <Alert tone="danger">{errorMessage(revoke.error)}</Alert> : null}
    </ConfirmDialog>
  );
}
