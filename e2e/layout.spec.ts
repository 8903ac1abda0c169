import {
  card,
  DEMO_INSTANCE,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  openEditor,
  setPolicy,
  storageStateFor,
  test,
  WIDTHS,
} from "./fixtures";

/** Every console page, as its heading reads once loaded. */
const PAGES = [
  { path: "/", heading: /^Welcome, / },
  { path: "/instances", heading: "Instances" },
  { path: "/attachments", heading: "Attachments" },
  { path: `/attachments/${DEMO_INSTANCE.id}`, heading: `Attachment policies for ${DEMO_INSTANCE.alias}` },
  { path: "/api-keys", heading: "API keys" },
  { path: "/branding", heading: "Branding" },
  { path: `/branding/${DEMO_INSTANCE.id}`, heading: `Workspaces of ${DEMO_INSTANCE.alias}` },
  { path: "/files", heading: "Files" },
  { path: `/files/${DEMO_INSTANCE.id}`, heading: `Files of ${DEMO_INSTANCE.alias}` },
  { path: "/team", heading: "Team" },
  { path: "/audit", heading: "Audit log" },
  { path: "/no-such-page", heading: "Page not found" },
] as const;

async function openPage(page: import("@playwright/test").Page, { path, heading }: (typeof PAGES)[number]) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  // Loaded, not a skeleton.
  await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
}

for (const who of ["owner", "viewer"] as const) {
  test.describe(`every page, as the ${who}`, () => {
    test.use({ storageState: storageStateFor(who) });

    test("fits from a phone to a desktop without scrolling sideways", async ({ page }) => {
      // Ten pages at four widths: more than the default 30 s on a busy machine.
      test.setTimeout(90_000);
      for (const entry of PAGES) {
        await openPage(page, entry);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await expectNoHorizontalScroll(page, entry.path);
        }
        await page.setViewportSize({ width: 1280, height: 720 });
      }
    });

    for (const entry of PAGES) {
      test(`${entry.path} has no serious or critical accessibility violation, in light and dark`, async ({ page }) => {
        await openPage(page, entry);
        await expectAccessible(page, entry.path);
      });
    }

    test("the menu on a phone has no serious or critical accessibility violation", async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await openPage(page, PAGES[3]);
      await page.getByRole("button", { name: "Menu" }).click();
      await expectAccessible(page, "the menu on a phone");
    });
  });
}

test("the sign-in page fits a phone and passes axe", async ({ page }) => {
  await page.goto("/signin");
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expectNoHorizontalScroll(page, "/signin");
  }
  await expectAccessible(page, "/signin");
});

test.describe("dialogs, as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("every policy dialog passes axe in both themes and fits a phone", async ({ page, owner, instance }) => {
    // Sixteen axe runs: more than the default 30 s.
    test.setTimeout(120_000);
    await setPolicy(owner, instance.id, "CHAT", { maximumSizeLimitInBytes: 1024 * 1024, allowedExtensions: ["pdf"] });
    await setPolicy(owner, instance.id, "CHAT", { allowedExtensions: ["pdf", "png"] });
    await page.goto(`/attachments/${instance.id}`);

    const editor = await openEditor(page, "Chat");
    await editor.getByLabel("Allowed extensions").fill("exe b@d");
    await editor.getByLabel("Allowed extensions").press("Enter");
    await expectAccessible(page, "editor with an invalid and a risky extension");
    await editor.getByRole("button", { name: "Remove b@d" }).click();
    await editor.getByRole("button", { name: "Review changes" }).click();
    await expectAccessible(page, "editor, review step");
    await page.keyboard.press("Escape");
    await expectAccessible(page, "unsaved changes question");
    await page.getByRole("button", { name: "Discard changes" }).click();

    await card(page, "Chat").getByRole("button", { name: "Chat history" }).click();
    const history = page.getByRole("dialog", { name: "Chat history" });
    await expect(history.getByText("Version 2", { exact: true })).toBeVisible();
    await expectAccessible(page, "history");
    await history.getByRole("button", { name: "Restore version 1" }).click();
    await expectAccessible(page, "restore question");
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
    await history.getByRole("button", { name: "Close" }).click();

    await card(page, "Chat").getByRole("button", { name: "Copy to other scopes from Chat" }).click();
    await expectAccessible(page, "copy");
    await page.keyboard.press("Escape");
    await card(page, "Chat").getByRole("button", { name: "Reset Chat to default" }).click();
    await expectAccessible(page, "reset");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Import JSON…" }).click();
    const importer = page.getByRole("dialog", { name: "Import policies" });
    await importer.getByLabel("Policy file (JSON)").setInputFiles({
      name: "policies.json",
      mimeType: "application/json",
      buffer: Buffer.from(
        JSON.stringify({
          format: "attache.attachment-policies/v1",
          policies: { CHAT: { maximumSizeLimitInBytes: 2048, allowedExtensions: ["txt"], isDefault: false } },
        }),
      ),
    });
    await expect(importer.getByRole("listitem", { name: "Chat preview" })).toContainText("Changes");
    await expectAccessible(page, "import preview");
    await page.keyboard.press("Escape");

    // On a phone every dialog fits the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const phoneEditor = await openEditor(page, "Chat");
    const box = await phoneEditor.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await expect(phoneEditor.getByRole("button", { name: "Review changes" })).toBeInViewport();
    await expectNoHorizontalScroll(page, "editor on a phone");
  });

  test("the instance and API key dialogs pass axe in both themes", async ({ page, instance }) => {
    test.setTimeout(90_000);
    await page.goto("/instances");
    await page.getByRole("button", { name: `Delete ${instance.alias}` }).click();
    await expectAccessible(page, "delete instance");
    await page.keyboard.press("Escape");

    await page.goto("/api-keys");
    await page.getByLabel("Key name").fill(`axe-${instance.alias}`);
    await page.getByRole("radio", { name: /All instances/ }).check();
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByRole("region", { name: /created$/ })).toBeVisible();
    await expectAccessible(page, "new key panel");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Instances" }).click();
    await expectAccessible(page, "leave-the-page question");
    await page.getByRole("button", { name: "Leave" }).click();
    await expect(page).toHaveURL("/instances");

    await page.goto("/api-keys");
    await page
      .getByRole("button", { name: `Revoke axe-${instance.alias}` })
      .first()
      .click();
    await expectAccessible(page, "revoke question");
  });
});

test.describe("the shell", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("a skip link jumps to the content", async ({ page }) => {
    await page.goto("/instances");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test("the theme follows the system until chosen, and the choice is remembered", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "light" });
    await expect(page.locator("html")).toHaveClass(/\blight\b/);

    const theme = page.getByRole("group", { name: "Theme" });
    const option = (name: string) => theme.locator("label").filter({ has: page.getByRole("radio", { name }) });
    await option("Dark").click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();
    await option("System").click();
    await expect(page.locator("html")).toHaveClass(/\blight\b/);
  });

  test("on a phone the navigation is a menu", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Console" });
    await expect(nav).toBeHidden();
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await nav.getByRole("link", { name: "Instances" }).click();
    await expect(page).toHaveURL("/instances");
    await expect(nav).toBeHidden();
    await menu.click();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
  });

  test("an unknown address shows the 404 inside the console", async ({ page }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
    await expect(page).toHaveTitle("Page not found · Attache");
  });
});
