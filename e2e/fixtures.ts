/**
 * What every end-to-end test shares: the demo accounts, signing in through the IdP, tRPC calls over
 * HTTP as another person, a fresh instance per test, and the layout and accessibility checks.
 */
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, test as base, expect, type Locator, type Page } from "@playwright/test";
import { storageStateFor } from "./accounts";

export * from "./accounts";

export { expect };

/** Signs in through Attache's sign-in page and the dev IdP's real login form. */
export async function signInThroughIdp(page: Page, account: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByRole("button", { name: /Sign in with/ }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Attache" })).toBeVisible();
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** A Connect-valid alias no other test (or earlier run) uses. */
export const uniqueAlias = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * A tRPC mutation over HTTP as the console sends it, minus the batching (superjson's `json`). It says
 * it is same-origin, as the console's browser does: the server refuses changes that name no origin.
 */
export async function mutate<T = Record<string, unknown>>(request: APIRequestContext, path: string, input: unknown) {
  const response = await request.post(`/api/trpc/${path}`, {
    data: { json: input },
    headers: { "sec-fetch-site": "same-origin" },
  });
  const body = await response.json();
  expect(response.ok(), `${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.result.data.json as T;
}

type TPolicyInput = { maximumSizeLimitInBytes?: number; allowedExtensions?: string[]; expectedVersion?: number };

/** Changes a policy as the owner, the way a second person saving from another browser would. */
export function setPolicy(owner: APIRequestContext, instanceId: string, scope: string, input: TPolicyInput) {
  return mutate<{ version: number }>(owner, "policy.update", { instanceId, scope, ...input });
}

export type TInstanceRef = { id: string; alias: string };

export const test = base.extend<{ owner: APIRequestContext; instance: TInstanceRef }>({
  owner: async ({ playwright, baseURL }, use) => {
    const owner = await playwright.request.newContext({ baseURL, storageState: storageStateFor("owner") });
    await use(owner);
    await owner.dispose();
  },
  // A fresh instance per test, so no test depends on another's policies.
  instance: async ({ owner }, use) => {
    const alias = uniqueAlias("attach");
    const created = await mutate<{ id: string }>(owner, "instance.create", { alias });
    await use({ id: created.id, alias });
  },
});

/** The confirmations the console shows after a change. */
export const toast = (page: Page, text: string | RegExp) =>
  page.getByRole("region", { name: "Notifications" }).getByRole("listitem").filter({ hasText: text });

/** A scope's card on an instance's policies page, and its extension chips. */
export const card = (page: Page, label: string) => page.getByRole("region", { name: label, exact: true });
export const chipsOf = (page: Page, label: string) =>
  card(page, label)
    .getByRole("list", { name: `${label} allowed extensions` })
    .getByRole("listitem");

export async function openEditor(page: Page, label: string): Promise<Locator> {
  await card(page, label)
    .getByRole("button", { name: `Edit ${label}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Edit ${label} policy` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The widths the console is checked at: a phone, a tablet, a laptop and a desktop. */
export const WIDTHS = [390, 768, 1280, 1440] as const;

/** The page itself never scrolls sideways (a table or code block may scroll inside its own box). */
export async function expectNoHorizontalScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${what} at ${innerWidth} px is ${scrollWidth} px wide`).toBeLessThanOrEqual(innerWidth);
}

/**
 * axe-core on what is on screen now, in light and in dark (the console follows the system theme
 * unless the person chose one): no serious or critical violation in either.
 */
export async function expectAccessible(page: Page, what: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${colorScheme}\\b`));
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({
        rule: violation.id,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
      }));
    expect(serious, `${what} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Presses Tab until `target` has the focus (at most `limit` times): reaching it with the keyboard alone. */
export async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}
