"use client";

import { useId } from "react";
import { cx } from "@/lib/cx";
import { Button } from "./button";
import { FieldMessage, Input } from "./field";

/**
 * A colour as text (any CSS colour: #1f2937, rgb(…), navy) with a colour picker beside it for the same
 * value, and a button back to the default. Empty means "the default", shown as the placeholder.
 */
export function ColourField({
  label,
  value,
  swatch,
  defaultLabel,
  error,
  onChange,
  className,
}: {
  label: string;
  /** The colour as typed; "" for the default. */
  value: string;
  /** The colour the picker shows, as #rrggbb (the value's, or the default's). */
  swatch: string;
  /** What the default is, for the placeholder: "#ffffff". */
  defaultLabel: string;
  error?: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={cx("min-w-0", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          type="color"
          value={swatch}
          aria-label={`${label}: colour picker`}
          onChange={(event) => onChange(event.target.value)}
          className="h-9 w-10 shrink-0 cursor-pointer rounded-md border border-line-strong bg-surface p-0.5"
        />
        <Input
          id={id}
          value={value}
          placeholder={`Default ${defaultLabel}`}
          autoComplete="off"
          spellCheck={false}
          maxLength={127}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? messageId : undefined}
          onChange={(event) => onChange(event.target.value)}
          className="min-w-0 font-mono"
        />
        {value ? (
          <Button variant="ghost" size="icon" aria-label={`${label}: back to the default`} onClick={() => onChange("")}>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </Button>
        ) : null}
      </div>
      {error ? (
        <FieldMessage id={messageId} error>
          {error}
        </FieldMessage>
      ) : null}
    </div>
  );
}
