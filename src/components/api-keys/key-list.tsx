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
import type { TCreatedApiKey } from "./create-form";
import { formatDuration, formatTimeLeft, graceUntil, keyState } from "./key-status";

/** Loaded once the page is up, so they open at once. */
const RevokeKeyDialog = lazyComponent(() => import("./revoke-dialog").then((dialog) => dialog.RevokeKeyDialog));
const RotateKeyDialog = lazyComponent(() => import("./rotate-dialog").then((dialog) => dialog.RotateKeyDialog));
const ScopeKeyDialog = lazyComponent(() => import("./scope-dialog").then((dialog) => dialog.ScopeKeyDialog));
const ReinstateKeyDialog = lazyComponent(() =>
  import("./reinstate-dialog").then((dialog) => dialog.ReinstateKeyDialog),
);

type TAction = "rotate" | "scope" | "revoke" | "reinstate";

/** The current time, again every `everyMs`, so expiries and grace periods pass on screen. */
function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function KeyStatus({ apiKey, now }: { apiKey: TApiKey; now: Date }) {
  const state = keyState(apiKey, now);
  const grace = graceUntil(apiKey, now);
  if (state === "revoked" && apiKey.revokedAt) {
    return (
      <>
        <Badge>Revoked</Badge>
        <p className="mt-1 text-xs text-fg-subtle [overflow-wrap:anywhere]">by {apiKey.revokedByLabel ?? "someone"}</p>
        <p className="text-xs text-fg-subtle">
          <Time date={apiKey.revokedAt} />
        </p>
      </>
    );
  }
  return (
    <>
      {state === "expired" ? <Badge tone="danger">Expired</Badge> : <Badge tone="success">Active</Badge>}
      {apiKey.expiresAt ? (
        <p className="mt-1 text-xs text-fg-subtle">
          {state === "expired" ? "Expired " : `Expires ${formatTimeLeft(apiKey.expiresAt.getTime() - now.getTime())}, `}
          <Time date={apiKey.expiresAt} />
        </p>
      ) : null}
      {apiKey.rotatedAt ? (
        <p className="mt-1 text-xs text-fg-subtle">
          Rotated <Time date={apiKey.rotatedAt} />
        </p>
      ) : null}
      {grace && state === "active" ? (
        <p className="mt-1 text-xs font-medium text-amber-800 dark:text-amber-300">
          Old secret works until <Time date={grace} /> ({formatDuration(grace.getTime() - now.getTime())} left)
        </p>
      ) : null}
    </>
  );
}

function ApiKeyRow({ apiKey, now, onAction }: { apiKey: TApiKey; now: Date; onAction: (action: TAction) => void }) {
  const state = keyState(apiKey, now);
  const revoked = state === "revoked";
  const changeable = state === "active" && !apiKey.isBootstrap;
  // Only the key from the configuration comes back; a start with the same configuration leaves it revoked.
  const reinstatable =
    revoked && apiKey.isBootstrap && (!apiKey.expiresAt || apiKey.expiresAt.getTime() > now.getTime());
  return (
    <TableRow muted={state !== "active"}>
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
        {apiKey.lastUsedAddress ? (
          <p className="font-mono text-xs text-fg-subtle [overflow-wrap:anywhere]" title="The client's address">
            from {apiKey.lastUsedAddress}
          </p>
        ) : null}
      </TableCell>
      <TableCell label="Status">
        <KeyStatus apiKey={apiKey} now={now} />
      </TableCell>
      <TableCell actions>
        <div className="flex flex-wrap justify-end gap-x-3 gap-y-1">
          {changeable ? (
            <>
              <Button variant="link" onClick={() => onAction("rotate")} aria-label={`Rotate ${apiKey.name}`}>
                Rotate
              </Button>
              <Button
                variant="link"
                onClick={() => onAction("scope")}
                aria-label={`Change instances of ${apiKey.name}`}
              >
                Instances
              </Button>
            </>
          ) : null}
          {reinstatable ? (
            <Button variant="link" onClick={() => onAction("reinstate")} aria-label={`Reinstate ${apiKey.name}`}>
              Reinstate
            </Button>
          ) : null}
          {revoked ? null : (
            <Button variant="danger-link" onClick={() => onAction("revoke")} aria-label={`Revoke ${apiKey.name}`}>
              Revoke
            </Button>
          )}
        </div>
      </TableCell>
    </TableRow>
  );
}

/** The team's API keys; loaded by the API keys page together with the keys themselves. */
export function ApiKeyList({ onRotated }: { onRotated: (rotated: TCreatedApiKey) => void }) {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const [acting, setActing] = useState<{ action: TAction; apiKey: TApiKey } | null>(null);
  const now = useNow(30_000);
  useEffect(
    () =>
      preloadWhenIdle(
        RevokeKeyDialog.preload,
        RotateKeyDialog.preload,
        ScopeKeyDialog.preload,
        ReinstateKeyDialog.preload,
      ),
    [],
  );
  const close = () => setActing(null);
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
            <ApiKeyRow key={apiKey.id} apiKey={apiKey} now={now} onAction={(action) => setActing({ action, apiKey })} />
          ))}
        </TableBody>
      </Table>
      {acting?.action === "revoke" ? <RevokeKeyDialog apiKey={acting.apiKey} onClose={close} /> : null}
      {acting?.action === "rotate" ? (
        <RotateKeyDialog
          apiKey={acting.apiKey}
          onClose={close}
          onRotated={(rotated) => {
            close();
            onRotated(rotated);
          }}
        />
      ) : null}
      {acting?.action === "scope" ? <ScopeKeyDialog apiKey={acting.apiKey} onClose={close} /> : null}
      {acting?.action === "reinstate" ? <ReinstateKeyDialog apiKey={acting.apiKey} onClose={close} /> : null}
    </>
  );
}
