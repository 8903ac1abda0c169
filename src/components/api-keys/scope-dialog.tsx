"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { MutationError } from "@/components/shell/recent-sign-in";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogCancel } from "@/components/ui/dialog";
import { notify } from "@/components/ui/toast";
import type { TApiKey } from "@/server/api-keys/api-key-schemas";
import { useTRPC } from "@/trpc/react";
import { InstanceChoices } from "./instance-choices";

const instancesLoading = (
  <p role="status" className="text-sm text-fg-subtle">
    Loading instances…
  </p>
);

/** Widens or narrows the instances a key reaches; clients see the change with their next request. */
export function ScopeKeyDialog({ apiKey, onClose }: { apiKey: TApiKey; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [allInstances, setAllInstances] = useState(apiKey.allInstances);
  const [instanceIds, setInstanceIds] = useState(apiKey.instances.map((instance) => instance.id));
  const [problem, setProblem] = useState<string | null>(null);
  const update = useMutation(
    trpc.apiKey.updateInstances.mutationOptions({
      onSuccess: async (updated) => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
        onClose();
        notify.success(
          updated.allInstances
            ? `API key “${apiKey.name}” now reaches all instances.`
            : `API key “${apiKey.name}” now reaches ${updated.instances.map((instance) => instance.alias).join(", ")}.`,
        );
      },
    }),
  );

  return (
    <Dialog
      title={`Instances “${apiKey.name}” can reach`}
      description="Requests for other instances are refused from the key's next request on."
      onClose={onClose}
      busy={update.isPending}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!allInstances && instanceIds.length === 0) {
            setProblem("Choose at least one instance, or all instances.");
            return;
          }
          setProblem(null);
          update.mutate({ id: apiKey.id, allInstances, instanceIds: allInstances ? [] : instanceIds });
        }}
      >
        <fieldset>
          <legend className="sr-only">Instances this key can reach</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
            <label className="flex min-h-6 items-center gap-2">
              <input
                type="radio"
                name="scopeAllInstances"
                checked={!allInstances}
                onChange={() => setAllInstances(false)}
                className="h-4 w-4 accent-indigo-600"
              />
              Only the instances I choose
            </label>
            <label className="flex min-h-6 items-center gap-2">
              <input
                type="radio"
                name="scopeAllInstances"
                checked={allInstances}
                onChange={() => setAllInstances(true)}
                className="h-4 w-4 accent-indigo-600"
              />
              All instances, including ones created later
            </label>
          </div>
          {allInstances ? null : (
            <div className="mt-3">
              <InstanceChoices loading={instancesLoading} chosen={instanceIds} onChange={setInstanceIds} />
            </div>
          )}
        </fieldset>
        <p className="text-sm text-fg-muted">Changing which instances a key reaches needs a recent sign-in.</p>

        {problem ? <Alert tone="danger">{problem}</Alert> : null}
        <MutationError
          error={update.isError ? update.error : null}
          action="change which instances an API key reaches"
        />

        <DialogActions>
          <DialogCancel disabled={update.isPending} />
          <Button type="submit" variant="primary" pending={update.isPending} pendingLabel="Saving…">
            Save instances
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
