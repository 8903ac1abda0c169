"use client";

import type { ButtonHTMLAttributes } from "react";
import { cx } from "@/lib/cx";
import { Spinner } from "./spinner";

export type TButtonVariant = "primary" | "secondary" | "danger" | "ghost" | "link" | "danger-link";
export type TButtonSize = "sm" | "md" | "icon" | "icon-sm";

const VARIANTS: Record<TButtonVariant, string> = {
  primary: "bg-accent text-white shadow-sm hover:bg-accent-hover",
  secondary: "bg-surface text-fg shadow-sm ring-1 ring-line-strong ring-inset hover:bg-surface-muted",
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-700",
  ghost: "text-fg-muted hover:bg-surface-muted hover:text-fg",
  link: "text-link underline-offset-2 hover:underline",
  "danger-link": "text-red-700 underline-offset-2 hover:underline dark:text-red-300",
};

const SIZES: Record<TButtonSize, string> = {
  md: "min-h-9 px-3 py-1.5 text-sm",
  sm: "min-h-7 px-2.5 py-1 text-xs",
  // Square buttons that hold only an icon (their accessible name is an aria-label).
  icon: "h-9 w-9 shrink-0",
  "icon-sm": "h-7 w-7 shrink-0",
};

/** The classes of a button, for links that look like one (`<Link className={buttonClasses(…)}>`). */
export function buttonClasses({
  variant = "secondary",
  size = "md",
  className,
}: {
  variant?: TButtonVariant;
  size?: TButtonSize;
  className?: string;
} = {}): string {
  const inline = variant === "link" || variant === "danger-link";
  return cx(
    "inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-60 aria-busy:cursor-wait aria-busy:opacity-75",
    inline ? "min-h-6 px-0.5 text-sm" : SIZES[size],
    VARIANTS[variant],
    variant === "primary" || variant === "danger" ? "font-semibold" : null,
    className,
  );
}

export type TButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: TButtonVariant;
  size?: TButtonSize;
  /**
   * A call is running: the button shows a spinner with `pendingLabel` and ignores presses. It stays
   * focusable (aria-disabled, not disabled), so the keyboard focus is not thrown back to the page.
   */
  pending?: boolean;
  pendingLabel?: string;
  ref?: React.Ref<HTMLButtonElement>;
};

export function Button({
  variant = "secondary",
  size = "md",
  pending = false,
  pendingLabel,
  disabled,
  className,
  children,
  type = "button",
  onClick,
  ...rest
}: TButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled}
      aria-disabled={pending || undefined}
      aria-busy={pending || undefined}
      className={buttonClasses({ variant, size, className })}
      // While pending, a press does nothing, not even submit its form again.
      onClick={pending ? (event) => event.preventDefault() : onClick}
      {...rest}
    >
      {pending ? <Spinner /> : null}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
