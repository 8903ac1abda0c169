import {
  createWorkspace,
  dropFile,
  dropTarget,
  iconPng,
  importImage,
  logoPng,
  slot,
  type TWorkspaceRef,
} from "./branding";
import {
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  storageStateFor,
  type TInstanceRef,
  tabTo,
  test,
  toast,
  WIDTHS,
} from "./fixtures";

const NAVY = "#1e3a8a";
const SNOW = "#f8fafc";
const CRIMSON = "#b91c1c";

const workspacePath = (instance: TInstanceRef, workspace: TWorkspaceRef) => `/branding/${instance.id}/${workspace.id}`;

test.describe("as an editor", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("creates a workspace, previews and imports its four images, replaces one, undoes it and deletes one", async ({
    page,
    instance,
  }) => {
    test.setTimeout(120_000);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Branding" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Branding" })).toBeVisible();
    await page.getByRole("link", { name: new RegExp(instance.alias) }).click();
    await expect(page).toHaveURL(`/branding/${instance.id}`);
    await expect(page.getByText("No workspaces yet")).toBeVisible();

    // Bad input is refused with its reason, and what was typed stays.
    await page.getByRole("button", { name: "New workspace" }).click();
    const create = page.getByRole("dialog", { name: "New workspace" });
    await create.getByLabel("Description").fill("Agents of the EMEA support desk");
    await create.getByRole("button", { name: "Create workspace" }).click();
    await expect(create.getByLabel("Name", { exact: true })).toHaveAccessibleDescription(/Enter a workspace name/);
    await expect(create.getByLabel("Name", { exact: true })).toBeFocused();
    await expect(create.getByLabel("Description")).toHaveValue("Agents of the EMEA support desk");
    await create.getByLabel("Name", { exact: true }).fill("Support EMEA");
    await create.getByLabel("Title").fill("Acme Support");
    await create.getByRole("button", { name: "Create workspace" }).click();
    await expect(toast(page, "Workspace “Support EMEA” created.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Support EMEA" })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/branding/${instance.id}/[0-9a-f-]{36}$`));

    const images = {
      "Light horizontal logo": { file: "acme-light.png", png: await logoPng(NAVY), kind: "logo" },
      "Dark horizontal logo": { file: "acme-dark.png", png: await logoPng(SNOW), kind: "logo" },
      "Light favicon": { file: "favicon-light.png", png: await iconPng("#4f46e5"), kind: "favicon" },
      "Dark favicon": { file: "favicon-dark.png", png: await iconPng("#f59e0b"), kind: "favicon" },
    } as const;

    for (const [label, image] of Object.entries(images)) {
      await dropFile(dropTarget(slot(page, label)), image.file, image.png);
      const dialog = page.getByRole("dialog", { name: `Import ${label.toLowerCase()}` });
      await expect(dialog.getByRole("heading", { name: image.file })).toBeVisible();
      // Before anything is stored: the checks, and the image where it will show.
      const checks = dialog.getByRole("list", { name: "Checks" });
      await expect(checks).toContainText("PNG image.");
      await expect(checks).toContainText(image.kind === "logo" ? "Wider than tall (240×60 px)." : "Square (32×32 px).");
      const preview = dialog.getByRole("region", { name: "Preview" });
      const shown =
        image.kind === "logo"
          ? [`New ${label.toLowerCase()} on the light header`, `New ${label.toLowerCase()} on the dark header`]
          : [16, 32].flatMap((size) =>
              ["light", "dark"].map((mode) => `New ${label.toLowerCase()} in a ${mode} tab at ${size} px`),
            );
      for (const alt of shown) {
        const img = preview.getByRole("img", { name: alt });
        await expect(img).toBeVisible();
        await expect(img).toHaveAttribute("src", /^data:image\/png;base64,/);
        expect(await img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(
          true,
        );
      }
      if (image.kind === "favicon") {
        await expect(preview.getByRole("img", { name: /at 16 px/ }).first()).toHaveJSProperty("width", 16);
        await expect(preview.getByRole("img", { name: /at 32 px/ }).first()).toHaveJSProperty("width", 32);
      } else {
        await expect(checks.getByRole("listitem").filter({ hasText: /^Passed: Contrast/ })).toBeVisible();
      }
      await dialog.getByRole("button", { name: "Import", exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(toast(page, `${label} imported.`)).toBeVisible();
      await expect(slot(page, label).getByRole("img", { name: label })).toHaveAttribute(
        "src",
        /^\/media\/[0-9a-f]{64}\.png$/,
      );
    }

    // The page's preview, in light and then in dark.
    const preview = page.getByRole("region", { name: "Preview", exact: true });
    const lightLogo = await slot(page, "Light horizontal logo").getByRole("img").getAttribute("src");
    await expect(preview.getByRole("img", { name: "Light horizontal logo in the header" })).toHaveAttribute(
      "src",
      lightLogo ?? "",
    );
    await expect(preview.getByRole("img", { name: "Light favicon in the browser tab" })).toBeVisible();
    await preview.getByRole("radio", { name: "Dark" }).check();
    await expect(preview.getByRole("img", { name: "Dark horizontal logo in the header" })).toHaveAttribute(
      "src",
      (await slot(page, "Dark horizontal logo").getByRole("img").getAttribute("src")) ?? "",
    );
    await expect(preview.getByRole("img", { name: "Dark favicon in the browser tab" })).toBeVisible();
    await expect(preview.getByRole("list", { name: "Dark logo contrast" })).toContainText("Contrast");

    // Replace asks first; Undo brings the old one back.
    const lightSlot = slot(page, "Light horizontal logo");
    await dropFile(dropTarget(lightSlot), "acme-red.png", await logoPng(CRIMSON));
    const replace = page.getByRole("dialog", { name: "Replace light horizontal logo" });
    await expect(replace.getByRole("region", { name: "Preview" }).getByRole("img").first()).toBeVisible();
    await replace.getByRole("button", { name: "Replace", exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Replace the light horizontal logo?" });
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Replace" }).click();
    await expect(replace).toBeHidden();
    const replaced = toast(page, "Light horizontal logo replaced.");
    await expect(replaced).toBeVisible();
    await expect(lightSlot.getByRole("img")).not.toHaveAttribute("src", lightLogo ?? "");
    await replaced.getByRole("button", { name: "Undo" }).click();
    await expect(toast(page, "Undone: the previous light horizontal logo is back.")).toBeVisible();
    await expect(lightSlot.getByRole("img")).toHaveAttribute("src", lightLogo ?? "");

    // Delete asks first.
    await slot(page, "Dark favicon").getByRole("button", { name: "Delete dark favicon" }).click();
    const remove = page.getByRole("alertdialog", { name: "Delete the dark favicon?" });
    await remove.getByRole("button", { name: "Delete image" }).click();
    await expect(remove).toBeHidden();
    await expect(toast(page, "Dark favicon deleted.")).toBeVisible();
    await expect(slot(page, "Dark favicon")).toContainText("No image yet");
    await expect(slot(page, "Dark favicon").getByRole("img")).toHaveCount(0);

    await page.reload();
    await expect(slot(page, "Light horizontal logo").getByRole("img")).toHaveAttribute("src", lightLogo ?? "");
    await expect(slot(page, "Dark favicon")).toContainText("No image yet");
  });

  test("a favicon that is not square is refused before import, and an address the server will not fetch says why", async ({
    page,
    owner,
    instance,
  }) => {
    const workspace = await createWorkspace(owner, instance.id, "Refused");
    await page.goto(workspacePath(instance, workspace));
    await dropFile(
      dropTarget(slot(page, "Light favicon")),
      "wide.png",
      await iconPng("#4f46e5", { width: 64, height: 32 }),
    );
    const dialog = page.getByRole("dialog", { name: "Import light favicon" });
    const failed = dialog
      .getByRole("list", { name: "Checks" })
      .getByRole("listitem")
      .filter({ hasText: /^Failed:/ });
    await expect(failed).toHaveText("Failed: A favicon must be square; this one is 64×32 px.");
    await expect(dialog.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
    await expect(dialog.getByText("Fix what failed, or choose another image.")).toBeVisible();

    // Another image, dropped in the dialog, replaces the refused one in the preview.
    await dropFile(dropTarget(dialog), "square.png", await iconPng("#4f46e5"));
    await expect(dialog.getByRole("heading", { name: "square.png" })).toBeVisible();
    await expect(dialog.getByRole("list", { name: "Checks" })).toContainText("Square (32×32 px).");
    await expect(dialog.getByRole("button", { name: "Import", exact: true })).toBeEnabled();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(slot(page, "Light favicon")).toContainText("No image yet");

    // By keyboard alone: the address field, Enter; the server's own reason shows, the address stays.
    const address = slot(page, "Light horizontal logo").getByLabel("Or an image address");
    await tabTo(page, address);
    await page.keyboard.type("not an address");
    await page.keyboard.press("Enter");
    await expect(address).toHaveAccessibleDescription(/not an address/);
    await address.fill("https://images.example.com/logo.png");
    await page.keyboard.press("Enter");
    const byUrl = page.getByRole("dialog", { name: "Import light horizontal logo" });
    const reason = byUrl.getByRole("alert").filter({ hasText: "This image could not be checked." });
    await expect(reason).toBeVisible();
    await expect(reason).not.toHaveText("This image could not be checked.");
    await expect(byUrl.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
    await page.keyboard.press("Escape");
    await expect(byUrl).toBeHidden();
    await expect(address).toHaveValue("https://images.example.com/logo.png");
  });

  test("edits the theme with a live preview, warns about a logo that disappears on its header, and saves", async ({
    page,
    owner,
    instance,
  }) => {
    const workspace = await createWorkspace(owner, instance.id, "Themed");
    await importImage(owner, instance.id, workspace.id, "IMAGE_LOGO_LIGHT_HORIZONTAL", await logoPng(NAVY));
    await page.goto(workspacePath(instance, workspace));
    const preview = page.getByRole("region", { name: "Preview", exact: true });
    const header = preview.locator("[data-mock=header]");
    await expect(preview.getByRole("list", { name: "Light logo contrast" })).toContainText(/^Passed: Contrast/);

    // A dark header under a dark logo: the preview and the check follow as it is typed.
    const background = page.getByLabel("Header background", { exact: true });
    await background.fill("#0f141a");
    await expect(header).toHaveCSS("background-color", "rgb(15, 20, 26)");
    await expect(preview.getByRole("list", { name: "Light logo contrast" })).toContainText(
      /Warning: Low contrast: 1\.\d:1 against the light header \(#0f141a\), below 3:1/,
    );
    await expect(slot(page, "Light horizontal logo").getByRole("list")).toContainText("Low contrast");

    // A colour that is not one is kept, explained, and blocks the save until fixed.
    const text = page.getByLabel("Header text", { exact: true });
    await text.fill("blurple");
    await expect(text).toHaveAccessibleDescription(
      "Header text must be a CSS colour such as #1f2937, rgb(31 41 55) or navy.",
    );
    await page.getByRole("button", { name: "Save theme" }).click();
    await expect(page.getByText("Fix the marked colours first.")).toBeVisible();
    await expect(text).toBeFocused();
    await expect(text).toHaveValue("blurple");
    await text.fill("#ffffff");
    await page.getByLabel("Font family (Light mode)").selectOption("Georgia");
    await expect(header).toHaveCSS("font-family", /Georgia/);

    // The other mode is edited in the same place.
    await preview.getByRole("radio", { name: "Dark" }).check();
    await page.getByLabel("Primary colour", { exact: true }).fill("rgb(250 204 21)");
    await page.getByRole("button", { name: "Save theme" }).click();
    await expect(toast(page, `Theme of “${workspace.name}” saved.`)).toBeVisible();
    await expect(page.getByText("Saved.", { exact: true })).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Header background", { exact: true })).toHaveValue("#0f141a");
    await expect(page.getByLabel("Header text", { exact: true })).toHaveValue("#ffffff");
    await preview.getByRole("radio", { name: "Dark" }).check();
    await expect(page.getByLabel("Primary colour", { exact: true })).toHaveValue("rgb(250 204 21)");
    await expect(page.getByLabel("Header background", { exact: true })).toHaveValue("");
  });

  test("searches, edits details and visibility, and deletes a workspace after its name is typed", async ({
    page,
    owner,
    instance,
  }) => {
    const first = await createWorkspace(owner, instance.id, "Sales");
    const second = await createWorkspace(owner, instance.id, "Support");
    await page.goto(`/branding/${instance.id}`);
    await expect(page.getByRole("status").filter({ hasText: "2 workspaces." })).toBeVisible();

    await page.getByLabel("Search workspaces").fill("sUpPoRt");
    await expect(page.getByRole("status").filter({ hasText: "1 of 2 workspaces match." })).toBeVisible();
    await expect(page.getByRole("link", { name: second.name })).toBeVisible();
    await expect(page.getByRole("link", { name: first.name })).toHaveCount(0);
    await page.getByLabel("Search workspaces").fill("nothing like it");
    await expect(page.getByText("No workspace matches “nothing like it”")).toBeVisible();
    await page.getByRole("button", { name: "Clear the search" }).click();
    await expect(page.getByRole("link", { name: first.name })).toBeVisible();

    await page.getByRole("button", { name: `Edit ${first.name}` }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${first.name}` });
    await edit.getByLabel("Name", { exact: true }).fill(second.name);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByLabel("Name", { exact: true })).toHaveAccessibleDescription(/already exists/);
    const renamed = `${first.name} North`;
    await edit.getByLabel("Name", { exact: true }).fill(renamed);
    await edit.getByLabel("Visibility").selectOption("NONE");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(toast(page, `Workspace “${renamed}” saved.`)).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(renamed) });
    await expect(row).toContainText("Hidden");

    await row.getByRole("button", { name: `Delete ${renamed}` }).click();
    const remove = page.getByRole("alertdialog", { name: `Delete workspace “${renamed}”?` });
    const button = remove.getByRole("button", { name: "Delete workspace" });
    await expect(button).toBeDisabled();
    await remove.getByLabel(`Type ${renamed} to confirm`).fill(renamed);
    await button.click();
    await expect(toast(page, `Workspace “${renamed}” deleted.`)).toBeVisible();
    await expect(page.getByRole("link", { name: renamed })).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "1 workspace." })).toBeVisible();
  });

  test("the list and workspace pages fit a phone and pass axe in light and dark, dialogs included", async ({
    page,
    owner,
    instance,
  }) => {
    test.setTimeout(120_000);
    const workspace = await createWorkspace(owner, instance.id, "Accessible");
    await importImage(owner, instance.id, workspace.id, "IMAGE_LOGO_LIGHT_HORIZONTAL", await logoPng(NAVY));
    await importImage(owner, instance.id, workspace.id, "IMAGE_LOGO_DARK_FAVICON", await iconPng("#f59e0b"));

    for (const [path, heading] of [
      ["/branding", "Branding"],
      [`/branding/${instance.id}`, `Workspaces of ${instance.alias}`],
      [workspacePath(instance, workspace), workspace.name],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
      for (const width of [360, ...WIDTHS, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await expectNoHorizontalScroll(page, path);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await expectAccessible(page, path);
    }

    await dropFile(dropTarget(slot(page, "Dark horizontal logo")), "dark-on-dark.png", await logoPng(NAVY));
    const dialog = page.getByRole("dialog", { name: "Import dark horizontal logo" });
    // A warning, not a block.
    await expect(dialog.getByRole("list", { name: "Checks" })).toContainText(
      /Warning: Low contrast: .* against the dark header/,
    );
    await expect(dialog.getByRole("button", { name: "Import", exact: true })).toBeEnabled();
    await expectAccessible(page, "the import dialog");
    await page.setViewportSize({ width: 360, height: 800 });
    await expectNoHorizontalScroll(page, "the import dialog");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees the workspaces and their branding, with no edit actions at all", async ({ page, owner, instance }) => {
    const workspace = await createWorkspace(owner, instance.id, "Viewed");
    await importImage(owner, instance.id, workspace.id, "IMAGE_LOGO_LIGHT_HORIZONTAL", await logoPng(NAVY));
    await importImage(owner, instance.id, workspace.id, "IMAGE_LOGO_LIGHT_FAVICON", await iconPng("#4f46e5"));
    const edits = /New workspace|Edit|Delete|Import|Replace|Save|Paste|Check address/;

    await page.goto(`/branding/${instance.id}`);
    await expect(page.getByRole("link", { name: workspace.name })).toBeVisible();
    await expect(page.getByText("Changing them needs the editor role.")).toBeVisible();
    await expect(page.getByRole("button", { name: edits })).toHaveCount(0);

    await page.getByRole("link", { name: workspace.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: workspace.name })).toBeVisible();
    await expect(slot(page, "Light horizontal logo").getByRole("img", { name: "Light horizontal logo" })).toBeVisible();
    await expect(slot(page, "Light favicon").getByRole("img", { name: "Light favicon" })).toBeVisible();
    const preview = page.getByRole("region", { name: "Preview", exact: true });
    await expect(preview.getByRole("img", { name: "Light horizontal logo in the header" })).toBeVisible();
    await expect(page.getByText("The agent workspace's default colours and font.").first()).toBeVisible();
    await expect(page.getByRole("button", { name: edits })).toHaveCount(0);
    await expect(page.locator("input[type=file], input[type=color], input[type=url]")).toHaveCount(0);
    await expectAccessible(page, "the workspace page, as a viewer");
  });
});
