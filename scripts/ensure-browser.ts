/**
 * Makes sure the end-to-end tests have a Chromium: Playwright's own, a system one, or — on Debian as
 * root, where Playwright cannot download its own here — Debian's `chromium` package. Anywhere else it
 * prints the exact command that installs one.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium } from "../e2e/browser";
import { inheritedEnv } from "../src/env";

const found = findChromium();
if (found) {
  console.info(`End-to-end tests use ${found.description}.`);
  process.exit(0);
}

const debianRoot = existsSync("/etc/debian_version") && process.getuid?.() === 0;
if (debianRoot) {
  console.info("No Chromium found: installing Debian's chromium package (apt-get install -y chromium)…");
  const install = (args: string[]) =>
    spawnSync("apt-get", args, { stdio: "inherit", env: { ...inheritedEnv(), DEBIAN_FRONTEND: "noninteractive" } });
  if (
    install(["update"]).status === 0 &&
    install(["install", "-y", "--no-install-recommends", "chromium"]).status === 0
  ) {
    const installed = findChromium();
    if (installed) {
      console.info(`End-to-end tests use ${installed.description}.`);
      process.exit(0);
    }
  }
}

console.error(
  [
    "No Chromium for the end-to-end tests. Install one of:",
    "  npx playwright install chromium             # Playwright's own build (needs internet)",
    "  sudo apt-get install -y chromium            # Debian/Ubuntu system Chromium",
    "or point CHROMIUM_PATH at an existing Chromium or Chrome binary.",
  ].join("\n"),
);
process.exit(1);
