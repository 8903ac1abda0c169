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
  { href: routes.team, label: "Team", role: "viewer" },
  { href: routes.audit, label: "Audit", role: "admin" },
];

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
    </nav>
  );
}
