"use client";

import { signOut } from "next-auth/react";
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
        void signOut({ callbackUrl: routes.signIn });
      }}
    >
      Sign out
    </Button>
  );
}
