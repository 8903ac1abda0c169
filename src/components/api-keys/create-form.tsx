"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useId } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, FieldMessage, Input } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { type TCreateApiKey, ZCreateApiKeySchema, type ZCreatedApiKeySchema } from "@/server/api-keys/api-key-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

export type TCreatedApiKey = z.infer<typeof ZCreatedApiKeySchema>;

const FIELDS = ["name", "allInstances", "instanceIds"] as const;

/** The server's field messages when it has them (a taken name is the name's), else its message for the form. */
function serverErrors(caught: unknown): { field: (typeof FIELDS)[number] | "root"; message: string }[] {
  if (errorCode(caught) === "CONFLICT") return [{ field: "name", message: errorMessage(caught) }];
  if (caught instanceof TRPCClientError) {
    const fieldErrors = (caught.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)
      ?.fieldErrors;
    const onFields = FIELDS.flatMap((field) => {
      const message = fieldErrors?.[field]?.[0];
      return message ? [{ field, message }] : [];
    });
    if (onFields.length) return onFields;
  }
  return [{ field: "root", message: errorMessage(caught) }];
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
      <Field
        label="Key name"
        className="max-w-md"
        error={errors.name?.message}
        hint="Name it after the script or tool that will use it, so you know what breaks if you revoke it."
      >
        <Input placeholder="e.g. nightly-policy-sync" autoComplete="off" maxLength={100} {...form.register("name")} />
      </Field>

      <fieldset aria-describedby={scopeError ? `${id}-scope-error` : undefined}>
        <legend className="mb-2 text-sm font-medium text-fg">Instances this key can reach</legend>
        <Controller
          control={form.control}
          name="allInstances"
          render={({ field }) => (
            <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
              <label className="flex min-h-6 items-center gap-2">
                <input
                  type="radio"
                  name={field.name}
                  checked={!field.value}
                  onChange={() => field.onChange(false)}
                  className="h-4 w-4 accent-indigo-600"
                />
                Only the instances I choose
              </label>
              <label className="flex min-h-6 items-center gap-2">
                <input
                  type="radio"
                  name={field.name}
                  checked={field.value}
                  onChange={() => field.onChange(true)}
                  className="h-4 w-4 accent-indigo-600"
                />
                All instances, including ones created later
              </label>
            </div>
          )}
        />

        {allInstances ? null : (
          <div className="mt-3">
            {instances.isPending ? (
              <p role="status" className="text-sm text-fg-subtle">
                Loading instances…
              </p>
            ) : instances.isError ? (
              <ErrorState message={errorMessage(instances.error)} onRetry={() => void instances.refetch()} />
            ) : instances.data.length === 0 ? (
              <p className="text-sm text-fg-muted">
                There are no instances yet. Choose all instances, or create an instance first.
              </p>
            ) : (
              <Controller
                control={form.control}
                name="instanceIds"
                render={({ field }) => (
                  <ul
                    aria-label="Instances"
                    className="grid max-h-48 gap-1 overflow-y-auto rounded-lg border border-line bg-surface-muted/60 p-2 sm:grid-cols-2 lg:grid-cols-3"
                  >
                    {instances.data.map((instance) => (
                      <li key={instance.id}>
                        <label className="flex min-h-8 items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-surface">
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
                            className="h-4 w-4 accent-indigo-600"
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
          <FieldMessage id={`${id}-scope-error`} error>
            {scopeError}
          </FieldMessage>
        ) : null}
      </fieldset>

      {errors.root?.message ? <Alert tone="danger">{errors.root.message}</Alert> : null}

      <Button type="submit" variant="primary" pending={isSubmitting} pendingLabel="Creating…">
        Create API key
      </Button>
    </form>
  );
}
