"use client";

import { isTRPCClientError } from "@trpc/client";
import { useState } from "react";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { AppRouter } from "@/server/api/root";
import { errorMessage } from "@/trpc/errors";
import { useConsoleUser } from "./console-context";

/** Whether a failed call was refused only because the last sign-in is not recent enough. */
export function needsRecentSignIn(error: unknown): boolean {
  return isTRPCClientError<AppRouter>(error) && error.data?.detail === "RECENT_SIGN_IN";
}

/**
 * Sends the person through the identity provider again (max_age=0 and usually prompt=login, so it
 * asks for their credentials even when it has a session of its own) and back to this page.
 */
export async function signInAgain(reauthParams: Record<string, string>) {
  const { signIn } = await import("next-auth/react");
  await signIn("oidc", { callbackUrl: window.location.href }, reauthParams);
}

/**
 * Shown in place of an error when a call needs a recent sign-in: says why, and offers the round
 * trip. What the person was doing is lost only if they choose to go.
 */
export function RecentSignInNotice({ action }: { action: string }) {
  const [pending, setPending] = useState(false);
  const { reauthParams } = useConsoleUser();
  return (
    <div
      role="alert"
      className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>To {action}, confirm it is you: sign in again at your identity provider. You will come back to this page.</p>
      <div>
        <Button
          variant="primary"
          pending={pending}
          pendingLabel="Redirecting to your identity provider…"
          onClick={() => {
            setPending(true);
            void signInAgain(reauthParams);
          }}
        >
          Sign in again
        </Button>
      </div>
    </div>
  );
}

/**
 * A failed mutation's message under its form or dialog: the sign-in-again notice when the call needed a
 * recent sign-in (`action` completes "To … , confirm it is you"), else the error's own sentence.
 */
export function MutationError({ error, action }: { error: unknown; action: string }) {
  if (!error) return null;
  return needsRecentSignIn(error) ? (
    <RecentSignInNotice action={action} />
  ) : (
    <Alert tone="danger">{errorMessage(error)}</Alert>
  );
}
