"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import type { TApiKey } from "@/server/api-keys/api-key-schemas";
import { useTRPC } from "@/trpc/react";
import { dangerButton, secondaryButton } from "./styles";

/** Asks before revoking: a revoked key cannot be brought back. */
export function RevokeKeyDialog({ apiKey, onClose }: { apiKey: TApiKey; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
        onClose();
      },
      // Someone may have revoked it first: show the list as it is now behind the message.
      onError: () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() }),
    }),
  );
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={headingId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        if (!revoke.isPending) onClose();
      }}
      className="m-auto w-full max-w-md rounded-xl bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={headingId} className="text-lg font-semibold">
        Revoke “{apiKey.name}”?
      </h2>
      <div id={descriptionId} className="mt-2 space-y-2 text-sm text-slate-600">
        <p>
          Requests signed with <span className="font-mono text-slate-800">{apiKey.accessKeyId}</span> will be refused
          from now on. A revoked key cannot be restored; create a new key if you need access again.
        </p>
        {apiKey.isBootstrap ? (
          <p>
            This is the bootstrap key from the environment: Attache restores it at its next start while
            ATTACHE_BOOTSTRAP_ACCESS_KEY_ID is set. Remove that setting to retire it for good.
          </p>
        ) : null}
      </div>
      {revoke.isError ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {revoke.error.message}
        </p>
      ) : null}
      <div className="mt-6 flex justify-end gap-2">
        <button type="button" onClick={onClose} disabled={revoke.isPending} className={secondaryButton}>
          Cancel
        </button>
        <button
          type="button"
          onClick={() => revoke.mutate({ id: apiKey.id })}
          disabled={revoke.isPending}
          className={dangerButton}
        >
          {revoke.isPending ? "Revoking…" : "Revoke key"}
        </button>
      </div>
    </dialog>
  );
}
