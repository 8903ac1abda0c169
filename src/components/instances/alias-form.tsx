"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { cx } from "@/lib/cx";
import { lazySchema, useSchemaForm } from "@/lib/form";
import type { TCreateInstance } from "@/server/instances/instance-schemas";
import { errorMessage } from "@/trpc/errors";

const aliasCheck = lazySchema(() =>
  import("@/server/instances/instance-schemas").then((schemas) => schemas.ZCreateInstanceSchema),
);

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
  const form = useSchemaForm<TCreateInstance>({ defaultValues: { alias: defaultAlias }, check: aliasCheck });
  // The inline rename was asked for: its field, selected, is where the person continues.
  const { setFocus } = form;
  useEffect(() => {
    if (inline) setFocus("alias", { select: true });
  }, [inline, setFocus]);
  return (
    <form
      noValidate
      className={cx("flex flex-wrap items-start gap-2", inline && "w-full")}
      onFocus={aliasCheck.preload}
      onPointerEnter={aliasCheck.preload}
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
          form.setError("alias", errorMessage(caught));
        }
      })}
    >
      <Field label="Instance alias" labelHidden error={form.errors.alias} className="min-w-48 flex-1">
        <Input placeholder="e.g. support-emea" autoComplete="off" maxLength={45} {...form.register("alias")} />
      </Field>
      <Button type="submit" variant="primary" pending={form.isSubmitting} pendingLabel={pendingLabel}>
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
