import Link from "next/link";
import { redirect } from "next/navigation";
import { ConsoleUserProvider } from "@/components/shell/console-context";
import { Logo } from "@/components/shell/logo";
import { Nav } from "@/components/shell/nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getServerAuthSession } from "@/server/auth";
import { getDb } from "@/server/db";
import { ROLE_LABELS } from "@/server/team/role-rules";
import { findActor } from "@/server/team/team";
import { TRPCReactProvider } from "@/trpc/react";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerAuthSession();
  if (!session) redirect("/signin");
  const actor = await findActor({ db: getDb(), userId: session.user.id });
  const { name, email } = session.user;

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <Logo />
            Attache
          </Link>
          <div className="flex items-center gap-4">
            <div className="text-right text-sm leading-tight" data-testid="signed-in-user">
              <p className="font-medium">{name ?? email}</p>
              <p className="text-slate-500">
                {email}
                {actor ? ` · ${ROLE_LABELS[actor.role]}` : ""}
              </p>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      {actor ? (
        <div className="mx-auto flex max-w-7xl gap-8 px-4 py-8 sm:px-6">
          <ConsoleUserProvider user={{ name, email, role: actor.role }}>
            <aside className="w-52 shrink-0">
              <Nav />
            </aside>
            <main className="min-w-0 flex-1">
              <TRPCReactProvider>{children}</TRPCReactProvider>
            </main>
          </ConsoleUserProvider>
        </div>
      ) : (
        <main className="mx-auto max-w-lg px-4 py-16 text-center">
          <h1 className="text-xl font-semibold">You are not on this team yet</h1>
          <p className="mt-2 text-slate-600">
            You signed in as {email}, but nobody has given you a role. Ask an owner or admin of your Attache team to
            invite you.
          </p>
        </main>
      )}
    </div>
  );
}
