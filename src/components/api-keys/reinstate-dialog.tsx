"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MutationError } from "@/components/shell/recent-sign-in";
import { ConfirmDialog } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toast";
import type { TApiKey } from "@/server/api-keys/api-key-schemas";
import { useTRPC } from "@/trpc/react";

/** Asks before undoing the revocation of the bootstrap key (the only key that can be reinstated). */
export function ReinstateKeyDialog({ apiKey, onClose }: { apiKey: TApiKey; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reinstate = useMutation(
    trpc.apiKey.reinstate.mutationOptions({
      onSuccess: async (key) => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
        onClose();
        notify.success(`API key “${key.name}” reinstated. Requests signed with it are accepted again.`);
      },
      onError: () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() }),
    }),
  );

  return (
    <ConfirmDialog
      title={`Reinstate “${apiKey.name}”?`}
      confirmLabel="Reinstate key"
      tone="primary"
      pending={reinstate.isPending}
      onConfirm={() => reinstate.mutate({ id: apiKey.id })}
      onCancel={onClose}
    >
      <p>
        Requests signed with <span className="font-mono text-fg">{apiKey.accessKeyId}</span> and the secret configured
        in ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY will be accepted again, on every instance.
      </p>
      <MutationError error={reinstate.isError ? reinstate.error : null} action="reinstate API keys" />
    </ConfirmDialog>
  );
}
