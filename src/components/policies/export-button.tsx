"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { errorMessage, secondaryButton } from "./policy-ui";

/** Downloads the instance's four policies as the JSON file the import reads. */
export function PolicyExportButton({ instanceId, alias }: { instanceId: string; alias: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setError(null);
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
      setError(`Export failed: ${errorMessage(caught)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="inline-flex flex-col items-end">
      <button type="button" onClick={() => void download()} disabled={busy} className={secondaryButton}>
        {busy ? "Exporting…" : "Export JSON"}
      </button>
      {error ? (
        <span role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
