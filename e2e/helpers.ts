import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const DEMO = {
  owner: { email: "owner@attache.test", password: "owner-pass" },
  editor: { email: "editor@attache.test", password: "editor-pass" },
  viewer: { email: "viewer@attache.test", password: "viewer-pass" },
  admin: { email: "admin@attache.test", password: "admin-pass" },
  unverified: { email: "unverified@attache.test", password: "unverified-pass" },
  outsider: { email: "olga@outside.test", password: "outsider-pass" },
} as const;

/** The bootstrap API key the e2e server is started with (see playwright.config.ts). */
export const E2E_API_KEY = {
  accessKeyId: "ATCHE2EBOOTSTRAP0001",
  secretAccessKey: "e2e-bootstrap-secret-not-for-production",
} as const;

export const storageStateFor = (who: "owner" | "editor" | "viewer") => `.attache/e2e-auth/${who}.json`;

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
