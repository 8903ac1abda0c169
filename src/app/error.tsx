"use client";

import { Button } from "@/components/ui/button";

/** Anything the console's own boundary cannot catch: the sign-in page, or the console layout itself. */
export default function RootError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-xl font-semibold">Attache could not show this page</h1>
      <p className="mt-2 text-fg-muted">
        Something on our side did not answer. Try again in a moment; if it keeps happening, ask your administrator to
        check that Attache's database is running.
      </p>
      <Button variant="primary" onClick={reset} className="mt-6">
        Try again
      </Button>
    </main>
  );
}
