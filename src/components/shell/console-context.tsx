"use client";

import { createContext, useContext } from "react";
import type { TRole } from "@/server/team/role-rules";

export type TConsoleUser = {
  name: string | null;
  email: string;
  role: TRole;
  /** What the IdP is asked for when this person must sign in again (max_age=0, a prompt). */
  reauthParams: Record<string, string>;
};

const ConsoleUserContext = createContext<TConsoleUser | null>(null);

export function ConsoleUserProvider({ user, children }: { user: TConsoleUser; children: React.ReactNode }) {
  return <ConsoleUserContext.Provider value={user}>{children}</ConsoleUserContext.Provider>;
}

/** The signed-in user and their role, for showing or hiding actions. The server re-checks every call. */
export function useConsoleUser(): TConsoleUser {
  const user = useContext(ConsoleUserContext);
  if (!user) throw new Error("useConsoleUser needs the console layout");
  return user;
}
