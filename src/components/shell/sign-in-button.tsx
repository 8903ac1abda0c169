"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignInButton({ providerName, callbackUrl }: { providerName: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="primary"
      pending={pending}
      pendingLabel="Redirecting to your identity provider…"
      onClick={async () => {
        setPending(true);
        // next-auth's client (about 9 kB gzipped with its helpers) loads only for the one click that needs it.
        const { signIn } = await import("next-auth/react");
        void signIn("oidc", { callbackUrl });
      }}
      className="w-full py-2.5 text-base"
    >
      Sign in with {providerName}
    </Button>
  );
}
