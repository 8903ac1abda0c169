"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { routes } from "@/lib/routes";
import { useConfirmLeave } from "./navigation-guard";

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
        // next-auth's client (about 9 kB gzipped with its helpers) loads only for the one click that needs it.
        const { signOut } = await import("next-auth/react");
        void signOut({ callbackUrl: routes.signIn });
      }}
    >
      Sign out
    </Button>
  );
}
