import { redirect } from "next/navigation";
import { ConsoleShell } from "@/components/shell/console-shell";
import { DatabaseOutageBanner, DatabaseOutagePage } from "@/components/shell/database-outage";
import { routes } from "@/lib/routes";
import { getConsoleActor, reauthenticationParams } from "@/server/auth";
import { DatabaseUnavailableError } from "@/server/errors";
import { TRPCReactProvider } from "@/trpc/react";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // An outage is no sign-out: the person keeps their session, and the console says what is wrong and
  // comes back by itself once the database answers.
  const found = await getConsoleActor().catch((error: unknown) => {
    if (error instanceof DatabaseUnavailableError) return null;
    throw error;
  });
  if (!found) return <DatabaseOutagePage />;
  const { session, actor } = found;
  if (!session) redirect(routes.signIn);
  const { name, email } = session.user;

  // The shell's own controls (sign out everywhere) call tRPC too, so the provider wraps it.
  return (
    <TRPCReactProvider>
      <ConsoleShell user={{ name, email, role: actor?.role ?? null, reauthParams: reauthenticationParams() }}>
        <DatabaseOutageBanner />
        {actor ? (
          children
        ) : (
          <div className="mx-auto max-w-lg py-10 text-center">
            <h1 className="text-xl font-semibold">You are not on this team yet</h1>
            <p className="mt-2 text-fg-muted">
              You signed in as {email}, but nobody has given you a role. Ask an owner or admin of your Attache team to
              invite you.
            </p>
          </div>
        )}
      </ConsoleShell>
    </TRPCReactProvider>
  );
}
