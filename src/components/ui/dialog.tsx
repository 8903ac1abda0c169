"use client";

import { createContext, useContext, useEffect, useId, useRef, useState } from "react";
import { cx } from "@/lib/cx";
import { Button } from "./button";

const SIZES = { sm: "max-w-md", md: "max-w-2xl", lg: "max-w-4xl" } as const;
const FIELDS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
const BUTTONS = "button:not([disabled]), a[href]";

const RequestCloseContext = createContext<(() => void) | null>(null);

/** Closes the surrounding dialog the way its close button does (asking first when it has unsaved work). */
export function useRequestClose(): () => void {
  const requestClose = useContext(RequestCloseContext);
  if (!requestClose) throw new Error("useRequestClose needs a surrounding Dialog");
  return requestClose;
}

export type TConfirmClose = { title: string; message: React.ReactNode; confirmLabel: string; cancelLabel: string };

/**
 * A modal dialog on the native <dialog>: focus is trapped, the page behind is inert, Escape asks to
 * close. It opens when it mounts and the parent closes it by unmounting it. On open it focuses the
 * element marked `data-autofocus`, else the first field, else the first button; on close focus goes
 * back to what opened it (or to `returnFocus()` when that is gone). With `confirmClose`, closing asks
 * first, so unsaved work is never dropped silently; `busy` keeps it open while a call runs.
 */
export function Dialog({
  title,
  description,
  onClose,
  busy = false,
  size = "md",
  role = "dialog",
  confirmClose = null,
  returnFocus,
  hideCloseButton = false,
  describedBy,
  children,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  onClose: () => void;
  busy?: boolean;
  size?: keyof typeof SIZES;
  role?: "dialog" | "alertdialog";
  confirmClose?: TConfirmClose | null;
  returnFocus?: () => HTMLElement | null;
  hideCloseButton?: boolean;
  /** The id of the element in the body that describes the dialog, when there is no `description`. */
  describedBy?: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const [confirming, setConfirming] = useState(false);
  // Read in the native handlers, which React does not re-bind on every render.
  const latest = useRef({ busy, confirmClose, onClose, returnFocus });
  latest.current = { busy, confirmClose, onClose, returnFocus };
  // What had the focus when the dialog was first rendered (dialogs render in the browser only); read
  // once, so a second run of the effect (React's strict mode) does not take the dialog's own field.
  const openerRef = useRef(typeof document === "undefined" ? null : document.activeElement);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = openerRef.current instanceof HTMLElement ? openerRef.current : null;
    if (!dialog.open) dialog.showModal();
    const body = bodyRef.current;
    const first =
      body?.querySelector<HTMLElement>("[data-autofocus]") ??
      body?.querySelector<HTMLElement>(FIELDS) ??
      body?.querySelector<HTMLElement>(BUTTONS);
    first?.focus();
    return () => {
      // Only when focus went with the dialog: a dialog closing inside another leaves it where it is.
      const current = document.activeElement;
      if (current && current !== document.body && current.isConnected) return;
      const target = opener?.isConnected ? opener : (latest.current.returnFocus?.() ?? document.getElementById("main"));
      target?.focus();
    };
  }, []);

  function requestClose() {
    const { busy: isBusy, confirmClose: guard, onClose: close } = latest.current;
    if (isBusy) return;
    if (guard) setConfirming(true);
    else close();
  }

  return (
    <dialog
      ref={ref}
      role={role === "alertdialog" ? "alertdialog" : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : describedBy}
      // React passes a nested dialog's cancel and close events on to this one: only its own count here.
      onCancel={(event) => {
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        requestClose();
      }}
      // Browsers may close a modal on a repeated Escape without a cancel event: reopen it and ask, or follow.
      onClose={(event) => {
        if (event.target !== event.currentTarget) return;
        if (latest.current.confirmClose || latest.current.busy) {
          ref.current?.showModal();
          requestClose();
        } else {
          latest.current.onClose();
        }
      }}
      className={cx(
        "m-auto flex max-h-[calc(100dvh-1rem)] w-[calc(100vw-1rem)] flex-col overflow-hidden rounded-xl border border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-slate-950/60 open:flex [&:not([open])]:hidden",
        SIZES[size],
      )}
    >
      <div className="flex shrink-0 items-start justify-between gap-4 border-b border-line px-4 py-3 sm:px-5 sm:py-4">
        <div className="min-w-0">
          <h2 id={titleId} className="text-lg font-semibold break-words">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="mt-0.5 text-sm text-fg-muted">
              {description}
            </div>
          ) : null}
        </div>
        {hideCloseButton ? null : (
          <Button
            variant="ghost"
            size="icon"
            onClick={requestClose}
            disabled={busy}
            aria-label="Close"
            className="-mt-1 -mr-2"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </Button>
        )}
      </div>
      <div ref={bodyRef} className="min-h-0 flex-1 overflow-y-auto px-4 py-4 sm:px-5">
        <RequestCloseContext.Provider value={requestClose}>{children}</RequestCloseContext.Provider>
      </div>
      {confirming && confirmClose ? (
        <ConfirmDialog
          title={confirmClose.title}
          confirmLabel={confirmClose.confirmLabel}
          cancelLabel={confirmClose.cancelLabel}
          onConfirm={() => {
            setConfirming(false);
            latest.current.onClose();
          }}
          onCancel={() => setConfirming(false)}
        >
          {confirmClose.message}
        </ConfirmDialog>
      ) : null}
    </dialog>
  );
}

/** A Cancel button that closes the surrounding dialog as its close button does. */
export function DialogCancel({ children = "Cancel", disabled }: { children?: React.ReactNode; disabled?: boolean }) {
  const requestClose = useRequestClose();
  return (
    <Button onClick={requestClose} disabled={disabled}>
      {children}
    </Button>
  );
}

/** The row of buttons at the end of a dialog; it stays in view while the dialog's body scrolls. */
export function DialogActions({ children, note }: { children: React.ReactNode; note?: React.ReactNode }) {
  return (
    <div className="sticky -bottom-4 z-10 -mx-4 mt-5 -mb-4 flex flex-wrap items-center justify-end gap-2 border-t border-line bg-surface px-4 py-3 sm:-mx-5 sm:px-5">
      {note ? <div className="mr-auto min-w-0 text-sm">{note}</div> : null}
      {children}
    </div>
  );
}

/**
 * Asks before something that cannot be taken back or that drops work. The safe choice (cancel) has
 * the focus, so Enter never confirms by accident.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  tone = "danger",
  pending = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const messageId = useId();
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      busy={pending}
      size="sm"
      role="alertdialog"
      hideCloseButton
      describedBy={messageId}
    >
      <div id={messageId} className="space-y-2 text-sm text-fg-muted">
        {children}
      </div>
      <DialogActions>
        <Button onClick={onCancel} disabled={pending} data-autofocus>
          {cancelLabel}
        </Button>
        <Button variant={tone} onClick={onConfirm} pending={pending}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
