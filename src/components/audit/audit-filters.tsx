"use client";

import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { AUDIT_AREA_KEYS, AUDIT_AREAS } from "@/server/audit-log-schemas";
import { EMPTY_AUDIT_FILTERS, isFiltered, type TAuditFilterForm, type TParsedAuditFilters } from "./filters";

/**
 * Actor, area, target and a date range. The area and dates apply at once; typed text once typing
 * pauses (the list then follows without a request per key). A filter in error is explained and not applied.
 */
export function AuditFilters({
  value,
  parsed,
  onChange,
}: {
  value: TAuditFilterForm;
  parsed: TParsedAuditFilters;
  onChange: (value: TAuditFilterForm, options?: { typing?: boolean }) => void;
}) {
  const errorOf = (field: keyof TAuditFilterForm) =>
    !parsed.ok && parsed.field === field ? parsed.message : undefined;
  return (
    <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-[repeat(5,minmax(0,1fr))_auto] xl:items-start">
      <legend className="sr-only">Filters</legend>
      <Field label="Actor" hint="Part of an email or an API key's name." error={errorOf("actor")}>
        <Input
          type="search"
          value={value.actor}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => onChange({ ...value, actor: event.target.value }, { typing: true })}
        />
      </Field>
      <Field label="Area" error={errorOf("area")}>
        <Select
          className="w-full"
          value={value.area}
          onChange={(event) => onChange({ ...value, area: event.target.value as TAuditFilterForm["area"] })}
        >
          <option value="">All areas</option>
          {AUDIT_AREA_KEYS.map((area) => (
            <option key={area} value={area}>
              {AUDIT_AREAS[area].label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Target" hint="Part of the id of what was changed." error={errorOf("target")}>
        <Input
          type="search"
          value={value.target}
          maxLength={300}
          autoComplete="off"
          onChange={(event) => onChange({ ...value, target: event.target.value }, { typing: true })}
        />
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
        <Button variant="link" className="justify-self-start xl:mt-7" onClick={() => onChange(EMPTY_AUDIT_FILTERS)}>
          Clear filters
        </Button>
      ) : null}
    </fieldset>
  );
}
