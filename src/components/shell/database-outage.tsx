"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/outage-rules";
import { isDatabaseOutage, OUTAGE_MAX_RETRIES, outageRetryDelayMs } from "@/trpc/outage";
import { Logo } from "./logo";

/** The root of every outage state, for tests that stop PostgreSQL under a running console. */
export const DATABASE_OUTAGE_TEST_ID = "database-outage";

/**
 * Attache can't reach its database: says so, and tries again by itself (`retry`, after 2 s, 5 s, then
 * every 10 s, at most OUTAGE_MAX_RETRIES times), and at once with "Try again now". The default retry
 * renders the page again (router.refresh()), which shows the console as soon as the database answers.
 */
export function DatabaseOutage({
  retry,
  className,
  titleAs: Title = "p",
}: {
  retry?: () => void;
  className?: string;
  /** "h1" where the notice is the whole page. */
  titleAs?: "p" | "h1";
}) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [attempt, setAttempt] = useState(0);
  // The latest `retry`, so a parent's new function does not restart the wait.
  const retryRef = useRef(retry);
  retryRef.current = retry;
  const again = useCallback(() => {
    if (retryRef.current) retryRef.current();
    else startRefresh(() => router.refresh());
  }, [router]);

  useEffect(() => {
    if (attempt >= OUTAGE_MAX_RETRIES) return;
    const timer = setTimeout(() => {
      again();
      setAttempt((current) => current + 1);
    }, outageRetryDelayMs(attempt));
    return () => clearTimeout(timer);
  }, [attempt, again]);

  const stopped = attempt >= OUTAGE_MAX_RETRIES;
  return (
    <div
      role="alert"
      aria-live="assertive"
      data-testid={DATABASE_OUTAGE_TEST_ID}
      className={
        className ??
        "rounded-xl bg-amber-50 px-5 py-4 ring-1 ring-amber-200 ring-inset dark:bg-amber-950/60 dark:ring-amber-800"
      }
    >
      <Title className="font-medium text-amber-900 dark:text-amber-100">{DATABASE_UNAVAILABLE_MESSAGE}</Title>
      <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">
        {stopped
          ? "It has stopped trying by itself. Try again once your administrator has checked that Attache's database is running."
          : "You are still signed in; the console comes back by itself as soon as the database answers."}
      </p>
      <Button
        size="sm"
        className="mt-3"
        aria-busy={refreshing || undefined}
        onClick={() => {
          again();
          setAttempt(0);
        }}
      >
        Try again now
      </Button>
    </div>
  );
}

/** The console in place of its pages while the session cannot be looked up (see the console layout). */
export function DatabaseOutagePage() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-4 py-16">
      <div className="mb-6 flex items-center gap-3">
        <Logo className="h-8 w-8" />
        <span className="text-xl font-semibold tracking-tight">Attache</span>
      </div>
      <DatabaseOutage titleAs="h1" />
    </main>
  );
}

/**
 * A notice above the pages while any of their queries fails because the server can't reach its
 * database (the query client retries those by itself, see src/trpc/query-client.ts); gone as soon as
 * they succeed.
 */
export function DatabaseOutageBanner() {
  const queryClient = useQueryClient();
  const cache = queryClient.getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const inOutage = useSyncExternalStore(
    subscribe,
    () =>
      cache
        .getAll()
        .some((query) =>
          query.state.fetchStatus === "fetching"
            ? isDatabaseOutage(query.state.fetchFailureReason)
            : query.state.status === "error" && isDatabaseOutage(query.state.error),
        ),
    () => false,
  );
  if (!inOutage) return null;
  return (
    <div
      role="alert"
      aria-live="assertive"
      data-testid={DATABASE_OUTAGE_TEST_ID}
      className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-amber-50 px-4 py-3 ring-1 ring-amber-200 ring-inset dark:bg-amber-950/60 dark:ring-amber-800"
    >
      <p className="text-sm font-medium text-amber-900 dark:text-amber-100">{DATABASE_UNAVAILABLE_MESSAGE}</p>
      <Button size="sm" onClick={() => void queryClient.refetchQueries({ type: "active" })}>
        Try again now
      </Button>
    </div>
  );
}
