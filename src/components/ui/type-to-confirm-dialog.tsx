"use client";

import { type ReactNode, useState } from "react";
import { Alert } from "./badge";
import { Button } from "./button";
import { Dialog, DialogActions, DialogCancel } from "./dialog";
import { Field, Input } from "./field";

/**
 * A destructive action that asks for a name to be typed first: `children` say what goes with it, the
 * danger button is enabled only once the field holds exactly `expected`, and `onConfirm` gets the text.
 */
export function TypeToConfirmDialog({
  title,
  expected,
  action,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  expected: string;
  action: string;
  pending: boolean;
  error: string | null;
  onConfirm: (typed: string) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === expected;
  return (
    <Dialog title={title} role="alertdialog" size="sm" onClose={onClose} busy={pending}>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (matches) onConfirm(typed.trim());
        }}
      >
        <div className="space-y-2 text-sm text-fg-muted">{children}</div>
        <Field label={`Type ${expected} to confirm`}>
          <Input
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        {error ? <Alert tone="danger">{error}</Alert> : null}
        <DialogActions>
          <DialogCancel disabled={pending} />
          <Button type="submit" variant="danger" disabled={!matches} pending={pending} pendingLabel="Deleting…">
            {action}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
