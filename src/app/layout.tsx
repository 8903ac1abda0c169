import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { ThemeProvider } from "@/components/shell/theme-provider";
import { nonceOfPolicy } from "@/server/http/security-headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Attache", template: "%s · Attache" },
  description: "Attachment policies and workspace branding for your contact centre",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

/**
 * Every page is rendered per request (reading the request's headers makes it so): each response's
 * Content-Security-Policy has a fresh script nonce (set by the server's listener, see
 * src/server/http/security-headers.ts), which Next.js puts on its own scripts and this layout on
 * next-themes' inline one. A prerendered page would carry no nonce, and its scripts would be blocked.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = nonceOfPolicy((await headers()).get("content-security-policy"));
  return (
    // next-themes sets the theme class on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-canvas font-sans text-fg antialiased">
        <ThemeProvider nonce={nonce}>{children}</ThemeProvider>
      </body>
    </html>
  );
}
