"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole, type TRole } from "@/server/team/role-rules";
import { useConsoleUser } from "./console-context";

const LIVE: Array<{ href: string; label: string; role: TRole }> = [
  { href: "/", label: "Dashboard", role: "viewer" },
  { href: "/instances", label: "Instances", role: "viewer" },
  { href: "/attachments", label: "Attachments", role: "viewer" },
  { href: "/api-keys", label: "API keys", role: "admin" },
];
const COMING = ["Branding", "Files", "Team", "Audit"];

export function Nav() {
  const pathname = usePathname();
  const { role } = useConsoleUser();
  return (
    <nav aria-label="Console" className="flex flex-col gap-1 text-sm">
      {LIVE.filter((item) => hasRole(role, item.role)).map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 font-medium ${active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {item.label}
          </Link>
        );
      })}
      <p className="mt-6 mb-1 px-3 text-xs font-semibold uppercase tracking-wide text-slate-400">Coming soon</p>
      <ul aria-label="Coming soon" className="flex flex-col gap-1">
        {COMING.map((label) => (
          <li
            key={label}
            aria-disabled="true"
            className="flex cursor-not-allowed items-center justify-between rounded-md px-3 py-2 text-slate-400"
          >
            {label}
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-[10px] font-medium text-slate-500">Soon</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
