"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notify } from "@/components/ui/toast";
import { TypeToConfirmDialog } from "@/components/ui/type-to-confirm-dialog";
import type { TInstance } from "@/server/instances/instance-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/**
 * Deleting an instance takes its policies and history with it and revokes the API keys that could
 * reach only it, so it asks for the alias to be typed first.
 */
export function DeleteInstanceDialog({ instance, onClose }: { instance: TInstance; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const remove = useMutation(
    trpc.instance.delete.mutationOptions({
      onSuccess: async () => {
        void queryClient.invalidateQueries(trpc.apiKey.pathFilter());
        void queryClient.invalidateQueries(trpc.policy.pathFilter());
        await queryClient.invalidateQueries(trpc.instance.pathFilter());
      },
    }),
  );
  const onlyHere = (keys.data ?? []).filter(
    (key) => !key.revokedAt && !key.allInstances && key.instances.length === 1 && key.instances[0]?.id === instance.id,
  );

  async function submit(typed: string) {
    try {
      const deleted = await remove.mutateAsync({ id: instance.id, confirmAlias: typed });
      onClose();
      const revoked = deleted.revokedApiKeys.length;
      notify.success(
        `Instance ${deleted.alias} deleted${revoked ? `; ${revoked} API ${revoked === 1 ? "key" : "keys"} that reached only it ${revoked === 1 ? "was" : "were"} revoked` : ""}.`,
      );
    } catch {
      // Shown below, from the mutation's state.
    }
  }

  return (
    <TypeToConfirmDialog
      title={`Delete instance ${instance.alias}?`}
      expected={instance.alias}
      action="Delete instance"
      pending={remove.isPending}
      error={remove.isError ? errorMessage(remove.error) : null}
      onConfirm={(typed) => void submit(typed)}
      onClose={onClose}
    >
      <p>This cannot be undone. Its four attachment policies and their history are deleted with it.</p>
      {onlyHere.length ? (
        <p>
          {onlyHere.length === 1 ? "This API key reaches" : "These API keys reach"} only this instance and will be
          revoked: <span className="font-medium text-fg">{onlyHere.map((key) => key.name).join(", ")}</span>.
        </p>
      ) : (
        <p>
          API keys that can reach only this instance are revoked; keys that also reach other instances keep access to
          those.
        </p>
      )}
    </TypeToConfirmDialog>
  );
}
