"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function SignInButton({ providerName, callbackUrl }: { providerName: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl });
      }}
      className="w-full rounded-lg bg-indigo-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:opacity-70"
    >
      {pending ? "Redirecting to your identity provider…" : `Sign in with ${providerName}`}
    </button>
  );
}
