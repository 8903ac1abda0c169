"use client";

import { cx } from "@/lib/cx";
import { formatRatio, LOGO_CONTRAST_MIN, logoContrast, relativeLuminance, type TRgb, toHex } from "./contrast";
import { solidColour, useImageMeasure } from "./measure";
import { MODE_LABELS, type TMode } from "./theme";

/** One line of a check list: passed, failed (blocks the import) or a warning (does not). */
export type TCheckLine = { key: string; status: "ok" | "failed" | "warning" | "pending"; message: string };

const MARKS: Record<TCheckLine["status"], { mark: string; label: string; className: string }> = {
  ok: { mark: "✓", label: "Passed", className: "bg-emerald-600 text-white" },
  failed: { mark: "✕", label: "Failed", className: "bg-red-600 text-white" },
  warning: { mark: "!", label: "Warning", className: "bg-amber-500 text-slate-950" },
  pending: { mark: "…", label: "Checking", className: "bg-surface-muted text-fg-muted ring-1 ring-line ring-inset" },
};

/** The checks an image passes or fails, each with its mark spelled out for screen readers. */
export function CheckList({ checks, label = "Checks" }: { checks: readonly TCheckLine[]; label?: string }) {
  return (
    <ul aria-label={label} className="space-y-1.5 text-sm">
      {checks.map((check) => {
        const mark = MARKS[check.status];
        return (
          <li key={check.key} className="flex items-start gap-2" data-status={check.status}>
            <span
              aria-hidden="true"
              data-mark={mark.mark}
              className={cx(
                // Drawn by CSS, so the mark is no part of the line's text.
                "mt-0.5 inline-flex h-4.5 w-4.5 shrink-0 items-center justify-center rounded-full text-[11px] font-bold before:content-[attr(data-mark)]",
                mark.className,
              )}
            />
            <span
              className={cx(
                "min-w-0 break-words",
                check.status === "failed" ? "text-red-700 dark:text-red-300" : "text-fg",
              )}
            >
              <span className="sr-only">{mark.label}: </span>
              {check.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A header background as it shows (a colour the browser does not take falls back to white or black). */
export function headerBackground(value: string, mode: TMode): TRgb {
  return solidColour(value) ?? (mode === "light" ? { r: 255, g: 255, b: 255 } : { r: 0, g: 0, b: 0 });
}

/**
 * How a logo stands out on its mode's header, as a check line: measured from its opaque pixels in the
 * browser, a warning below 3:1.
 */
export function useLogoContrastCheck({
  src,
  mode,
  background,
}: {
  src: string | null;
  mode: TMode;
  background: string;
}): TCheckLine | null {
  const measured = useImageMeasure(src);
  if (!src) return null;
  const key = `contrast-${mode}`;
  const header = `the ${MODE_LABELS[mode].toLowerCase()} header (${background})`;
  if (measured.status === "measuring")
    return { key, status: "pending", message: `Measuring contrast against ${header}…` };
  if (!measured.image) {
    return {
      key,
      status: "warning",
      message: `Its colours could not be measured, so its contrast against ${header} is unknown.`,
    };
  }
  const bg = headerBackground(background, mode);
  const { ratio, ok } = logoContrast(measured.image, bg);
  const colour = toHex(measured.image.colour);
  return ok
    ? { key, status: "ok", message: `Contrast ${formatRatio(ratio)} against ${header}.` }
    : {
        key,
        status: "warning",
        message: `Low contrast: ${formatRatio(ratio)} against ${header}, below ${LOGO_CONTRAST_MIN}:1 (logo colour about ${colour}). It may be hard to see; use a ${relativeLuminance(bg) > 0.18 ? "darker" : "lighter"} logo or change the header background.`,
      };
}
