import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Logo } from "@/components/shell/logo";
import { SignInButton } from "@/components/shell/sign-in-button";
import { ThemeSwitch } from "@/components/shell/theme-switch";
import { Alert } from "@/components/ui/badge";
import { serverEnv } from "@/env";
import { safeCallbackPath } from "@/lib/safe-callback";
import { getServerAuthSession } from "@/server/auth";
import { getDb } from "@/server/db";
import { isDatabaseReachable } from "@/server/db/outage";
import { SIGN_IN_DATABASE_UNAVAILABLE_ERROR, SIGN_IN_UNAVAILABLE_MESSAGE } from "@/server/db/outage-rules";
import { DatabaseUnavailableError } from "@/server/errors";

export const metadata: Metadata = { title: "Sign in" };

const ERROR_MESSAGES: Record<string, string> = {
  EmailNotVerified: "Your identity provider has not verified your email address, so Attache cannot let you in.",
  DomainNotAllowed: "Your email domain is not allowed to sign in to Attache. Ask an owner or admin to invite you.",
  NoMappedGroup:
    "None of your groups at your identity provider gives you a role in Attache any more. Ask your administrator.",
  NoEmail: "Your identity provider did not share an email address, which Attache needs to know who you are.",
  SessionRequired: "Sign in to continue.",
  OAuthAccountNotLinked: "That email already belongs to another sign-in method. Ask an admin for help.",
  // Signing in failed in an outage, and the database answers again now.
  [SIGN_IN_DATABASE_UNAVAILABLE_ERROR]:
    "Attache could not reach its database while you signed in. It can now: try again.",
};
const FALLBACK_ERROR = "Signing in did not work. Try again; if it keeps failing, ask your administrator.";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const session = await getServerAuthSession().catch((error: unknown) => {
    if (error instanceof DatabaseUnavailableError) return "unavailable" as const;
    throw error;
  });
  if (session && session !== "unavailable") redirect(callbackUrl);
  // An outage is said as such, not as a failed sign-in: next-auth reports one in its callback as
  // error=Callback (or the like), so after a failed sign-in the page asks the database itself (only
  // then: a visit without an error costs the database nothing).
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  const unavailable = session === "unavailable" || (errorCode !== undefined && !(await isDatabaseReachable(getDb())));
  const error = unavailable
    ? SIGN_IN_UNAVAILABLE_MESSAGE
    : errorCode
      ? (ERROR_MESSAGES[errorCode] ?? FALLBACK_ERROR)
      : undefined;

  return (
    <main id="main" className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-3">
          <Logo className="h-10 w-10" />
          <span className="text-2xl font-semibold tracking-tight">Attache</span>
        </div>
        <div className="rounded-xl border border-line bg-surface p-6 shadow-sm sm:p-8">
          <h1 className="text-lg font-semibold">Sign in to your team</h1>
          <p className="mt-1 mb-6 text-sm text-fg-muted">
            Attachment policies and workspace branding for your contact centre.
          </p>
          {error ? (
            <Alert
              tone={unavailable ? "warning" : "danger"}
              live="alert"
              className="mb-4"
              data-testid={unavailable ? "database-outage" : undefined}
            >
              {error}
            </Alert>
          ) : null}
          <SignInButton providerName={serverEnv().OIDC_DISPLAY_NAME} callbackUrl={callbackUrl} />
          <p className="mt-4 text-center text-xs text-fg-subtle">
            You will continue at your company's identity provider.
          </p>
        </div>
        <div className="mt-6 flex justify-center">
          <ThemeSwitch />
        </div>
      </div>
    </main>
  );
}
