"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { routes } from "@/lib/routes";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { useConfirmLeave } from "./navigation-guard";

async function signOutHere() {
  // next-auth's client (about 9 kB gzipped with its helpers) loads only for the one click that needs it.
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: routes.signIn });
}

export function SignOutButton({ className }: { className?: string }) {
  const [pending, setPending] = useState(false);
  const confirmLeave = useConfirmLeave();
  return (
    <Button
      pending={pending}
      pendingLabel="Signing out…"
      className={className}
      onClick={async () => {
        if (!(await confirmLeave())) return;
        setPending(true);
        void signOutHere();
      }}
    >
      Sign out
    </Button>
  );
}

/** Ends the person's sessions in every browser and device (this one too), after asking. */
export function SignOutEverywhereButton({ className }: { className?: string }) {
  const trpc = useTRPC();
  const [asking, setAsking] = useState(false);
  const confirmLeave = useConfirmLeave();
  const everywhere = useMutation(trpc.me.signOutEverywhere.mutationOptions({ onSuccess: () => signOutHere() }));
  return (
    <>
      <Button
        variant="link"
        className={className}
        onClick={async () => {
          if (await confirmLeave()) setAsking(true);
        }}
      >
        Sign out everywhere
      </Button>
      {asking ? (
        <ConfirmDialog
          title="Sign out everywhere?"
          confirmLabel="Sign out everywhere"
          pending={everywhere.isPending || everywhere.isSuccess}
          onConfirm={() => everywhere.mutate()}
          onCancel={() => {
            everywhere.reset();
            setAsking(false);
          }}
        >
          <p>
            This ends your sessions in every browser and on every device, this one included. Use it if you signed in
            somewhere you no longer trust, or lost a device.
          </p>
          {everywhere.isError ? <Alert tone="danger">{errorMessage(everywhere.error)}</Alert> : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
