"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
// Every page loads this module: zod is configured for the CSP before any form parses.
import "@/lib/browser-zod";

export const THEME_STORAGE_KEY = "attache-theme";

/**
 * Light, dark or the system's setting (the default), remembered in this browser. `nonce` is the
 * response's CSP script nonce, for next-themes' inline script that applies the theme before paint.
 */
export function ThemeProvider({ children, nonce }: { children: React.ReactNode; nonce?: string }) {
  return (
    <NextThemesProvider
      nonce={nonce}
      attribute="class"
      defaultTheme="system"
      enableSystem
      storageKey={THEME_STORAGE_KEY}
      disableTransitionOnChange
    >
      {children}
    </NextThemesProvider>
  );
}
