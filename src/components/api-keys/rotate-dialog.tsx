"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { MutationError } from "@/components/shell/recent-sign-in";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogCancel } from "@/components/ui/dialog";
import { Time } from "@/components/ui/time";
import { DEFAULT_GRACE_HOURS, GRACE_PERIODS, type TApiKey, type TGraceHours } from "@/server/api-keys/api-key-schemas";
import { useTRPC } from "@/trpc/react";
import type { TCreatedApiKey } from "./create-form";
import { graceUntil } from "./key-status";

/**
 * Asks how long the current secret keeps working, then gives the key a new secret, which the page
 * shows once (as for a new key).
 */
export function RotateKeyDialog({
  apiKey,
  onClose,
  onRotated,
}: {
  apiKey: TApiKey;
  onClose: () => void;
  onRotated: (rotated: TCreatedApiKey) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [graceHours, setGraceHours] = useState<TGraceHours>(DEFAULT_GRACE_HOURS);
  const running = graceUntil(apiKey, new Date());
  const rotate = useMutation(
    trpc.apiKey.rotate.mutationOptions({
      onSuccess: async (rotated) => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
        onRotated({ ...rotated, rotated: true });
      },
      onError: () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() }),
    }),
  );

  return (
    <Dialog
      title={`Rotate “${apiKey.name}”?`}
      description={
        <>
          <span className="font-mono text-fg">{apiKey.accessKeyId}</span> gets a new secret access key, shown once. The
          access key ID stays the same.
        </>
      }
      size="sm"
      onClose={onClose}
      busy={rotate.isPending}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          rotate.mutate({ id: apiKey.id, graceHours });
        }}
      >
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-fg">The current secret keeps working for</legend>
          <div className="space-y-1.5 text-sm">
            {GRACE_PERIODS.map((period) => (
              <label key={period.hours} className="flex min-h-6 items-center gap-2">
                <input
                  type="radio"
                  name="graceHours"
                  checked={graceHours === period.hours}
                  onChange={() => setGraceHours(period.hours)}
                  className="h-4 w-4 accent-indigo-600"
                />
                {period.label}
                {period.hours === DEFAULT_GRACE_HOURS ? <span className="text-fg-subtle">(recommended)</span> : null}
              </label>
            ))}
          </div>
          <p className="mt-2 text-sm text-fg-muted">
            Use it to move every client to the new secret. Requests signed with the old one are refused afterwards.
          </p>
        </fieldset>

        {running ? (
          <Alert tone="warning" live="off">
            The secret from before the last rotation still works until <Time date={running} />. Rotating again replaces
            it: that secret stops working at once.
          </Alert>
        ) : (
          <p className="text-sm text-fg-muted">
            Rotating again while a grace period runs replaces the older secret, which then stops working at once.
          </p>
        )}

        <MutationError error={rotate.isError ? rotate.error : null} action="rotate API keys" />

        <DialogActions>
          <DialogCancel disabled={rotate.isPending} />
          <Button type="submit" variant="primary" pending={rotate.isPending} pendingLabel="Rotating…">
            Rotate key
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
