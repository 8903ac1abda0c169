"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyText } from "@/components/ui/copy";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { lazyComponent } from "@/lib/lazy";
import { preloadWhenIdle } from "@/lib/preload";
import type { TApiKey } from "@/server/api-keys/api-key-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** Loaded once the page is up, so it opens at once. */
const RevokeKeyDialog = lazyComponent(() => import("./revoke-dialog").then((dialog) => dialog.RevokeKeyDialog));

function ApiKeyRow({ apiKey, onRevoke }: { apiKey: TApiKey; onRevoke: () => void }) {
  const revoked = apiKey.revokedAt !== null;
  return (
    <TableRow muted={revoked}>
      <TableCell label="Name">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium break-words">{apiKey.name}</span>
          {apiKey.isBootstrap ? <Badge tone="accent">Bootstrap</Badge> : null}
        </div>
        <CopyText value={apiKey.accessKeyId} label={`Copy the access key ID of ${apiKey.name}`} className="mt-0.5" />
      </TableCell>
      <TableCell label="Instances">
        {apiKey.allInstances ? (
          "All instances"
        ) : apiKey.instances.length ? (
          <ul className="space-y-0.5">
            {apiKey.instances.map((instance) => (
              <li key={instance.id} className="break-words">
                {instance.alias}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-fg-subtle">None (its instances were deleted)</span>
        )}
      </TableCell>
      <TableCell label="Created">
        <Time date={apiKey.createdAt} />
        <p className="text-xs text-fg-subtle [overflow-wrap:anywhere]">
          {apiKey.isBootstrap ? (
            <span title={`Created by ${apiKey.createdByLabel}`}>from the environment</span>
          ) : (
            `by ${apiKey.createdByLabel}`
          )}
        </p>
      </TableCell>
      <TableCell label="Last used">
        {apiKey.lastUsedAt ? <Time date={apiKey.lastUsedAt} /> : <span className="text-fg-subtle">Never</span>}
      </TableCell>
      <TableCell label="Status">
        {apiKey.revokedAt ? (
          <>
            <Badge>Revoked</Badge>
            <p className="mt-1 text-xs text-fg-subtle [overflow-wrap:anywhere]">
              by {apiKey.revokedByLabel ?? "someone"}
            </p>
            <p className="text-xs text-fg-subtle">
              <Time date={apiKey.revokedAt} />
            </p>
          </>
        ) : (
          <Badge tone="success">Active</Badge>
        )}
      </TableCell>
      <TableCell actions>
        {revoked ? null : (
          <Button variant="danger-link" onClick={onRevoke} aria-label={`Revoke ${apiKey.name}`}>
            Revoke
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

/** The team's API keys; loaded by the API keys page together with the keys themselves. */
export function ApiKeyList() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const [revoking, setRevoking] = useState<TApiKey | null>(null);
  useEffect(() => preloadWhenIdle(RevokeKeyDialog.preload), []);
  if (keys.isPending) return <LoadingRows label="Loading API keys" />;
  if (keys.isError) return <ErrorState message={errorMessage(keys.error)} onRetry={() => void keys.refetch()} />;
  if (keys.data.length === 0) {
    return <EmptyState title="No API keys yet">Create one above for the first script that needs the API.</EmptyState>;
  }
  return (
    <>
      <Table caption="API keys">
        <TableHead>
          <TableRow>
            <TableHeader>Name and access key ID</TableHeader>
            <TableHeader>Instances</TableHeader>
            <TableHeader>Created</TableHeader>
            <TableHeader>Last used</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader />
          </TableRow>
        </TableHead>
        <TableBody>
          {keys.data.map((apiKey) => (
            <ApiKeyRow key={apiKey.id} apiKey={apiKey} onRevoke={() => setRevoking(apiKey)} />
          ))}
        </TableBody>
      </Table>
      {revoking ? <RevokeKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} /> : null}
    </>
  );
}
