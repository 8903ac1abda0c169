import { formatDateTime, formatExactDateTime } from "@/lib/format";

/** A moment in the one date format of the console (with its time zone); the exact time on hover. */
export function Time({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatExactDateTime(date)} suppressHydrationWarning>
      {formatDateTime(date)}
    </time>
  );
}
