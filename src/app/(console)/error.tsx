"use client";

import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { DatabaseOutage } from "@/components/shell/database-outage";
import { ErrorState } from "@/components/ui/states";
import { isDatabaseOutage } from "@/trpc/outage";

export default function ConsoleError({ error, reset }: { error: Error; reset: () => void }) {
  const router = useRouter();
  // The database outage says so and tries again by itself (rendering the page again on the server).
  if (isDatabaseOutage(error)) {
    return (
      <DatabaseOutage
        retry={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      />
    );
  }
  return <ErrorState message="This page could not be shown. Try again in a moment." onRetry={reset} />;
}
