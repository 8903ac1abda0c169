import { redirect } from "next/navigation";
import { ConsoleShell } from "@/components/shell/console-shell";
import { routes } from "@/lib/routes";
import { getConsoleActor, reauthenticationParams } from "@/server/auth";
import { TRPCReactProvider } from "@/trpc/react";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { session, actor } = await getConsoleActor();
  if (!session) redirect(routes.signIn);
  const { name, email } = session.user;

  // The shell's own controls (sign out everywhere) call tRPC too, so the provider wraps it.
  return (
    <TRPCReactProvider>
      <ConsoleShell user={{ name, email, role: actor?.role ?? null, reauthParams: reauthenticationParams() }}>
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
