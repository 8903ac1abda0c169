"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useId } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { ErrorState } from "@/components/ui/states";
import { type TCreateApiKey, ZCreateApiKeySchema, type ZCreatedApiKeySchema } from "@/server/api-keys/api-key-schemas";
import { useTRPC } from "@/trpc/react";
import { inputClass, primaryButton } from "./styles";

export type TCreatedApiKey = z.infer<typeof ZCreatedApiKeySchema>;

const FIELDS = ["name", "allInstances", "instanceIds"] as const;

/** The server's field messages when it has them, else its message for the whole form. */
function serverErrors(caught: unknown): { field: (typeof FIELDS)[number] | "root"; message: string }[] {
  if (caught instanceof TRPCClientError) {
    const fieldErrors = (caught.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)
      ?.fieldErrors;
    const onFields = FIELDS.flatMap((field) => {
      const message = fieldErrors?.[field]?.[0];
      return message ? [{ field, message }] : [];
    });
    if (onFields.length) return onFields;
  }
  return [{ field: "root", message: caught instanceof Error ? caught.message : "Creating the key failed. Try again." }];
}

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: TCreatedApiKey) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const instances = useQuery(trpc.instance.list.queryOptions());
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() }),
    }),
  );
  const form = useForm<TCreateApiKey>({
    resolver: zodResolver(ZCreateApiKeySchema),
    defaultValues: { name: "", allInstances: false, instanceIds: [] },
  });
  const id = useId();
  const { errors, isSubmitting } = form.formState;
  const allInstances = form.watch("allInstances");
  const nameError = errors.name?.message;
  const scopeError = errors.instanceIds?.message ?? errors.allInstances?.message;

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          const created = await create.mutateAsync({
            ...values,
            instanceIds: values.allInstances ? [] : values.instanceIds,
          });
          form.reset();
          onCreated(created);
        } catch (caught) {
          for (const { field, message } of serverErrors(caught)) form.setError(field, { message });
        }
      })}
    >
      <div className="max-w-md">
        <label htmlFor={`${id}-name`} className="mb-1 block text-sm font-medium text-slate-800">
          Key name
        </label>
        <input
          id={`${id}-name`}
          placeholder="e.g. nightly-policy-sync"
          autoComplete="off"
          aria-invalid={nameError ? "true" : "false"}
          aria-describedby={nameError ? `${id}-name-error` : `${id}-name-hint`}
          className={inputClass}
          {...form.register("name")}
        />
        {nameError ? (
          <p id={`${id}-name-error`} role="alert" className="mt-1 text-sm text-red-700">
            {nameError}
          </p>
        ) : (
          <p id={`${id}-name-hint`} className="mt-1 text-xs text-slate-500">
            Name it after the script or tool that will use it, so you know what breaks if you revoke it.
          </p>
        )}
      </div>

      <fieldset aria-describedby={scopeError ? `${id}-scope-error` : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-800">Instances this key can reach</legend>
        <Controller
          control={form.control}
          name="allInstances"
          render={({ field }) => (
            <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name={field.name}
                  checked={!field.value}
                  onChange={() => field.onChange(false)}
                  className="accent-indigo-600"
                />
                Only the instances I choose
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name={field.name}
                  checked={field.value}
                  onChange={() => field.onChange(true)}
                  className="accent-indigo-600"
                />
                All instances, including ones created later
              </label>
            </div>
          )}
        />

        {allInstances ? null : (
          <div className="mt-3">
            {instances.isPending ? (
              <p role="status" className="text-sm text-slate-500">
                Loading instances…
              </p>
            ) : instances.isError ? (
              <ErrorState message={instances.error.message} onRetry={() => void instances.refetch()} />
            ) : instances.data.length === 0 ? (
              <p className="text-sm text-slate-600">
                There are no instances yet. Choose all instances, or create an instance first.
              </p>
            ) : (
              <Controller
                control={form.control}
                name="instanceIds"
                render={({ field }) => (
                  <ul
                    aria-label="Instances"
                    className="grid max-h-48 gap-1 overflow-y-auto rounded-lg border border-slate-200 bg-slate-50 p-2 sm:grid-cols-2 lg:grid-cols-3"
                  >
                    {instances.data.map((instance) => (
                      <li key={instance.id}>
                        <label className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-white">
                          <input
                            type="checkbox"
                            checked={field.value.includes(instance.id)}
                            onChange={(event) =>
                              field.onChange(
                                event.target.checked
                                  ? [...field.value, instance.id]
                                  : field.value.filter((chosen) => chosen !== instance.id),
                              )
                            }
                            className="accent-indigo-600"
                          />
                          <span className="truncate">{instance.alias}</span>
                        </label>
                      </li>
                    ))}
                  </ul>
                )}
              />
            )}
          </div>
        )}
        {scopeError ? (
          <p id={`${id}-scope-error`} role="alert" className="mt-1 text-sm text-red-700">
            {scopeError}
          </p>
        ) : null}
      </fieldset>

      {errors.root?.message ? (
        <p role="alert" className="text-sm text-red-700">
          {errors.root.message}
        </p>
      ) : null}

      <button type="submit" disabled={isSubmitting} className={primaryButton}>
        {isSubmitting ? "Creating…" : "Create API key"}
      </button>
    </form>
  );
}
