"use client";

import { Alert } from "./badge";
import { Button } from "./button";
import { DialogActions, DialogCancel } from "./dialog";
import { Field, Input } from "./field";

/**
 * The end of a destructive dialog that asks for a name to be typed first: the field, the failure (if
 * any), Cancel and the danger button, enabled only once `typed` is exactly `expected`.
 */
export function TypeToConfirm({
  expected,
  typed,
  onTyped,
  error,
  pending,
  action,
}: {
  expected: string;
  typed: string;
  onTyped: (typed: string) => void;
  error: string | null;
  pending: boolean;
  action: string;
}) {
  return (
    <>
      <Field label={`Type ${expected} to confirm`}>
        <Input value={typed} onChange={(event) => onTyped(event.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <DialogActions>
        <DialogCancel disabled={pending} />
        <Button
          type="submit"
          variant="danger"
          disabled={typed.trim() !== expected}
          pending={pending}
          pendingLabel="Deleting…"
        >
          {action}
        </Button>
      </DialogActions>
    </>
  );
}
