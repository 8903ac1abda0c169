"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { cx } from "@/lib/cx";
import { type TCreateInstance, ZCreateInstanceSchema } from "@/server/instances/instance-schemas";
import { errorMessage } from "@/trpc/errors";

/**
 * An instance alias, checked here with the server's own schema. Used to create an instance and,
 * inline in its row, to rename one: there it takes the focus and Escape cancels.
 */
export function AliasForm({
  defaultAlias = "",
  submitLabel,
  pendingLabel,
  onSubmit,
  onCancel,
  inline = false,
}: {
  defaultAlias?: string;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: TCreateInstance) => Promise<unknown>;
  onCancel?: () => void;
  inline?: boolean;
}) {
  const form = useForm<TCreateInstance>({
    resolver: zodResolver(ZCreateInstanceSchema),
    defaultValues: { alias: defaultAlias },
  });
  // The inline rename was asked for: its field, selected, is where the person continues.
  const { setFocus } = form;
  useEffect(() => {
    if (inline) setFocus("alias", { shouldSelect: true });
  }, [inline, setFocus]);
  return (
    <form
      noValidate
      className={cx("flex flex-wrap items-start gap-2", inline && "w-full")}
      onKeyDown={(event) => {
        if (event.key === "Escape" && onCancel) {
          event.preventDefault();
          onCancel();
        }
      }}
      onSubmit={form.handleSubmit(async (values) => {
        try {
          await onSubmit(values);
          form.reset({ alias: "" });
        } catch (caught) {
          form.setError("alias", { message: errorMessage(caught) });
        }
      })}
    >
      <Field
        label="Instance alias"
        labelHidden
        error={form.formState.errors.alias?.message}
        className="min-w-48 flex-1"
      >
        <Input placeholder="e.g. support-emea" autoComplete="off" maxLength={45} {...form.register("alias")} />
      </Field>
      <Button type="submit" variant="primary" pending={form.formState.isSubmitting} pendingLabel={pendingLabel}>
        {submitLabel}
      </Button>
      {onCancel ? (
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      ) : null}
    </form>
  );
}
