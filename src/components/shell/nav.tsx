"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/lib/cx";
import { routes } from "@/lib/routes";
import { hasRole, type TRole } from "@/server/team/role-rules";

const LIVE: Array<{ href: string; label: string; role: TRole }> = [
  { href: routes.dashboard, label: "Dashboard", role: "viewer" },
  { href: routes.instances, label: "Instances", role: "viewer" },
  { href: routes.attachments, label: "Attachments", role: "viewer" },
  { href: routes.branding, label: "Branding", role: "viewer" },
  { href: routes.files, label: "Files", role: "viewer" },
  { href: routes.apiKeys, label: "API keys", role: "admin" },
];
const COMING = ["Team", "Audit"];

export function Nav({ role }: { role: TRole }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="flex flex-col gap-1 text-sm">
      {LIVE.filter((item) => hasRole(role, item.role)).map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cx(
              "rounded-md px-3 py-2 font-medium",
              active
                ? "bg-accent-soft text-indigo-800 dark:text-indigo-200"
                : "text-fg-muted hover:bg-surface-muted hover:text-fg",
            )}
          >
            {item.label}
          </Link>
        );
      })}
      <h2 className="mt-6 mb-1 px-3 text-xs font-semibold tracking-wide text-fg-subtle uppercase">Coming soon</h2>
      <ul aria-label="Coming soon" className="flex flex-col gap-1">
        {COMING.map((label) => (
          <li
            key={label}
            aria-disabled="true"
            className="flex cursor-not-allowed items-center justify-between rounded-md px-3 py-2 text-fg-subtle"
          >
            {label}
            <span className="rounded-full bg-surface-muted px-2 py-0.5 text-[11px] font-medium text-fg-muted">
              Soon
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
