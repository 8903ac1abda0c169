import { expect, test } from "@playwright/test";
import { storageStateFor, uniqueAlias } from "./helpers";

test.describe("as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("the dashboard greets the owner and shows the demo instance", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Welcome, Olivia Owner" })).toBeVisible();
    await expect(page.getByText("You are an owner on this team.")).toBeVisible();
    await expect(page.getByText("attache-demo")).toBeVisible();
    await expect(page.getByTestId("signed-in-user")).toContainText("Owner");
  });

  test("areas that are not built yet are marked, not linked", async ({ page }) => {
    await page.goto("/");
    const soon = page.getByRole("list", { name: "Coming soon" });
    for (const area of ["Branding", "Files", "Team", "Audit"]) {
      await expect(soon.getByText(area)).toBeVisible();
      await expect(page.getByRole("link", { name: area })).toHaveCount(0);
    }
  });

  test("creates an instance, and sees why a bad alias is refused", async ({ page }) => {
    await page.goto("/instances");
    const alias = page.getByLabel("Instance alias");

    await alias.fill("d-not-allowed");
    await page.getByRole("button", { name: "Create instance" }).click();
    await expect(alias).toHaveAccessibleDescription('An alias cannot start with "d-".');

    const name = uniqueAlias("support");
    await alias.fill(name);
    await page.getByRole("button", { name: "Create instance" }).click();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toBeVisible();
    await expect(row).toContainText("arn:aws:connect:");
    await expect(alias).toHaveValue("");

    await alias.fill(name.toUpperCase());
    await page.getByRole("button", { name: "Create instance" }).click();
    await expect(alias).toHaveAccessibleDescription(/already exists/);
  });

  test("renames an instance", async ({ page }) => {
    await page.goto("/instances");
    const before = uniqueAlias("before");
    const after = uniqueAlias("after");
    await page.getByLabel("Instance alias").fill(before);
    await page.getByRole("button", { name: "Create instance" }).click();
    await page.getByRole("button", { name: `Rename ${before}` }).click();
    const row = page.getByRole("row").filter({ has: page.getByRole("button", { name: "Save" }) });
    await row.getByLabel("Instance alias").fill(after);
    await row.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("cell", { name: after, exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: before, exact: true })).toHaveCount(0);
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees the instances but no create or rename action", async ({ page }) => {
    await page.goto("/instances");
    await expect(page.getByRole("cell", { name: "attache-demo" })).toBeVisible();
    await expect(page.getByText("Creating and renaming them needs the editor role.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Create instance" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Rename / })).toHaveCount(0);
  });

  test("is refused by the server too, with FORBIDDEN", async ({ page }) => {
    await page.goto("/instances");
    const status = await page.evaluate(async () => {
      const response = await fetch("/api/trpc/instance.create", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { alias: "viewer-sneak" } }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(status.status).toBe(403);
    expect(status.body.error.json.data.code).toBe("FORBIDDEN");
  });
});
