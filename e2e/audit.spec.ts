import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import {
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  setPolicy,
  storageStateFor,
  tabTo,
  test,
  WIDTHS,
} from "./fixtures";

const CSV_HEADER = "time,actor_kind,actor,action,area,target_type,target_id,reason,before,after,id";

const events = (page: Page) => page.getByRole("table", { name: "Audit events" });
const eventRow = (page: Page, text: string | RegExp) => events(page).getByRole("row").filter({ hasText: text });

test.describe("as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("finds a change in the Audit page, filters by area and actor, and exports it as CSV", async ({
    page,
    owner,
    instance,
  }) => {
    await setPolicy(owner, instance.id, "CHAT", { allowedExtensions: ["pdf", "png"] });
    await setPolicy(owner, instance.id, "CHAT", { allowedExtensions: ["pdf", "heic"] });

    await page.goto("/");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit" }).click();
    await expect(page).toHaveURL("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(page).toHaveTitle("Audit log · Attache");

    // Both changes, newest first, with who made them and what changed.
    await page.getByLabel("Target", { exact: true }).fill(instance.id);
    await expect(page).toHaveURL(`/audit?target=${instance.id}`);
    // The newer of the two policy changes.
    const policyRow = eventRow(page, "Changed a policy").first();
    const createRow = eventRow(page, "Created an instance");
    await expect(policyRow).toContainText("owner@attache.test");
    await expect(policyRow).toContainText("Policy Chat scope");
    await expect(policyRow).toContainText(`${instance.id}/CHAT`);
    await expect(policyRow).toContainText('allowedExtensions: added "heic"; removed "png"');
    await expect(createRow).toContainText(`Instance ${instance.alias}`);
    await expect(createRow).toContainText(`alias: added "${instance.alias}"`);
    await expect(events(page).getByRole("row")).toHaveCount(4);

    // Before and after, pretty-printed, with the keyboard alone.
    const details = policyRow.getByText("Before and after");
    await tabTo(page, details);
    await page.keyboard.press("Enter");
    await expect(policyRow.locator("pre").last()).toContainText('"heic"');
    await expect(policyRow.locator("pre").last()).toContainText('\n  "allowedExtensions": [');

    // Filters: area, then actor; all in the address.
    await page.getByLabel("Area", { exact: true }).selectOption({ label: "Attachment policies" });
    await expect(createRow).toHaveCount(0);
    await expect(policyRow).toBeVisible();
    await page.getByLabel("Actor", { exact: true }).fill("nobody-at-all");
    await expect(page.getByText("No events match these filters")).toBeVisible();
    await page.getByLabel("Actor", { exact: true }).fill("OWNER@attache");
    await expect(policyRow).toBeVisible();
    await expect(page).toHaveURL(`/audit?actor=OWNER%40attache&area=policy&target=${instance.id}`);
    await page.reload();
    await expect(page.getByLabel("Area", { exact: true })).toHaveValue("policy");
    await expect(page.getByLabel("Actor", { exact: true })).toHaveValue("OWNER@attache");
    await expect(policyRow).toBeVisible();
    await expect(createRow).toHaveCount(0);

    await expectAccessible(page, "audit page");

    // The export holds what is filtered.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^attache-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), "utf8");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.filter((line) => line.includes(`${instance.id}/CHAT`))).toHaveLength(2);
    expect(csv).toContain("policy.update");
    expect(csv).toContain("owner@attache.test");
    expect(csv).not.toContain("instance.create");

    const json = await page.request.get(
      await page.getByRole("link", { name: "Export JSON" }).getAttribute("href").then(String),
    );
    expect(json.status()).toBe(200);
    expect(json.headers()["cache-control"]).toBe("no-store");
    expect(await json.json()).toMatchObject({
      count: 2,
      truncated: false,
      events: [
        { action: "policy.update", targetId: `${instance.id}/CHAT`, actorLabel: "owner@attache.test" },
        { action: "policy.update", targetId: `${instance.id}/CHAT`, actorLabel: "owner@attache.test" },
      ],
    });
  });

  test("fits every width without scrolling sideways", async ({ page, owner, instance }) => {
    await setPolicy(owner, instance.id, "EMAIL", { allowedExtensions: ["pdf", "docx", "xlsx", "csv", "txt"] });
    await page.goto(`/audit?target=${instance.id}`);
    await expect(eventRow(page, "Changed a policy")).toBeVisible();
    for (const width of [360, ...WIDTHS, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoHorizontalScroll(page, "audit page");
    }
  });
});

test.describe("as an editor", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("is told the audit log needs the admin role, and cannot export it", async ({ page }) => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(page.getByText("Reading the audit log needs the admin role.")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit" })).toHaveCount(0);
    await expectAccessible(page, "audit page for an editor");
    const response = await page.request.get("/audit/export?format=csv");
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("needs the admin role");
  });
});

test("the export refuses a request without a session", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const response = await anonymous.get("/audit/export?format=json", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  await anonymous.dispose();
});
