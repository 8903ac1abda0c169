"use client";

import { useTheme } from "next-themes";
import { useEffect, useId, useState } from "react";

const OPTIONS = [
  {
    value: "light",
    label: "Light",
    icon: (
      <>
        <circle cx="10" cy="10" r="3.5" />
        <path d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />
      </>
    ),
  },
  { value: "dark", label: "Dark", icon: <path d="M16 12.5A6.5 6.5 0 0 1 7.5 4a6.5 6.5 0 1 0 8.5 8.5Z" /> },
  {
    value: "system",
    label: "System",
    icon: (
      <>
        <rect x="3" y="4" width="14" height="9.5" rx="1.5" />
        <path d="M7.5 16.5h5M10 13.5v3" />
      </>
    ),
  },
] as const;

/** Light / dark / system, as radio buttons (arrow keys move between them); the choice is remembered. */
export function ThemeSwitch({ showLabels = false }: { showLabels?: boolean }) {
  const { theme, setTheme } = useTheme();
  const name = useId();
  // The stored choice is only known in the browser; render none checked until then.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  return (
    <fieldset className="inline-flex rounded-lg bg-surface-muted p-0.5 ring-1 ring-line ring-inset">
      <legend className="sr-only">Theme</legend>
      {OPTIONS.map((option) => (
        <label key={option.value} className="relative cursor-pointer" title={option.label}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={mounted && theme === option.value}
            onChange={() => setTheme(option.value)}
            className="peer sr-only"
          />
          <span className="flex h-7 min-w-7 items-center justify-center gap-1.5 rounded-md px-1.5 text-xs font-medium text-fg-muted peer-checked:bg-surface peer-checked:text-fg peer-checked:shadow-sm peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-focus hover:text-fg">
            <svg
              aria-hidden="true"
              viewBox="0 0 20 20"
              className="h-4 w-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              {option.icon}
            </svg>
            <span className={showLabels ? undefined : "sr-only"}>{option.label}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
