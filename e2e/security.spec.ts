import type { APIResponse, Page, Response } from "@playwright/test";
import { createWorkspace, dropFile, dropTarget, logoPng, slot } from "./branding";
import { DEMO, expect, signInThroughIdp, storageStateFor, test } from "./fixtures";

/**
 * The security headers on the real production build, and the Content-Security-Policy holding up in
 * Chromium: every page's scripts carry the response's nonce, and nothing the console does (signing
 * in, navigating, switching the theme, previewing an image) is blocked by the policy.
 */

type THeaders = Record<string, string>;

const headersOf = (response: Response | APIResponse | null) => {
  expect(response, "a response").not.toBeNull();
  return (response as Response | APIResponse).headers() as THeaders;
};

const nonceOf = (headers: THeaders) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(headers["content-security-policy"] ?? "")?.[1];

/** What every response carries, pages and APIs alike (the suite's server is http://, so no HSTS). */
function expectBaseHeaders(headers: THeaders, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["permissions-policy"], what).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

function expectPagePolicy(headers: THeaders, what: string) {
  expectBaseHeaders(headers, what);
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'(;|$)/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"]) {
    expect(policy, what).toContain(directive);
  }
  // The sign-in round trip may post to the development IdP (another port on loopback).
  expect(policy, what).toMatch(/form-action 'self' http:\/\/127\.0\.0\.1:\d+(;|$)/);
  expect(policy, what).not.toContain("unsafe-eval");
}

/**
 * Every report of a blocked resource on Attache's own pages (the IdP's pages are not ours): the
 * `securitypolicyviolation` events, and Chromium's console messages about either policy.
 */
async function watchViolations(page: Page, origin: string) {
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (
      page.url().startsWith(origin) &&
      /Content Security Policy|Permissions-Policy|Permissions Policy|Refused to/i.test(text)
    ) {
      violations.push(`${page.url()} console: ${text}`);
    }
  });
  await page.exposeFunction("reportPolicyViolation", (text: string) => violations.push(text));
  await page.addInitScript((ownOrigin) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      if (!event.documentURI.startsWith(ownOrigin)) return;
      const report = (window as unknown as { reportPolicyViolation(text: string): void }).reportPolicyViolation;
      report(`${event.documentURI}: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
    });
  }, origin);
  return violations;
}

test.describe("signed in", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("a page's policy has a fresh nonce per load, and every script tag of the page carries it", async ({ page }) => {
    const first = headersOf(await page.goto("/instances"));
    const response = await page.goto("/instances");
    const second = headersOf(response);
    expectPagePolicy(first, "first load");
    expectPagePolicy(second, "second load");
    const nonce = nonceOf(second);
    expect(nonce).toBeDefined();
    expect(nonceOf(first)).not.toBe(nonce);

    const tags = (await (response as Response).text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(1);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    // In the document too (the browser hides the attribute but keeps the property), the theme script included.
    const live = await page.evaluate(() =>
      [...document.scripts].map((script) => ({ nonce: script.nonce, theme: script.text.includes("attache-theme") })),
    );
    expect(live.find((script) => script.theme)?.nonce).toBe(nonce);
  });

  test("tRPC and next-auth's routes answer with the headers, never cached", async ({ page, baseURL }) => {
    const query = await page.request.get("/api/trpc/me.get");
    expect(query.status()).toBe(200);
    const trpc = headersOf(query);
    expectBaseHeaders(trpc, "tRPC");
    expect(trpc["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(trpc["cache-control"]).toBe("no-store");

    const providers = await page.request.get("/api/auth/providers");
    expect(providers.status()).toBe(200);
    expectPagePolicy(headersOf(providers), "/api/auth/providers");
    expectPagePolicy(headersOf(await page.request.get("/api/auth/csrf")), "/api/auth/csrf");

    // A change from another origin is refused, one from the console goes through.
    const refused = await page.request.post("/api/trpc/instance.create", {
      data: { json: { alias: "never-created" } },
      headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.json.data.code).toBe("FORBIDDEN");
    expect(headersOf(refused)["cache-control"]).toBe("no-store");
    const listed = await page.request.get(`/api/trpc/instance.list`);
    expect(JSON.stringify(await listed.json())).not.toContain("never-created");
    expect(baseURL).toBeDefined();
  });
});

test("nothing is blocked while signing in and using the console", async ({ page, baseURL, owner, instance }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL ?? "").origin;
  const violations = await watchViolations(page, origin);

  // The theme is applied by an inline script before paint: it needs the nonce.
  await page.goto("/signin");
  await page.getByRole("radio", { name: "Dark" }).check({ force: true });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  await signInThroughIdp(page, DEMO.owner);
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("signed-in-user")).toContainText(DEMO.owner.email);

  const nav = page.getByRole("navigation", { name: "Console" });
  const visit = async (label: string, heading: string | RegExp) => {
    await nav.getByRole("link", { name: label, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  };
  await visit("Instances", "Instances");
  await visit("Attachments", "Attachments");
  await page.getByRole("link", { name: new RegExp(instance.alias) }).click();
  await expect(page).toHaveURL(`/attachments/${instance.id}`);
  await expect(page.getByRole("region", { name: "Chat", exact: true })).toBeVisible();

  const workspace = await createWorkspace(owner, instance.id, "Security");
  await visit("Branding", "Branding");
  await page.goto(`/branding/${instance.id}/${workspace.id}`);
  await expect(page.getByRole("heading", { level: 1, name: workspace.name })).toBeVisible();
  // A picked image is previewed from the browser's own memory (data: and blob: URLs).
  await dropFile(dropTarget(slot(page, "Light horizontal logo")), "logo.png", await logoPng("#1e3a8a"));
  const dialog = page.getByRole("dialog", { name: "Import light horizontal logo" });
  const preview = dialog.getByRole("region", { name: "Preview" }).getByRole("img").first();
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await visit("Files", "Files");
  await page.goto(`/files/${instance.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await visit("API keys", "API keys");
  await visit("Dashboard", /^Welcome/);
  await page.getByRole("radio", { name: "Light" }).first().check({ force: true });
  await expect(page.locator("html")).toHaveClass(/\blight\b/);

  expect(violations).toEqual([]);
});
