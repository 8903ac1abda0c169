"use client";

import { useEffect, useId, useState } from "react";
import { cx } from "@/lib/cx";
import { Button } from "./button";

type TCopyState = "idle" | "copied" | "failed";

async function copyText(value: string, fallbackId: string | undefined): Promise<TCopyState> {
  try {
    await navigator.clipboard.writeText(value);
    return "copied";
  } catch {
    // No clipboard (plain http, or permission refused): select the text so Ctrl+C copies it.
    const fallback = fallbackId ? document.getElementById(fallbackId) : null;
    if (fallback instanceof HTMLInputElement) fallback.select();
    else if (fallback) window.getSelection()?.selectAllChildren(fallback);
    return "failed";
  }
}

function useCopyState() {
  const [state, setState] = useState<TCopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return [state, setState] as const;
}

function CopyStatus({ state }: { state: TCopyState }) {
  return (
    <span role="status" className="sr-only">
      {state === "copied"
        ? "Copied to the clipboard."
        : state === "failed"
          ? "Selected; press Ctrl+C (⌘C on a Mac) to copy."
          : ""}
    </span>
  );
}

const CopyIcon = ({ done }: { done: boolean }) => (
  <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
    {done ? (
      <path d="m4.5 10.5 3.5 3.5 7.5-8" strokeLinecap="round" strokeLinejoin="round" />
    ) : (
      <>
        <rect x="7" y="7" width="9" height="9" rx="1.5" />
        <path d="M13 7V5.5A1.5 1.5 0 0 0 11.5 4h-6A1.5 1.5 0 0 0 4 5.5v6A1.5 1.5 0 0 0 5.5 13H7" />
      </>
    )}
  </svg>
);

/** A button that copies `value`, says so, and calls `onCopied` (e.g. to know a secret was saved). */
export function CopyButton({
  value,
  label,
  fallbackId,
  onCopied,
  iconOnly = false,
  className,
}: {
  value: string;
  /** What is copied, for the accessible name: "Copy instance ID". */
  label: string;
  fallbackId?: string;
  onCopied?: () => void;
  iconOnly?: boolean;
  className?: string;
}) {
  const [state, setState] = useCopyState();
  return (
    <>
      <Button
        variant={iconOnly ? "ghost" : "secondary"}
        size={iconOnly ? "icon-sm" : "md"}
        aria-label={label}
        title={iconOnly ? label : undefined}
        onClick={async () => {
          const result = await copyText(value, fallbackId);
          setState(result);
          if (result === "copied") onCopied?.();
        }}
        className={cx("shrink-0", className)}
      >
        {iconOnly ? <CopyIcon done={state === "copied"} /> : state === "copied" ? "Copied" : "Copy"}
      </Button>
      <CopyStatus state={state} />
    </>
  );
}

/** A read-only value (an access key, a secret) with its label and a copy button. */
export function CopyField({
  label,
  copyLabel,
  value,
  onCopied,
}: {
  label: string;
  copyLabel: string;
  value: string;
  onCopied?: () => void;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-semibold tracking-wide text-fg-subtle uppercase">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          className="min-h-9 w-full min-w-0 rounded-md border border-line-strong bg-surface px-3 py-1.5 font-mono text-sm text-fg"
        />
        <CopyButton value={value} label={copyLabel} fallbackId={id} onCopied={onCopied} />
      </div>
    </div>
  );
}

/** An id or ARN shown inline in monospace, with a small copy button beside it. */
export function CopyText({ value, label, className }: { value: string; label: string; className?: string }) {
  const id = useId();
  return (
    <span className={cx("inline-flex max-w-full items-center gap-1", className)}>
      <code id={id} className="min-w-0 font-mono text-xs text-fg-muted">
        {value}
      </code>
      <CopyButton value={value} label={label} fallbackId={id} iconOnly />
    </span>
  );
}
