"use client";

import { useId } from "react";
import { cx } from "@/lib/cx";

/**
 * A small set of choices side by side (Light / Dark), as radio buttons: the arrow keys move between
 * them and screen readers hear a group with its legend.
 */
export function Segmented<TValue extends string>({
  legend,
  options,
  value,
  onChange,
  className,
}: {
  legend: string;
  options: ReadonlyArray<{ value: TValue; label: string }>;
  value: TValue;
  onChange: (value: TValue) => void;
  className?: string;
}) {
  const name = useId();
  return (
    <fieldset className={cx("inline-flex rounded-lg bg-surface-muted p-0.5 ring-1 ring-line ring-inset", className)}>
      <legend className="sr-only">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="relative cursor-pointer">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            // Over its label, unseen: a click lands on the radio itself, and it keeps the focus ring's peer.
            className="peer absolute inset-0 m-0 cursor-pointer appearance-none opacity-0"
          />
          <span className="flex min-h-7 items-center rounded-md px-2.5 text-xs font-medium text-fg-muted peer-checked:bg-surface peer-checked:text-fg peer-checked:shadow-sm peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-focus hover:text-fg">
            {option.label}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
