"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { routes } from "@/lib/routes";
import { AUDIT_EXPORT_LIMIT, type TAuditFilter } from "@/server/audit-log-schemas";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { AuditFilters } from "./audit-filters";
import { EventTable } from "./event-table";
import {
  EMPTY_AUDIT_FILTERS,
  exportHref,
  isFiltered,
  parseAuditFilters,
  searchOf,
  type TAuditFilterForm,
} from "./filters";
import { AUDIT_TITLE, AuditLoading } from "./page-loading";
import { auditListOptions } from "./queries";

/** How long typing pauses before the list follows a text filter. */
const TYPING_PAUSE_MS = 350;
const grouped = new Intl.NumberFormat("en");

/**
 * The team's audit log for admins and owners: filters (kept in the page's address, so a filtered
 * view can be shared or reloaded), events newest first with Load more, and CSV and JSON exports of
 * exactly what is filtered.
 */
export function AuditLog({ initial }: { initial: TAuditFilterForm }) {
  const trpc = useTRPC();
  const [form, setForm] = useState<TAuditFilterForm>(initial);
  const initialParsed = parseAuditFilters(initial);
  const [filter, setFilter] = useState<TAuditFilter>(initialParsed.ok ? initialParsed.filter : {});
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const parsed = parseAuditFilters(form);
  const list = useInfiniteQuery({ ...auditListOptions(trpc, filter), placeholderData: keepPreviousData });

  useEffect(() => () => clearTimeout(typing.current), []);

  function apply(next: TAuditFilterForm) {
    const result = parseAuditFilters(next);
    // A filter in error keeps the events of the last good one on screen.
    if (!result.ok) return;
    setFilter(result.filter);
    // Next.js keeps its router in step with history.replaceState; no server round trip.
    window.history.replaceState(window.history.state, "", `${routes.audit}${searchOf(next)}`);
  }

  function changeFilters(next: TAuditFilterForm, options: { typing?: boolean } = {}) {
    setForm(next);
    clearTimeout(typing.current);
    if (options.typing) typing.current = setTimeout(() => apply(next), TYPING_PAUSE_MS);
    else apply(next);
  }

  const header = (
    <PageHeader
      title={AUDIT_TITLE}
      description="Every change made in the console or through the API, every sign-in and refused sign-in: who, when, what, and before → after."
      actions={
        <>
          <a href={exportHref(filter, "csv")} download className={buttonClasses()}>
            Export CSV
          </a>
          <a href={exportHref(filter, "json")} download className={buttonClasses()}>
            Export JSON
          </a>
        </>
      }
    />
  );

  if (list.isPending) return <AuditLoading />;
  if (list.isError && !list.data) {
    return (
      <div className="space-y-6">
        {header}
        <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      </div>
    );
  }

  const events = list.data.pages.flatMap((page) => page.events);
  const filtered = isFiltered(form);
  const updating = list.isFetching && list.isPlaceholderData;

  return (
    <div className="space-y-6">
      {header}
      <section aria-label="Events" className="space-y-4">
        <AuditFilters value={form} parsed={parsed} onChange={changeFilters} />

        <p role="status" className="text-sm text-fg-subtle">
          {updating
            ? "Loading events…"
            : events.length === 0
              ? ""
              : `Showing ${grouped.format(events.length)} ${events.length === 1 ? "event" : "events"}${filtered ? (events.length === 1 ? " that matches these filters" : " that match these filters") : ""}${list.hasNextPage ? "; older ones follow" : ""}. Exports hold the newest ${grouped.format(AUDIT_EXPORT_LIMIT)} that match.`}
        </p>

        {list.isError ? <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} /> : null}

        {events.length === 0 ? (
          filtered ? (
            <EmptyState title="No events match these filters">
              <Button variant="link" onClick={() => changeFilters(EMPTY_AUDIT_FILTERS)}>
                Clear filters
              </Button>
            </EmptyState>
          ) : (
            <EmptyState title="Nothing recorded yet">
              Changes to policies, instances, workspaces, files, the team and API keys, and sign-ins, are listed here as
              they happen.
            </EmptyState>
          )
        ) : (
          <EventTable caption="Audit events" events={events} className={updating ? "opacity-70" : undefined} />
        )}

        {list.hasNextPage ? (
          <div className="flex justify-center">
            <Button
              onClick={() => void list.fetchNextPage()}
              pending={list.isFetchingNextPage}
              pendingLabel="Loading more…"
            >
              Load more
            </Button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
