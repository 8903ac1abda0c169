"use client";

import { useId } from "react";
import { formatBytes } from "@/server/policies/policy-rules";
import { inputClass, selectClass } from "./policy-ui";
import { formatExactBytes, SIZE_UNITS, type TParsedSize, type TSizeUnit, type TSizeValue } from "./size";

/** A number with a unit (bytes/KB/MB), showing the exact bytes it means or why it cannot be used. */
export function PolicySizeInput({
  label,
  value,
  parsed,
  onChange,
}: {
  label: string;
  value: TSizeValue;
  parsed: TParsedSize;
  onChange: (value: TSizeValue) => void;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          value={value.text}
          onChange={(event) => onChange({ ...value, text: event.target.value })}
          aria-invalid={parsed.ok ? "false" : "true"}
          aria-describedby={messageId}
          className={`${inputClass} max-w-40`}
        />
        <label htmlFor={`${id}-unit`} className="sr-only">
          {`${label} unit`}
        </label>
        <select
          id={`${id}-unit`}
          value={value.unit}
          onChange={(event) => onChange({ ...value, unit: event.target.value as TSizeUnit })}
          className={selectClass}
        >
          {SIZE_UNITS.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.label}
            </option>
          ))}
        </select>
      </div>
      <p id={messageId} className={`mt-1 text-sm ${parsed.ok ? "text-slate-600" : "text-red-700"}`}>
        {parsed.ok ? `= ${formatExactBytes(parsed.bytes)} (${formatBytes(parsed.bytes)})` : parsed.error}
      </p>
    </div>
  );
}
