"use client";

import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { ATTACHMENT_SCOPES, SCOPE_LABELS } from "@/server/policies/policy-rules";
import { EMPTY_FILTERS, isFiltered, type TFilterForm, type TParsedFilters } from "./filters";
import { FILE_STATUS_OPTIONS } from "./labels";

/** Status, scope and a date range; each change applies at once (a date range in error is not applied). */
export function FileFilters({
  value,
  parsed,
  onChange,
}: {
  value: TFilterForm;
  parsed: TParsedFilters;
  onChange: (value: TFilterForm) => void;
}) {
  const errorOf = (field: "from" | "to") => (!parsed.ok && parsed.field === field ? parsed.message : undefined);
  return (
    <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,12rem))_auto] lg:items-start">
      <legend className="sr-only">Filters</legend>
      <Field label="Status">
        <Select
          className="w-full"
          value={value.status}
          onChange={(event) => onChange({ ...value, status: event.target.value as TFilterForm["status"] })}
        >
          <option value="">All statuses</option>
          {FILE_STATUS_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Scope">
        <Select
          className="w-full"
          value={value.scope}
          onChange={(event) => onChange({ ...value, scope: event.target.value as TFilterForm["scope"] })}
        >
          <option value="">All scopes</option>
          {ATTACHMENT_SCOPES.map((scope) => (
            <option key={scope} value={scope}>
              {SCOPE_LABELS[scope]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From" error={errorOf("from")}>
        <Input
          type="date"
          value={value.from}
          max={value.to || undefined}
          onChange={(event) => onChange({ ...value, from: event.target.value })}
        />
      </Field>
      <Field label="To" error={errorOf("to")}>
        <Input
          type="date"
          value={value.to}
          min={value.from || undefined}
          onChange={(event) => onChange({ ...value, to: event.target.value })}
        />
      </Field>
      {isFiltered(value) ? (
        <Button variant="link" className="justify-self-start lg:mt-7" onClick={() => onChange(EMPTY_FILTERS)}>
          Clear filters
        </Button>
      ) : null}
    </fieldset>
  );
}
