"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CreateApiKeyForm, type TCreatedApiKey } from "@/components/api-keys/create-form";
import { NewKeyPanel } from "@/components/api-keys/new-key-panel";
import { RevokeKeyDialog } from "@/components/api-keys/revoke-dialog";
import { formatDateTime } from "@/components/api-keys/styles";
import { useConsoleUser } from "@/components/shell/console-context";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import type { TApiKey } from "@/server/api-keys/api-key-schemas";
import { hasRole, ROLE_LABELS } from "@/server/team/role-rules";
import { useTRPC } from "@/trpc/react";

function Badge({ tone, children }: { tone: "green" | "slate" | "indigo"; children: React.ReactNode }) {
  const tones = {
    green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
    slate: "bg-slate-100 text-slate-600 ring-slate-500/20",
    indigo: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  };
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${tones[tone]}`}>
      {children}
    </span>
  );
}

function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>;
}

function ApiKeyRow({ apiKey, onRevoke }: { apiKey: TApiKey; onRevoke: () => void }) {
  const revoked = apiKey.revokedAt !== null;
  return (
    <tr className={`align-top ${revoked ? "bg-slate-50/60 text-slate-500" : ""}`}>
      <td className="px-4 py-3">
        <div className="flex flex-wrap items-center gap-2">
          <span className={`font-medium ${revoked ? "text-slate-600" : "text-slate-900"}`}>{apiKey.name}</span>
          {apiKey.isBootstrap ? <Badge tone="indigo">Bootstrap</Badge> : null}
        </div>
        <p className="mt-0.5 font-mono text-xs text-slate-500">{apiKey.accessKeyId}</p>
      </td>
      <td className="px-4 py-3 text-sm">
        {apiKey.allInstances ? (
          <span className="whitespace-nowrap">All instances</span>
        ) : apiKey.instances.length ? (
          <ul className="space-y-0.5">
            {apiKey.instances.map((instance) => (
              <li key={instance.id} className="whitespace-nowrap">
                {instance.alias}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-500">None (its instances were deleted)</span>
        )}
      </td>
      <td className="px-4 py-3 text-sm">
        <p className="whitespace-nowrap">
          <When date={apiKey.createdAt} />
        </p>
        <p className="text-xs text-slate-500 [overflow-wrap:anywhere]">
          {apiKey.isBootstrap ? (
            <span title={`Created by ${apiKey.createdByLabel}`}>from the environment</span>
          ) : (
            `by ${apiKey.createdByLabel}`
          )}
        </p>
      </td>
      <td className="px-4 py-3 text-sm whitespace-nowrap">
        {apiKey.lastUsedAt ? <When date={apiKey.lastUsedAt} /> : <span className="text-slate-500">Never</span>}
      </td>
      <td className="px-4 py-3 text-sm">
        {apiKey.revokedAt ? (
          <>
            <Badge tone="slate">Revoked</Badge>
            <p className="mt-1 text-xs whitespace-nowrap text-slate-500">by {apiKey.revokedByLabel ?? "someone"}</p>
            <p className="text-xs whitespace-nowrap text-slate-500">
              <When date={apiKey.revokedAt} />
            </p>
          </>
        ) : (
          <Badge tone="green">Active</Badge>
        )}
      </td>
      <td className="px-4 py-3 text-right">
        {revoked ? null : (
          <button
            type="button"
            onClick={onRevoke}
            aria-label={`Revoke ${apiKey.name}`}
            className="text-sm font-medium text-red-700 hover:underline"
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}

function ApiKeyList({ onRevoke }: { onRevoke: (apiKey: TApiKey) => void }) {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  if (keys.isPending) return <LoadingRows label="Loading API keys" />;
  if (keys.isError) return <ErrorState message={keys.error.message} onRetry={() => void keys.refetch()} />;
  if (keys.data.length === 0) {
    return <EmptyState title="No API keys yet">Create one above for the first script that needs the API.</EmptyState>;
  }
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left">
        <caption className="sr-only">API keys</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide whitespace-nowrap text-slate-500">
          <tr>
            <th className="px-4 py-2">Name and access key ID</th>
            <th className="px-4 py-2">Instances</th>
            <th className="px-4 py-2">Created</th>
            <th className="px-4 py-2">Last used</th>
            <th className="px-4 py-2">Status</th>
            <th className="px-4 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.data.map((apiKey) => (
            <ApiKeyRow key={apiKey.id} apiKey={apiKey} onRevoke={() => onRevoke(apiKey)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ApiKeysView() {
  const user = useConsoleUser();
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<TApiKey | null>(null);

  const intro = (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
      <p className="mt-1 text-slate-600">
        Scripts and tools call Attache&apos;s Amazon Connect-compatible API at <code className="text-sm">/api/aws</code>{" "}
        with the official AWS SDKs, signing each request with an API key.
      </p>
    </div>
  );

  if (!hasRole(user.role, "admin")) {
    return (
      <div className="space-y-6">
        {intro}
        <div role="note" className="rounded-xl border border-slate-200 bg-white px-6 py-10 text-center shadow-sm">
          <p className="font-medium text-slate-900">Managing API keys needs the admin role.</p>
          <p className="mt-1 text-sm text-slate-600">
            You are {/^[aeiou]/i.test(user.role) ? "an" : "a"} {ROLE_LABELS[user.role].toLowerCase()}. Ask an owner or
            admin of your team if a script of yours needs a key.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {intro}

      {created ? (
        <NewKeyPanel created={created} onDone={() => setCreated(null)} />
      ) : (
        <section
          aria-labelledby="create-key-heading"
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
        >
          <h2 id="create-key-heading" className="mb-3 text-sm font-semibold">
            Create an API key
          </h2>
          <CreateApiKeyForm onCreated={setCreated} />
        </section>
      )}

      <ApiKeyList onRevoke={setRevoking} />
      {revoking ? <RevokeKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} /> : null}
    </div>
  );
}
