"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { notify } from "@/components/ui/toast";
import { SCOPE_LABELS } from "@/server/policies/policy-rules";
import type { TScopePolicy } from "@/server/policies/policy-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** A scope's policy as a change left it; `revisionId` is null when the change wrote nothing. */
export type TSavedPolicy = TScopePolicy & { revisionId: string | null };

/** What a policy action did: its confirmation, and the scopes it wrote (for Undo). */
export type TPolicyChange = { message: string; written: TSavedPolicy[] };

/**
 * Refreshes every policy query once a change is saved. Used as the mutations' onSuccess, so a
 * dialog stays busy (and its buttons pressed once) until the page shows the saved state.
 */
export function useRefreshPolicies(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries(trpc.policy.pathFilter()), [queryClient, trpc]);
}

/**
 * After a CONFLICT: the instance's policies as they are now (the page's copy and the history are
 * refreshed too), or null when even that fails.
 */
export function useLoadLatestPolicies(instanceId: string): () => Promise<TScopePolicy[] | null> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    void queryClient.invalidateQueries(trpc.policy.history.pathFilter());
    return queryClient.fetchQuery({ ...trpc.policy.forInstance.queryOptions({ instanceId }), staleTime: 0 }).then(
      (latest) => latest.policies,
      () => null,
    );
  }, [instanceId, queryClient, trpc]);
}

/**
 * Confirms a policy change with a toast that offers Undo: Undo puts every scope the change wrote
 * back as it was, unless someone changed it since (then it says so, and the history can restore).
 */
export function useAnnouncePolicyChange(instanceId: string): (change: TPolicyChange) => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutateAsync: undo } = useMutation(trpc.policy.undo.mutationOptions());

  return useCallback(
    ({ message, written }: TPolicyChange) => {
      const revisionIds = written.flatMap((policy) => (policy.revisionId ? [policy.revisionId] : []));
      const scopes = written.filter((policy) => policy.revisionId).map((policy) => SCOPE_LABELS[policy.scope]);
      notify.success(message, {
        undo: revisionIds.length
          ? async () => {
              try {
                const restored = await undo({ instanceId, revisionIds });
                await queryClient.invalidateQueries(trpc.policy.pathFilter());
                const [only] = restored;
                notify.success(
                  restored.length === 1 && only
                    ? `Undone: ${SCOPE_LABELS[only.scope]} is back as it was (now version ${only.version}).`
                    : `Undone: ${scopes.join(", ")} are back as they were.`,
                );
              } catch (caught) {
                void queryClient.invalidateQueries(trpc.policy.pathFilter());
                notify.error(`Could not undo: ${errorMessage(caught)}`);
              }
            }
          : undefined,
      });
    },
    [instanceId, queryClient, trpc, undo],
  );
}
