import type { TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "@/lib/cx";

/**
 * A table that becomes stacked rows below the `lg` breakpoint: each row a card, each cell with its
 * column's name beside it (hidden from screen readers, which keep the table's own headers). The
 * roles are spelled out because some browsers (WebKit) drop a table's semantics once its parts are no
 * longer displayed as table parts; so rows and cells are the same at every width, in every browser.
 */
export function Table({
  caption,
  children,
  className,
}: {
  caption: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cx("rounded-xl border border-line bg-surface shadow-sm", className)}>
      <table role="table" className="block w-full text-left text-sm lg:table">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ children }: { children: React.ReactNode }) {
  return (
    <thead
      role="rowgroup"
      className="sr-only border-b border-line bg-surface-muted text-xs font-semibold tracking-wide text-fg-subtle uppercase lg:not-sr-only lg:table-header-group"
    >
      {children}
    </thead>
  );
}

export function TableBody({ children }: { children: React.ReactNode }) {
  return (
    <tbody role="rowgroup" className="block divide-y divide-line lg:table-row-group">
      {children}
    </tbody>
  );
}

export function TableRow({ children, muted = false }: { children: React.ReactNode; muted?: boolean }) {
  return (
    <tr
      role="row"
      className={cx("block px-4 py-3 align-top lg:table-row lg:p-0", muted && "bg-surface-muted/50 text-fg-muted")}
    >
      {children}
    </tr>
  );
}

/** A column header; with no children it heads the row actions column, named for screen readers only. */
export function TableHeader({ className, children, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th role="columnheader" scope="col" className={cx("px-4 py-2 whitespace-nowrap", className)} {...rest}>
      {children ?? <span className="sr-only">Actions</span>}
    </th>
  );
}

/**
 * One cell. `label` is its column's name, shown beside the value in the stacked layout; `actions`
 * aligns the row's buttons at the end in both layouts.
 */
export function TableCell({
  label,
  actions = false,
  className,
  children,
  ...rest
}: TdHTMLAttributes<HTMLTableCellElement> & { label?: string; actions?: boolean }) {
  return (
    <td
      role="cell"
      className={cx(
        "flex min-w-0 gap-3 py-1 lg:table-cell lg:px-4 lg:py-3",
        actions && "justify-end pt-2 lg:text-right",
        className,
      )}
      {...rest}
    >
      {label ? (
        <span
          aria-hidden="true"
          className="w-28 shrink-0 text-xs font-semibold tracking-wide text-fg-subtle uppercase lg:hidden"
        >
          {label}
        </span>
      ) : null}
      <div className={cx("min-w-0", actions ? "flex flex-wrap items-center justify-end gap-x-3 gap-y-1" : "flex-1")}>
        {children}
      </div>
    </td>
  );
}
