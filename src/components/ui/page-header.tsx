import Link from "next/link";
import { useId } from "react";
import { cx } from "@/lib/cx";

export type TCrumb = { label: string; href?: string };

/** Where you are: the breadcrumb trail, the page's one h1, what the page is for, and its actions. */
export function PageHeader({
  title,
  description,
  breadcrumbs,
  actions,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  breadcrumbs?: TCrumb[];
  actions?: React.ReactNode;
}) {
  return (
    <div className="space-y-2">
      {breadcrumbs?.length ? (
        <nav aria-label="Breadcrumb">
          <ol className="flex flex-wrap items-center gap-1 text-sm text-fg-subtle">
            {breadcrumbs.map((crumb, index) => {
              const last = index === breadcrumbs.length - 1;
              return (
                <li key={crumb.href ?? crumb.label} className="flex min-w-0 items-center gap-1">
                  {crumb.href && !last ? (
                    <Link href={crumb.href} className="inline-flex min-h-6 items-center text-link hover:underline">
                      {crumb.label}
                    </Link>
                  ) : (
                    <span aria-current={last ? "page" : undefined} className="min-w-0 break-words text-fg-muted">
                      {crumb.label}
                    </span>
                  )}
                  {last ? null : (
                    <span aria-hidden="true" className="text-fg-subtle">
                      /
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-fg">{title}</h1>
          {description ? <div className="mt-1 text-fg-muted">{description}</div> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-start gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}

/** A white panel with an optional heading, for a form or a group on a page. */
export function Panel({
  title,
  className,
  children,
}: {
  title?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      className={cx("rounded-xl border border-line bg-surface p-4 shadow-sm", className)}
    >
      {title ? (
        <h2 id={titleId} className="mb-3 text-sm font-semibold text-fg">
          {title}
        </h2>
      ) : null}
      {children}
    </section>
  );
}
