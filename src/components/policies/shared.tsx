"use client";

import { Badge, Chip, type TTone } from "@/components/ui/badge";
import type { TConfirmClose } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import type { TPolicyRevision } from "@/server/policies/policy-schemas";

/** Small pieces the policy screens share. */

export function DefaultBadge() {
  return (
    <Badge tone="info" title="Amazon Connect's default: this scope has no configuration of its own.">
      Default
    </Badge>
  );
}

export function ExtensionList({
  extensions,
  label,
  tone = "neutral",
  strike = false,
}: {
  extensions: readonly string[];
  label: string;
  tone?: TTone;
  strike?: boolean;
}) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {extensions.map((extension) => (
        <Chip key={extension} tone={tone} strike={strike}>
          {extension}
        </Chip>
      ))}
    </ul>
  );
}

export const REASON_MAX_LENGTH = 500;

/** The optional reason every policy change can carry into the history. */
export function ReasonField({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <Field label="Reason" optional="(optional, kept in the history)">
      <Input
        value={value}
        maxLength={REASON_MAX_LENGTH}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
      />
    </Field>
  );
}

/** A dialog holding a typed reason asks before closing, so the reason is not dropped silently. */
export function confirmDiscardingReason(reason: string): TConfirmClose | null {
  return reason.trim()
    ? {
        title: "Discard what you typed?",
        message: "The reason you typed is not saved. If you close this, it is lost.",
        confirmLabel: "Discard",
        cancelLabel: "Keep it",
      }
    : null;
}

export const CHANGE_KIND_LABELS: Record<TPolicyRevision["kind"], string> = {
  UPDATE: "Edited",
  REVERT: "Reverted",
  RESTORE: "Restored",
  UNDO: "Undone",
  COPY: "Copied",
  IMPORT: "Imported",
  RESET: "Reset to default",
};
