"use client";

import { useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useId, useState } from "react";
import type { z } from "zod";
import { needsRecentSignIn, RecentSignInNotice } from "@/components/shell/recent-sign-in";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, FieldMessage, Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { lazySchema, useSchemaForm } from "@/lib/form";
import { lazyComponent } from "@/lib/lazy";
import {
  MAX_KEY_LIFETIME_DAYS,
  type TCreateApiKey,
  type ZCreatedApiKeySchema,
} from "@/server/api-keys/api-key-schemas";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { dateInputValue, EXPIRY_CHOICES, expiryFromChoice, type TExpiryChoice } from "./key-status";

/** A secret shown once: a new key's, or a rotated key's new one (with `rotated`). */
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKeySchema> & { rotated?: boolean };

const FIELDS = ["name", "allInstances", "instanceIds", "expiresAt"] as const;

const keyCheck = lazySchema(() =>
  import("@/server/api-keys/api-key-schemas").then((schemas) => schemas.ZCreateApiKeySchema),
);

const instancesLoading = (
  <p role="status" className="text-sm text-fg-subtle">
    Loading instances…
  </p>
);

/** The instances to choose from load with the team's instance list (the page starts fetching it). */
const InstanceChoices = lazyComponent(
  () => import("./instance-choices").then((choices) => choices.InstanceChoices),
  instancesLoading,
);

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
  const trpcClient = useTRPCClient();
  const form = useSchemaForm<TCreateApiKey>({
    defaultValues: { name: "", allInstances: false, instanceIds: [], expiresAt: null },
    check: keyCheck,
  });
  const id = useId();
  const { errors, isSubmitting } = form;
  const { allInstances } = form.values;
  const scopeError = errors.instanceIds ?? errors.allInstances;
  const [expiry, setExpiry] = useState<{ choice: TExpiryChoice; date: string }>({ choice: "never", date: "" });
  const [signInAgain, setSignInAgain] = useState(false);
  const chooseExpiry = (choice: TExpiryChoice, date: string) => {
    setExpiry({ choice, date });
    form.setValue("expiresAt", expiryFromChoice(choice, date, new Date()));
  };
  const today = new Date();

  return (
    <form
      noValidate
      className="space-y-4"
      onFocus={keyCheck.preload}
      onPointerEnter={keyCheck.preload}
      onSubmit={form.handleSubmit(async (values) => {
        try {
          // Called directly rather than through useMutation, whose observer the first load then need not carry.
          const created = await trpcClient.apiKey.create.mutate({
            ...values,
            instanceIds: values.allInstances ? [] : values.instanceIds,
          });
          await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
          form.reset();
          setExpiry({ choice: "never", date: "" });
          setSignInAgain(false);
          onCreated(created);
        } catch (caught) {
          setSignInAgain(needsRecentSignIn(caught));
          if (needsRecentSignIn(caught)) return;
          for (const { field, message } of serverErrors(caught)) form.setError(field, message);
        }
      })}
    >
      <Field
        label="Key name"
        className="max-w-md"
        error={errors.name}
        hint="Name it after the script or tool that will use it, so you know what breaks if you revoke it."
      >
        <Input placeholder="e.g. nightly-policy-sync" autoComplete="off" maxLength={100} {...form.register("name")} />
      </Field>

      <fieldset aria-describedby={scopeError ? `${id}-scope-error` : undefined}>
        <legend className="mb-2 text-sm font-medium text-fg">Instances this key can reach</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <label className="flex min-h-6 items-center gap-2">
            <input
              type="radio"
              name="allInstances"
              checked={!allInstances}
              onChange={() => form.setValue("allInstances", false)}
              className="h-4 w-4 accent-indigo-600"
            />
            Only the instances I choose
          </label>
          <label className="flex min-h-6 items-center gap-2">
            <input
              type="radio"
              name="allInstances"
              checked={allInstances}
              onChange={() => form.setValue("allInstances", true)}
              className="h-4 w-4 accent-indigo-600"
            />
            All instances, including ones created later
          </label>
        </div>

        {allInstances ? null : (
          <div className="mt-3">
            <InstanceChoices
              loading={instancesLoading}
              chosen={form.values.instanceIds}
              onChange={(instanceIds) => form.setValue("instanceIds", instanceIds)}
            />
          </div>
        )}
        {scopeError ? (
          <FieldMessage id={`${id}-scope-error`} error>
            {scopeError}
          </FieldMessage>
        ) : null}
      </fieldset>

      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <Field label="Expires" className="w-48" error={expiry.choice === "date" ? undefined : errors.expiresAt}>
          <Select
            value={expiry.choice}
            onChange={(event) => chooseExpiry(event.target.value as TExpiryChoice, expiry.date)}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </Select>
        </Field>
        {expiry.choice === "date" ? (
          <Field label="Expiry date" className="w-48" error={errors.expiresAt} hint="The key works through this day.">
            <Input
              type="date"
              value={expiry.date}
              min={dateInputValue(today)}
              max={dateInputValue(new Date(today.getTime() + (MAX_KEY_LIFETIME_DAYS - 1) * 24 * 60 * 60_000))}
              onChange={(event) => chooseExpiry("date", event.target.value)}
            />
          </Field>
        ) : null}
      </div>

      {signInAgain ? <RecentSignInNotice action="create API keys" /> : null}
      {errors.root ? <Alert tone="danger">{errors.root}</Alert> : null}

      <Button type="submit" variant="primary" pending={isSubmitting} pendingLabel="Creating…">
        Create API key
      </Button>
    </form>
  );
}
