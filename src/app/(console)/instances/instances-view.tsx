"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useConsoleUser } from "@/components/shell/console-context";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { type TCreateInstance, type TInstance, ZCreateInstanceSchema } from "@/server/instances/instance-schemas";
import { hasRole } from "@/server/team/role-rules";
import { useTRPC } from "@/trpc/react";

const inputClass =
  "w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-400";
const primaryButton =
  "rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60";

function AliasForm({
  defaultAlias = "",
  submitLabel,
  pendingLabel,
  onSubmit,
  onCancel,
}: {
  defaultAlias?: string;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: TCreateInstance) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const form = useForm<TCreateInstance>({
    resolver: zodResolver(ZCreateInstanceSchema),
    defaultValues: { alias: defaultAlias },
  });
  const error = form.formState.errors.alias?.message;
  const fieldId = useId();
  return (
    <form
      noValidate
      className="flex flex-wrap items-start gap-2"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onSubmit(values);
          form.reset({ alias: "" });
        } catch (caught) {
          form.setError("alias", { message: caught instanceof Error ? caught.message : "Saving failed. Try again." });
        }
      })}
    >
      <div className="min-w-56 flex-1">
        <label htmlFor={fieldId} className="sr-only">
          Instance alias
        </label>
        <input
          id={fieldId}
          placeholder="e.g. support-emea"
          autoComplete="off"
          aria-invalid={error ? "true" : "false"}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          className={inputClass}
          {...form.register("alias")}
        />
        {error ? (
          <p id={`${fieldId}-error`} role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={form.formState.isSubmitting} className={primaryButton}>
        {form.formState.isSubmitting ? pendingLabel : submitLabel}
      </button>
      {onCancel ? (
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          Cancel
        </button>
      ) : null}
    </form>
  );
}

function InstanceRow({ instance, canEdit }: { instance: TInstance; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const rename = useMutation(
    trpc.instance.rename.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.instance.list.queryKey() }),
    }),
  );
  return (
    <tr className="align-top">
      <td className="px-4 py-3">
        {editing ? (
          <AliasForm
            defaultAlias={instance.alias}
            submitLabel="Save"
            pendingLabel="Saving…"
            onCancel={() => setEditing(false)}
            onSubmit={async ({ alias }) => {
              await rename.mutateAsync({ id: instance.id, alias });
              setEditing(false);
            }}
          />
        ) : (
          <span className="font-medium">{instance.alias}</span>
        )}
      </td>
      <td className="px-4 py-3 font-mono text-xs text-slate-600">{instance.id}</td>
      <td className="max-w-64 truncate px-4 py-3 font-mono text-xs text-slate-600" title={instance.arn}>
        {instance.arn}
      </td>
      <td className="px-4 py-3 text-sm whitespace-nowrap text-slate-600">
        <time dateTime={instance.createdAt.toISOString()}>{instance.createdAt.toLocaleDateString()}</time>
      </td>
      <td className="px-4 py-3 text-right">
        {editing ? null : (
          <div className="flex flex-col items-end gap-1 whitespace-nowrap">
            <Link href={`/attachments/${instance.id}`} className="text-sm font-medium text-indigo-700 hover:underline">
              Attachment policies
            </Link>
            {canEdit ? (
              <button
                type="button"
                onClick={() => setEditing(true)}
                aria-label={`Rename ${instance.alias}`}
                className="text-sm font-medium text-indigo-700 hover:underline"
              >
                Rename
              </button>
            ) : null}
          </div>
        )}
      </td>
    </tr>
  );
}

export function InstancesView() {
  const user = useConsoleUser();
  const canEdit = hasRole(user.role, "editor");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const instances = useQuery(trpc.instance.list.queryOptions());
  const create = useMutation(
    trpc.instance.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.instance.list.queryKey() }),
    }),
  );

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Instances</h1>
        <p className="mt-1 text-slate-600">
          Each instance has its own attachment policies and workspaces. Its alias is how people find it.
        </p>
      </div>

      {canEdit ? (
        <section aria-labelledby="create-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="create-heading" className="mb-3 text-sm font-semibold">
            Create an instance
          </h2>
          <AliasForm
            submitLabel="Create instance"
            pendingLabel="Creating…"
            onSubmit={(values) => create.mutateAsync(values)}
          />
        </section>
      ) : (
        <p className="rounded-lg bg-slate-100 px-4 py-2 text-sm text-slate-600">
          You can view instances. Creating and renaming them needs the editor role.
        </p>
      )}

      {instances.isPending ? (
        <LoadingRows label="Loading instances" />
      ) : instances.isError ? (
        <ErrorState message={instances.error.message} onRetry={() => void instances.refetch()} />
      ) : instances.data.length === 0 ? (
        <EmptyState title="No instances yet">
          {canEdit ? "Create one above to get started." : "An editor can create the first one."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">Alias</th>
                <th className="px-4 py-2">Instance ID</th>
                <th className="px-4 py-2">ARN</th>
                <th className="px-4 py-2">Created</th>
                <th className="px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {instances.data.map((instance) => (
                <InstanceRow key={instance.id} instance={instance} canEdit={canEdit} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
