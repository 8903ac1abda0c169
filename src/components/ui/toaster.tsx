"use client";

import { useTheme } from "next-themes";
import { Toaster as SonnerToaster, toast as sonner } from "sonner";
import { cx } from "@/lib/cx";
import { Button } from "./button";

/**
 * The toasts themselves, loaded by ./toast after the page's first paint. Positioning, stacking and
 * timers are sonner's; the look and the controls (24 px targets) are ours.
 */

const DURATION_MS = 6000;
const UNDO_DURATION_MS = 12000;

type TToastTone = "success" | "error";

function ToastCard({
  id,
  tone,
  message,
  action,
}: {
  id: string | number;
  tone: TToastTone;
  message: string;
  action?: { label: string; onClick: () => void };
}) {
  return (
    <div
      className={cx(
        "flex w-full items-start gap-3 rounded-lg bg-surface px-3 py-2.5 text-sm text-fg shadow-lg ring-1 sm:w-[356px]",
        tone === "error" ? "ring-red-300 dark:ring-red-700" : "ring-line",
      )}
    >
      <span
        aria-hidden="true"
        className={cx(
          "mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white",
          tone === "error" ? "bg-red-600" : "bg-emerald-600",
        )}
      >
        {tone === "error" ? "!" : "✓"}
      </span>
      <p className="min-w-0 flex-1 self-center break-words">{message}</p>
      {action ? (
        <Button
          size="sm"
          onClick={() => {
            // The button goes with its toast: keep the keyboard focus on the page.
            document.getElementById("main")?.focus({ preventScroll: true });
            sonner.dismiss(id);
            action.onClick();
          }}
        >
          {action.label}
        </Button>
      ) : null}
      <Button variant="ghost" size="icon-sm" aria-label="Dismiss" onClick={() => sonner.dismiss(id)}>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
        </svg>
      </Button>
    </div>
  );
}

export const showToast = {
  success(message: string, options: { undo?: () => void } = {}) {
    const { undo } = options;
    sonner.custom(
      (id) => (
        <ToastCard
          id={id}
          tone="success"
          message={message}
          action={undo ? { label: "Undo", onClick: undo } : undefined}
        />
      ),
      { duration: undo ? UNDO_DURATION_MS : DURATION_MS },
    );
  },
  error(message: string) {
    sonner.custom((id) => <ToastCard id={id} tone="error" message={message} />, { duration: UNDO_DURATION_MS });
  },
};

export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <SonnerToaster
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      position="bottom-right"
      containerAriaLabel="Notifications"
      toastOptions={{ unstyled: true }}
    />
  );
}
