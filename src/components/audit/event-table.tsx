"use client";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { cx } from "@/lib/cx";
import type { TAuditEvent } from "@/server/audit-log-schemas";
import { changedKeys, prettyJson, type TChange } from "./diff";
import { actionLabel, actorText, targetText } from "./labels";

/** How many changed keys a row lists before "and N more" (all of them are in the details). */
const CHANGES_SHOWN = 4;

/**
 * Audit events newest first: when, who, what, on what, and before → after. Everything recorded is
 * text from people, API callers or identity providers, so it is only ever rendered as text.
 */
export function EventTable({
  caption,
  events,
  className,
}: {
  caption: string;
  events: TAuditEvent[];
  className?: string;
}) {
  return (
    <Table caption={caption} className={cx("overflow-x-auto", className)}>
      <TableHead>
        <TableRow>
          <TableHeader>Time</TableHeader>
          <TableHeader>Actor</TableHeader>
          <TableHeader>Action</TableHeader>
          <TableHeader>Target</TableHeader>
          <TableHeader>Change</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((event) => {
          const actor = actorText(event);
          const target = targetText(event);
          return (
            <TableRow key={event.id}>
              <TableCell label="Time" className="text-sm lg:min-w-32">
                <Time date={event.createdAt} />
              </TableCell>
              <TableCell label="Actor" className="text-sm">
                <span className="block [overflow-wrap:anywhere] text-fg lg:max-w-56 lg:min-w-40">{actor.text}</span>
                {actor.detail ? (
                  <span className="block text-xs [overflow-wrap:anywhere] text-fg-muted lg:max-w-56">
                    {actor.detail}
                  </span>
                ) : null}
              </TableCell>
              <TableCell label="Action" className="text-sm">
                <span className="block font-medium text-fg lg:min-w-36">{actionLabel(event.action)}</span>
                <span className="block font-mono text-xs text-fg-subtle">{event.action}</span>
                {event.reason ? (
                  <p className="mt-1 text-xs [overflow-wrap:anywhere] text-fg-muted lg:max-w-64">
                    <span className="font-medium">Reason: </span>
                    {event.reason}
                  </p>
                ) : null}
              </TableCell>
              <TableCell label="Target" className="text-sm">
                <span className="block text-fg">
                  {target.kind}
                  {target.name ? <span className="[overflow-wrap:anywhere]"> {target.name}</span> : null}
                </span>
                <span className="block font-mono text-xs break-all text-fg-subtle lg:max-w-56">{target.id}</span>
              </TableCell>
              <TableCell label="Change" className="text-sm">
                <EventChange event={event} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** How many of a list's added or removed values a line names. */
const ITEMS_SHOWN = 5;

function itemsText(items: string[]): string {
  const shown = items.slice(0, ITEMS_SHOWN).join(", ");
  return items.length > ITEMS_SHOWN ? `${shown} and ${items.length - ITEMS_SHOWN} more` : shown;
}

function ChangeLine({ change }: { change: TChange }) {
  const { items } = change;
  if (items && (items.added.length || items.removed.length)) {
    return (
      <li className="[overflow-wrap:anywhere]">
        <span className="font-medium text-fg">{change.path}: </span>
        {items.added.length ? (
          <span>
            <span className="text-fg-muted">added </span>
            <span className="font-mono text-fg">{itemsText(items.added)}</span>
          </span>
        ) : null}
        {items.added.length && items.removed.length ? <span className="text-fg-muted">; </span> : null}
        {items.removed.length ? (
          <span>
            <span className="text-fg-muted">removed </span>
            <span className="font-mono text-fg">{itemsText(items.removed)}</span>
          </span>
        ) : null}
      </li>
    );
  }
  return (
    <li className="[overflow-wrap:anywhere]">
      {change.path ? <span className="font-medium text-fg">{change.path}: </span> : null}
      {change.before === undefined ? (
        <span className="text-fg-muted">added </span>
      ) : (
        <span className="font-mono text-fg-muted">{change.before}</span>
      )}
      {change.before !== undefined && change.after !== undefined ? (
        <>
          <span aria-hidden="true" className="px-1 text-fg-subtle">
            →
          </span>
          <span className="sr-only"> changed to </span>
        </>
      ) : null}
      {change.after === undefined ? (
        <span className="text-fg-muted"> removed</span>
      ) : (
        <span className="font-mono text-fg">{change.after}</span>
      )}
    </li>
  );
}

function EventChange({ event }: { event: TAuditEvent }) {
  if (event.before === null && event.after === null) {
    return <span className="text-xs text-fg-subtle">No details recorded</span>;
  }
  const changes = changedKeys(event.before, event.after);
  const hidden = changes.length - CHANGES_SHOWN;
  return (
    <div className="min-w-0 space-y-1 lg:min-w-64 lg:max-w-md">
      {changes.length ? (
        <ul className="space-y-0.5 text-xs">
          {changes.slice(0, CHANGES_SHOWN).map((change) => (
            <ChangeLine key={change.path} change={change} />
          ))}
          {hidden > 0 ? <li className="text-fg-muted">and {hidden} more</li> : null}
        </ul>
      ) : (
        <span className="text-xs text-fg-subtle">Nothing changed</span>
      )}
      <details className="group text-xs">
        <summary className="inline-flex min-h-6 cursor-pointer items-center text-link underline-offset-2 hover:underline">
          Before and after
        </summary>
        <div className="mt-2 grid gap-2">
          {(["before", "after"] as const).map((side) => (
            <div key={side}>
              <p className="font-semibold text-fg-muted">{side === "before" ? "Before" : "After"}</p>
              <pre className="mt-1 rounded-md bg-surface-muted p-2 font-mono whitespace-pre-wrap break-all text-fg">
                {event[side] === null ? "(nothing)" : prettyJson(event[side])}
              </pre>
            </div>
          ))}
        </div>
      </details>
    </div>
  );
}
