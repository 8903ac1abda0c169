"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { notify } from "@/components/ui/toast";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** Downloads the instance's four policies as the JSON file the import reads. */
export function PolicyExportButton({ instanceId, alias }: { instanceId: string; alias: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.policy.export.queryOptions({ instanceId }), staleTime: 0 });
      const url = URL.createObjectURL(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: "application/json" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `attache-policies-${alias}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has read the blob once the click's download has started.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      notify.error(`Export failed: ${errorMessage(caught)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button onClick={() => void download()} pending={busy} pendingLabel="Exporting…">
      Export JSON
    </Button>
  );
}
