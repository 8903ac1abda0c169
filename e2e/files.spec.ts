import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { pngBytes } from "../src/test/files";
import {
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  openEditor,
  setPolicy,
  storageStateFor,
  type TInstanceRef,
  tabTo,
  test,
  toast,
  WIDTHS,
} from "./fixtures";
import { awsClients, PDF_BYTES } from "./uploads";

/** YYYY-MM-DD of today (plus `days`) in this machine's time zone, which the browser shares. */
function isoDay(days = 0) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const filesTable = (page: Page, instance: TInstanceRef) =>
  page.getByRole("table", { name: `Files of ${instance.alias}` });
const fileRow = (page: Page, instance: TInstanceRef, name: string) =>
  filesTable(page, instance).getByRole("row").filter({ hasText: name });

/** report.pdf accepted and setup.exe refused, under a Cases policy of pdf and png up to 1 MB. */
async function approvedAndRefused(owner: Parameters<typeof setPolicy>[0], instance: TInstanceRef, baseURL?: string) {
  await setPolicy(owner, instance.id, "CASE", {
    maximumSizeLimitInBytes: 1024 * 1024,
    allowedExtensions: ["pdf", "png"],
  });
  const aws = awsClients(baseURL);
  try {
    await aws.upload(instance.id, { fileName: "report.pdf" });
    expect(await aws.refusedUpload(instance.id, { fileName: "setup.exe" })).toBe("INVALID_FILE_TYPE");
  } finally {
    aws.close();
  }
}

test.describe("as an editor", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("shows an approved and a refused upload with its reason, filters, downloads and deletes", async ({
    page,
    owner,
    instance,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    await approvedAndRefused(owner, instance, baseURL);

    await page.goto("/");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Files" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Files" })).toBeVisible();
    await page.getByRole("link", { name: new RegExp(instance.alias) }).click();
    await expect(page).toHaveURL(`/files/${instance.id}`);
    await expect(page.getByRole("heading", { level: 1, name: `Files of ${instance.alias}` })).toBeVisible();
    await expect(page).toHaveTitle(`${instance.alias} · Files · Attache`);

    const approved = fileRow(page, instance, "report.pdf");
    const refused = fileRow(page, instance, "setup.exe");
    await expect(approved).toContainText("Approved");
    await expect(approved).toContainText(`${PDF_BYTES.byteLength} bytes`);
    await expect(approved).toContainText("Cases");
    await expect(approved).toContainText("Agent ada-lovelace");
    await expect(refused).toContainText("Rejected");
    await expect(refused).toContainText("Type not allowed: .exe files are not on this scope's list");
    await expect(refused.getByRole("button", { name: "Download setup.exe" })).toHaveCount(0);
    const refusals = page.getByRole("table", { name: "Refused uploads by scope and reason" });
    await expect(refusals.getByRole("row").filter({ hasText: "Type not allowed" })).toHaveText(
      /Cases.*Type not allowed.*INVALID_FILE_TYPE.*1.*1/,
    );

    // Filters apply as they change.
    await page.getByLabel("Status", { exact: true }).selectOption("REJECTED");
    await expect(approved).toHaveCount(0);
    await expect(refused).toBeVisible();
    await page.getByLabel("Scope", { exact: true }).selectOption("CHAT");
    await expect(page.getByText("No files match these filters")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(approved).toBeVisible();
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");

    await page.getByLabel("From", { exact: true }).fill(isoDay());
    await page.getByLabel("To", { exact: true }).fill(isoDay());
    await expect(approved).toBeVisible();
    await expect(refused).toBeVisible();
    // A backwards range is explained and not applied: the last good list stays.
    await page.getByLabel("From", { exact: true }).fill(isoDay(1));
    await expect(page.getByLabel("To", { exact: true })).toHaveAccessibleDescription(
      "The end date must be on or after the start date.",
    );
    await expect(approved).toBeVisible();
    await page.getByLabel("To", { exact: true }).fill(isoDay(1));
    await expect(page.getByText("No files match these filters")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(approved).toBeVisible();

    // Download goes to a one-minute signed URL; the page stays.
    const downloading = page.waitForEvent("download");
    await approved.getByRole("button", { name: "Download report.pdf" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("report.pdf");
    expect(Buffer.from(await readFile(await download.path())).equals(Buffer.from(PDF_BYTES))).toBe(true);
    await expect(page).toHaveURL(`/files/${instance.id}`);

    await expectAccessible(page, "files page");

    // Delete asks first, with the keyboard alone.
    const remove = refused.getByRole("button", { name: "Delete setup.exe" });
    await tabTo(page, remove);
    await page.keyboard.press("Enter");
    const question = page.getByRole("alertdialog", { name: "Delete “setup.exe”?" });
    await expect(question.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expectAccessible(page, "delete question");
    await question.getByRole("button", { name: "Delete file" }).click();
    await expect(toast(page, "“setup.exe” deleted.")).toBeVisible();
    await expect(refused).toHaveCount(0);
    await expect(approved).toBeVisible();
    await expect(page.getByText("No upload was refused in the last 30 days.")).toBeVisible();
  });

  test("the policy editor's review step shows how many recent uploads a stricter policy would refuse", async ({
    page,
    owner,
    instance,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    await approvedAndRefused(owner, instance, baseURL);
    const aws = awsClients(baseURL);
    await aws.upload(instance.id, { fileName: "scan.png", bytes: await pngBytes() });
    aws.close();

    await page.goto(`/attachments/${instance.id}`);
    const editor = await openEditor(page, "Cases");
    await editor.getByRole("button", { name: "Remove png" }).click();
    await editor.getByRole("button", { name: "Review changes" }).click();
    const impact = editor.getByRole("region", { name: "Impact on recent uploads" });
    await expect(impact).toContainText(
      "Of 3 uploads to Cases in the last 30 days, this policy would refuse 2 (1 that is accepted today).",
    );
    await expect(impact.getByRole("list", { name: "Refusals by reason" })).toHaveText("Type not allowed: 2");
    await expect(impact.getByRole("list", { name: "Examples accepted today" })).toContainText("scan.png");
    await expectAccessible(page, "review step with the impact preview");

    await editor.getByRole("button", { name: "Confirm and save" }).click();
    await expect(toast(page, "Cases policy saved (version 2).")).toBeVisible();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("an instance without uploads says how files arrive; then files can be downloaded but not deleted", async ({
    page,
    owner,
    instance,
    baseURL,
  }) => {
    await page.goto(`/files/${instance.id}`);
    await expect(page.getByText("No uploads yet")).toBeVisible();
    await expect(page.getByText(/Files arrive through the API/)).toBeVisible();
    await expect(page.getByText("No upload was refused in the last 30 days.")).toBeVisible();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoHorizontalScroll(page, "empty files page");
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    await approvedAndRefused(owner, instance, baseURL);
    await page.reload();
    await expect(page.getByText("Deleting them needs the editor role.")).toBeVisible();
    await expect(
      fileRow(page, instance, "report.pdf").getByRole("button", { name: "Download report.pdf" }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
    for (const width of [360, ...WIDTHS, 1024, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoHorizontalScroll(page, "files page");
      if (width >= 1024) {
        // As a table (from 1024 px), it fits without scrolling inside its box either.
        const box = await filesTable(page, instance).evaluate((table) => ({
          table: table.scrollWidth,
          room: (table.parentElement as HTMLElement).clientWidth,
        }));
        expect(box.table, `the files table at ${width} px`).toBeLessThanOrEqual(box.room);
      }
    }
  });

  test("an unknown instance is explained", async ({ page }) => {
    await page.goto(`/files/${randomUUID()}`);
    await expect(page.getByRole("heading", { level: 1, name: "Instance not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Choose one from the list." })).toHaveAttribute("href", "/files");
  });
});
