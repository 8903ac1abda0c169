import { defineConfig, devices } from "@playwright/test";
import { E2E_API_KEY } from "./e2e/accounts";
import { findChromium, QUIET_CHROMIUM_ARGS } from "./e2e/browser";
import { testBrowserEnv } from "./src/env";

// The suite runs its own Attache (production build) with separate ports and a fresh data directory,
// so it never touches the data of a running `npm start`.
const PORT = 3100;
const baseURL = `http://localhost:${PORT}`;
const { ci, screenshots } = testBrowserEnv();
const browser = findChromium();

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: ci,
  retries: 0,
  reporter: ci ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: browser?.executablePath, args: QUIET_CHROMIUM_ARGS },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: /screenshots\.spec\.ts/,
      use: { ...devices["Desktop Chrome"] },
    },
    // `npm run screenshots`: the pictures in docs/screenshots, from a fresh server's data.
    ...(screenshots
      ? [{ name: "screenshots", dependencies: ["setup"], testMatch: /screenshots\.spec\.ts/, timeout: 5 * 60_000 }]
      : []),
  ],
  webServer: {
    command: "rm -rf .attache/e2e && exec node --import tsx scripts/start.ts",
    url: `${baseURL}/signin`,
    env: {
      ATTACHE_DATA_DIR: ".attache/e2e",
      PORT: String(PORT),
      ATTACHE_IDP_PORT: "3101",
      ATTACHE_PG_PORT: "54349",
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // The setup project signs in once for the whole run: keep that sign-in "recent" for its length.
      ATTACHE_RECENT_SIGN_IN_MINUTES: "90",
      ATTACHE_BOOTSTRAP_ACCESS_KEY_ID: E2E_API_KEY.accessKeyId,
      ATTACHE_BOOTSTRAP_SECRET_ACCESS_KEY: E2E_API_KEY.secretAccessKey,
    },
    reuseExistingServer: false,
    timeout: 10 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 30_000 },
  },
});
