"use client";

import type { TextareaHTMLAttributes } from "react";
import { cx } from "@/lib/cx";
import { controlClasses, useField } from "./field";

type TTextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: React.Ref<HTMLTextAreaElement> };

/** A multi-line text field, styled and wired to its <Field> like <Input>. */
export function Textarea({ className, id, rows = 3, ...rest }: TTextareaProps) {
  const field = useField();
  return (
    <textarea
      id={id ?? field?.id}
      rows={rows}
      aria-invalid={field?.invalid ? "true" : undefined}
      aria-describedby={field?.describedBy}
      className={cx(controlClasses, "w-full resize-y", className)}
      {...rest}
    />
  );
}
