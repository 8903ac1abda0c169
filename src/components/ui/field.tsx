"use client";

import { createContext, type InputHTMLAttributes, useContext, useId } from "react";
import { cx } from "@/lib/cx";

/**
 * A labelled form field: <Field label hint error><Input /></Field>. The control inside gets the
 * field's id, its hint or error as description, and aria-invalid, so screen readers read them.
 */
type TFieldContext = { id: string; describedBy: string | undefined; invalid: boolean };
const FieldContext = createContext<TFieldContext | null>(null);

export function useField(): TFieldContext | null {
  return useContext(FieldContext);
}

export function Field({
  label,
  labelHidden = false,
  hint,
  error,
  optional,
  className,
  children,
}: {
  label: React.ReactNode;
  labelHidden?: boolean;
  hint?: React.ReactNode;
  error?: React.ReactNode;
  /** Shown after the label, e.g. "(optional, kept in the history)". */
  optional?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  const message = error || hint;
  return (
    <div className={className}>
      <label htmlFor={id} className={labelHidden ? "sr-only" : "block text-sm font-medium text-fg"}>
        {label}
        {optional ? <span className="font-normal text-fg-subtle"> {optional}</span> : null}
      </label>
      <FieldContext.Provider value={{ id, describedBy: message ? messageId : undefined, invalid: Boolean(error) }}>
        <div className={labelHidden ? undefined : "mt-1"}>{children}</div>
      </FieldContext.Provider>
      {message ? (
        <FieldMessage id={messageId} error={Boolean(error)}>
          {message}
        </FieldMessage>
      ) : null}
    </div>
  );
}

export function FieldMessage({ id, error, children }: { id?: string; error?: boolean; children: React.ReactNode }) {
  return (
    // Read with its field (aria-describedby); the form moves focus to the first field in error.
    <p id={id} className={cx("mt-1 text-sm", error ? "text-red-700 dark:text-red-300" : "text-fg-subtle")}>
      {children}
    </p>
  );
}

export const controlClasses =
  "block rounded-md border border-line-strong bg-surface px-3 py-1.5 text-sm text-fg shadow-sm placeholder:text-fg-subtle focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus-visible:outline-none disabled:opacity-60 aria-[invalid=true]:border-red-600 dark:aria-[invalid=true]:border-red-400";

type TInputProps = InputHTMLAttributes<HTMLInputElement> & { ref?: React.Ref<HTMLInputElement> };

export function Input({ className, id, ...rest }: TInputProps) {
  const field = useField();
  return (
    <input
      id={id ?? field?.id}
      aria-invalid={field?.invalid ? "true" : undefined}
      aria-describedby={field?.describedBy}
      className={cx(controlClasses, "min-h-9 w-full", className)}
      {...rest}
    />
  );
}
