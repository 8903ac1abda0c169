/**
 * Which Chromium the end-to-end tests drive: CHROMIUM_PATH when set, else Playwright's own build
 * when installed, else a system Chromium. Shared by playwright.config.ts and scripts/ensure-browser.ts.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { testBrowserEnv } from "../src/env";

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export type TBrowserChoice = { executablePath: string | undefined; description: string };

export function findChromium(): TBrowserChoice | null {
  const configured = testBrowserEnv().chromiumPath;
  if (configured) {
    return existsSync(configured) ? { executablePath: configured, description: `CHROMIUM_PATH (${configured})` } : null;
  }
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled))
    return { executablePath: undefined, description: `Playwright's Chromium (${bundled})` };
  const system = SYSTEM_CHROMIUMS.find((candidate) => existsSync(candidate));
  return system ? { executablePath: system, description: `system Chromium (${system})` } : null;
}

/** Flags that keep Chromium from calling out to Google's services from a machine with no network. */
export const QUIET_CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
