"use client";

import { useId } from "react";
import { Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { BYTE_UNITS_NOTE, formatExactBytes } from "@/lib/format";
import { convertSizeValue, SIZE_UNITS, type TParsedSize, type TSizeUnit, type TSizeValue } from "./size";

/**
 * A size as a number and a unit (bytes/KB/MB). It shows the exact bytes it means or why it cannot
 * be used, and what the units mean. Changing the unit converts the number (5 MB becomes 5120 KB);
 * a unit typed into the number ("5 MB") wins, and moves to the unit list when the field is left.
 */
export function SizeInput({
  label,
  value,
  parsed,
  onChange,
  units = SIZE_UNITS.map((unit) => unit.id),
}: {
  label: string;
  value: TSizeValue;
  parsed: TParsedSize;
  onChange: (value: TSizeValue) => void;
  /** The units offered (a policy's limit never needs GB). */
  units?: readonly TSizeUnit[];
}) {
  const id = useId();
  const messageId = `${id}-message`;
  const noteId = `${id}-note`;
  // A unit typed into the number ("5 MB") shows in the unit list at once.
  const shown = parsed.ok ? parsed.value : value;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <Input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          value={value.text}
          onChange={(event) => onChange({ ...value, text: event.target.value })}
          onBlur={() => {
            if (parsed.ok && (parsed.value.text !== value.text || parsed.value.unit !== value.unit))
              onChange(parsed.value);
          }}
          aria-invalid={parsed.ok ? "false" : "true"}
          aria-describedby={`${messageId} ${noteId}`}
          className="max-w-48"
        />
        <label htmlFor={`${id}-unit`} className="sr-only">
          {`${label} unit`}
        </label>
        <Select
          id={`${id}-unit`}
          value={shown.unit}
          onChange={(event) => onChange(convertSizeValue(shown, event.target.value as TSizeUnit))}
          className="w-28"
        >
          {SIZE_UNITS.filter((unit) => units.includes(unit.id)).map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.label}
            </option>
          ))}
        </Select>
      </div>
      <p
        id={messageId}
        className={parsed.ok ? "mt-1 text-sm text-fg-muted" : "mt-1 text-sm text-red-700 dark:text-red-300"}
      >
        {parsed.ok ? `= ${formatExactBytes(parsed.bytes)}` : parsed.error}
      </p>
      <p id={noteId} className="text-xs text-fg-subtle">
        {BYTE_UNITS_NOTE}
      </p>
    </div>
  );
}
