import { cx } from "@/lib/cx";

export type TTone = "neutral" | "info" | "success" | "warning" | "danger" | "accent";

/** Background, text and ring of each tone, in both themes (one place, so contrast is checked once). */
export const TONES: Record<TTone, string> = {
  neutral: "bg-surface-muted text-fg-muted ring-line",
  info: "bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950/60 dark:text-sky-200 dark:ring-sky-800",
  success:
    "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950/60 dark:text-emerald-200 dark:ring-emerald-800",
  warning: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950/60 dark:text-amber-200 dark:ring-amber-800",
  danger: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950/60 dark:text-red-200 dark:ring-red-800",
  accent: "bg-accent-soft text-indigo-800 ring-indigo-200 dark:text-indigo-200 dark:ring-indigo-800",
};

export function Badge({
  tone = "neutral",
  title,
  className,
  children,
}: {
  tone?: TTone;
  title?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <span
      title={title}
      className={cx(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

/** A short code-like value in a list of them (extensions): an <li>, so a group is a list. */
export function Chip({
  tone = "neutral",
  strike = false,
  children,
  ...rest
}: { tone?: TTone; strike?: boolean; children: React.ReactNode } & React.LiHTMLAttributes<HTMLLIElement>) {
  return (
    <li
      className={cx(
        "inline-flex min-h-6 items-center gap-1 rounded-full px-2 font-mono text-xs ring-1 ring-inset",
        TONES[tone],
        strike && "line-through",
      )}
      {...rest}
    >
      {children}
    </li>
  );
}

/** A framed message in a tone: a notice, a warning, or an error (then announced as an alert). */
export function Alert({
  tone,
  title,
  children,
  className,
  live = tone === "danger" ? "alert" : undefined,
  ...rest
}: {
  tone: TTone;
  title?: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
  /** How it is announced when it appears: an alert (errors, by default), politely, or not at all. */
  live?: "alert" | "status" | "off";
} & Omit<React.HTMLAttributes<HTMLDivElement>, "title">) {
  return (
    <div
      role={live === "off" ? undefined : live}
      className={cx("rounded-lg px-3 py-2 text-sm ring-1 ring-inset", TONES[tone], className)}
      {...rest}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children}
    </div>
  );
}
