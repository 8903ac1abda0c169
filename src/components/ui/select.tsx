"use client";

import type { SelectHTMLAttributes } from "react";
import { cx } from "@/lib/cx";
import { controlClasses, useField } from "./field";

type TSelectProps = SelectHTMLAttributes<HTMLSelectElement> & { ref?: React.Ref<HTMLSelectElement> };

/** A native select (keyboard, mobile pickers and dark mode for free), styled like the other controls. */
export function Select({ className, id, children, ...rest }: TSelectProps) {
  const field = useField();
  return (
    <select
      id={id ?? field?.id}
      aria-invalid={field?.invalid ? "true" : undefined}
      aria-describedby={field?.describedBy}
      className={cx(controlClasses, "min-h-9 pr-8", className)}
      {...rest}
    >
      {children}
    </select>
  );
}
