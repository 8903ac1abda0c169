"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { CreateApiKeyForm, type TCreatedApiKey } from "@/components/api-keys/create-form";
import { NewKeyPanel } from "@/components/api-keys/new-key-panel";
import { RevokeKeyDialog } from "@/components/api-keys/revoke-dialog";
import { useConsoleUser } from "@/components/shell/console-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyText } from "@/components/ui/copy";
import { PageHeader, Panel } from "@/components/ui/page-header";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { TApiKey } from "@/server/api-keys/api-key-schemas";
import { hasRole, ROLE_LABELS } from "@/server/team/role-rules";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

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

function ApiKeyList({ onRevoke }: { onRevoke: (apiKey: TApiKey) => void }) {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  if (keys.isPending) return <LoadingRows label="Loading API keys" />;
  if (keys.isError) return <ErrorState message={errorMessage(keys.error)} onRetry={() => void keys.refetch()} />;
  if (keys.data.length === 0) {
    return <EmptyState title="No API keys yet">Create one above for the first script that needs the API.</EmptyState>;
  }
  return (
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
          <ApiKeyRow key={apiKey.id} apiKey={apiKey} onRevoke={() => onRevoke(apiKey)} />
        ))}
      </TableBody>
    </Table>
  );
}

export function ApiKeysView() {
  const user = useConsoleUser();
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<TApiKey | null>(null);
  const createForm = useRef<HTMLDivElement>(null);

  const header = (
    <PageHeader
      title="API keys"
      description={
        <>
          Scripts and tools call Attache&apos;s Amazon Connect-compatible API at{" "}
          <code className="text-sm">/api/aws</code> with the official AWS SDKs, signing each request with an API key.
        </>
      }
    />
  );

  if (!hasRole(user.role, "admin")) {
    return (
      <div className="space-y-6">
        {header}
        <div role="note" className="rounded-xl border border-line bg-surface px-6 py-10 text-center shadow-sm">
          <p className="font-medium">Managing API keys needs the admin role.</p>
          <p className="mt-1 text-sm text-fg-muted">
            You are {/^[aeiou]/i.test(user.role) ? "an" : "a"} {ROLE_LABELS[user.role].toLowerCase()}. Ask an owner or
            admin of your team if a script of yours needs a key.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {header}
      {created ? (
        <NewKeyPanel
          created={created}
          onDone={() => {
            setCreated(null);
            // The panel's button is gone: continue at the form, ready for the next key.
            requestAnimationFrame(() => createForm.current?.querySelector("input")?.focus());
          }}
        />
      ) : (
        <div ref={createForm}>
          <Panel title="Create an API key">
            <CreateApiKeyForm onCreated={setCreated} />
          </Panel>
        </div>
      )}
      <ApiKeyList onRevoke={setRevoking} />
      {revoking ? <RevokeKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} /> : null}
    </div>
  );
}
