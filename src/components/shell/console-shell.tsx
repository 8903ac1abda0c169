"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Toaster } from "@/components/ui/toast";
import { routes } from "@/lib/routes";
import { ROLE_LABELS, type TRole } from "@/server/team/role-rules";
import { ConsoleUserProvider } from "./console-context";
import { Logo } from "./logo";
import { Nav } from "./nav";
import { NavigationGuardProvider } from "./navigation-guard";
import { SignOutButton, SignOutEverywhereButton } from "./sign-out-button";
import { ThemeSwitch } from "./theme-switch";

type TShellUser = { name: string | null; email: string; role: TRole | null; reauthParams: Record<string, string> };

function UserSummary({ user, testId }: { user: TShellUser; testId?: string }) {
  return (
    <div className="min-w-0 text-sm leading-tight" data-testid={testId}>
      <p className="truncate font-medium text-fg">{user.name ?? user.email}</p>
      <p className="truncate text-fg-subtle">
        {user.email}
        {user.role ? ` · ${ROLE_LABELS[user.role]}` : ""}
      </p>
    </div>
  );
}

/**
 * The console around every page: a skip link, the header (theme, who is signed in, sign out), the
 * navigation — a sidebar on wide screens, a menu below the header on narrow ones — and the main
 * region that the skip link and closing dialogs move focus to.
 */
export function ConsoleShell({ user, children }: { user: TShellUser; children: React.ReactNode }) {
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  // A followed link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  const shell = (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-surface px-3 py-2 font-medium text-link shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-line bg-surface/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-3 px-4 sm:px-6">
          <div className="flex min-w-0 items-center gap-2">
            {user.role ? (
              <Button
                ref={menuButton}
                variant="ghost"
                size="icon"
                className="lg:hidden"
                aria-expanded={menuOpen}
                aria-controls="console-menu"
                aria-label="Menu"
                onClick={() => setMenuOpen((open) => !open)}
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 20 20"
                  className="h-5 w-5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.8"
                  strokeLinecap="round"
                >
                  {menuOpen ? <path d="M5 5l10 10M15 5 5 15" /> : <path d="M3.5 6h13M3.5 10h13M3.5 14h13" />}
                </svg>
              </Button>
            ) : null}
            <Link href={routes.dashboard} className="flex items-center gap-2 font-semibold tracking-tight text-fg">
              <Logo />
              Attache
            </Link>
          </div>
          <div className="hidden items-center gap-4 lg:flex">
            <ThemeSwitch />
            <UserSummary user={user} testId="signed-in-user" />
            <SignOutEverywhereButton />
            <SignOutButton />
          </div>
          {user.role ? null : (
            <div className="lg:hidden">
              <SignOutButton />
            </div>
          )}
        </div>
        {user.role ? (
          <div id="console-menu" hidden={!menuOpen} className="border-t border-line px-4 pt-3 pb-4 sm:px-6 lg:hidden">
            <Nav role={user.role} />
            <div className="mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-line pt-4">
              <UserSummary user={user} />
              <div className="flex flex-wrap items-center gap-3">
                <ThemeSwitch />
                <SignOutEverywhereButton />
                <SignOutButton />
              </div>
            </div>
          </div>
        ) : null}
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 gap-8 px-4 py-6 sm:px-6 lg:py-8">
        {user.role ? (
          <aside className="hidden w-52 shrink-0 lg:block">
            <Nav role={user.role} />
          </aside>
        ) : null}
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {children}
        </main>
      </div>
      <Toaster />
    </div>
  );

  return (
    <NavigationGuardProvider>
      {user.role ? <ConsoleUserProvider user={{ ...user, role: user.role }}>{shell}</ConsoleUserProvider> : shell}
    </NavigationGuardProvider>
  );
}
