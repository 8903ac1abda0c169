import { DEMO_INSTANCE, expect, mutate, setPolicy, storageStateFor, test, toast, uniqueAlias } from "./fixtures";

test.describe("as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("the dashboard greets the owner and links each instance, with what differs from the default", async ({
    page,
    owner,
    instance,
  }) => {
    await setPolicy(owner, instance.id, "CHAT", {
      maximumSizeLimitInBytes: 5 * 1024 * 1024,
      allowedExtensions: ["pdf"],
    });
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Welcome, Olivia Owner" })).toBeVisible();
    await expect(page.getByText("You are an owner on this team.")).toBeVisible();
    await expect(page.getByTestId("signed-in-user")).toContainText("Owner");
    await expect(page).toHaveTitle("Dashboard · Attache");

    const card = page.getByRole("article").filter({ has: page.getByRole("link", { name: instance.alias }) });
    await expect(card).toContainText("Differ from Amazon Connect's default:");
    await expect(card).toContainText("Chat 5 MB, 1 extension");
    await expect(card).toContainText("Last change: Chat edited (version 1)");
    const latest = page.getByRole("region", { name: "Latest changes" });
    await expect(latest.getByRole("listitem").filter({ hasText: instance.alias }).first()).toContainText("Chat");

    await card.getByRole("link", { name: instance.alias }).click();
    await expect(page).toHaveURL(`/attachments/${instance.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Attachment policies for ${instance.alias}`);
    await expect(page).toHaveTitle(`${instance.alias} · Attachment policies · Attache`);
    const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(breadcrumb.getByRole("link", { name: "Attachments" })).toBeVisible();
    await expect(breadcrumb.getByText(instance.alias)).toHaveAttribute("aria-current", "page");
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
    await expect(toast(page, `Instance ${name} created`)).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toBeVisible();
    await expect(row).toContainText("arn:aws:connect:");
    await expect(alias).toHaveValue("");

    await alias.fill(name.toUpperCase());
    await page.getByRole("button", { name: "Create instance" }).click();
    await expect(alias).toHaveAccessibleDescription(/already exists/);
  });

  test("renames an instance inline: the field takes focus, Escape cancels", async ({ page, instance }) => {
    await page.goto("/instances");
    const after = uniqueAlias("after");
    const rename = page.getByRole("button", { name: `Rename ${instance.alias}` });
    await rename.click();
    const field = page.getByRole("row").getByLabel("Instance alias").last();
    await expect(field).toBeFocused();
    await page.keyboard.type("abandoned");
    await page.keyboard.press("Escape");
    await expect(rename).toBeFocused();
    await expect(page.getByRole("table").getByText(instance.alias, { exact: true })).toBeVisible();

    await rename.click();
    await page.keyboard.type(after);
    await page.keyboard.press("Enter");
    await expect(toast(page, `Instance ${instance.alias} renamed to ${after}.`)).toBeVisible();
    await expect(page.getByRole("table").getByText(after, { exact: true })).toBeVisible();
    await expect(page.getByRole("table").getByText(instance.alias, { exact: true })).toHaveCount(0);
  });

  test("copies an instance's id from its row", async ({ page, context, instance }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/instances");
    await page.getByRole("button", { name: `Copy the instance ID of ${instance.alias}` }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(instance.id);
  });

  test("deletes an instance after its alias is typed; keys that reached only it are revoked", async ({
    page,
    owner,
    instance,
  }) => {
    await setPolicy(owner, instance.id, "CHAT", { allowedExtensions: ["pdf"] });
    const keyName = uniqueAlias("only-here");
    await mutate(owner, "apiKey.create", { name: keyName, allInstances: false, instanceIds: [instance.id] });
    const wider = uniqueAlias("wider");
    await mutate(owner, "apiKey.create", {
      name: wider,
      allInstances: false,
      instanceIds: [instance.id, DEMO_INSTANCE.id],
    });

    await page.goto("/instances");
    await page.getByRole("button", { name: `Delete ${instance.alias}` }).click();
    const dialog = page.getByRole("alertdialog", { name: `Delete instance ${instance.alias}?` });
    await expect(dialog).toContainText(keyName);
    await expect(dialog).not.toContainText(wider);
    const confirm = dialog.getByRole("button", { name: "Delete instance" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(`Type ${instance.alias} to confirm`).fill(instance.alias.toUpperCase());
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(`Type ${instance.alias} to confirm`).fill(instance.alias);
    await confirm.click();

    await expect(dialog).toBeHidden();
    await expect(
      toast(page, `Instance ${instance.alias} deleted; 1 API key that reached only it was revoked.`),
    ).toBeVisible();
    await expect(page.getByRole("table").getByText(instance.alias, { exact: true })).toHaveCount(0);

    await page.goto(`/attachments/${instance.id}`);
    await expect(page.getByRole("heading", { name: "Instance not found" })).toBeVisible();
    await page.goto("/api-keys");
    await expect(page.getByRole("row", { name: new RegExp(keyName) })).toContainText("Revoked");
    const widerRow = page.getByRole("row", { name: new RegExp(wider) });
    await expect(widerRow).toContainText("Active");
    await expect(widerRow).toContainText(DEMO_INSTANCE.alias);
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees the instances but no create, rename or delete action", async ({ page }) => {
    await page.goto("/instances");
    await expect(page.getByRole("table").getByText(DEMO_INSTANCE.alias, { exact: true })).toBeVisible();
    await expect(
      page.getByText("Creating and renaming them needs the editor role; deleting one, the admin role."),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Create instance" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Rename / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  });

  test("is refused by the server too, with FORBIDDEN", async ({ page }) => {
    await page.goto("/instances");
    for (const [path, input] of [
      ["instance.create", { alias: "viewer-sneak" }],
      ["instance.delete", { id: DEMO_INSTANCE.id, confirmAlias: DEMO_INSTANCE.alias }],
    ] as const) {
      const status = await page.evaluate(
        async ({ path, input }) => {
          const response = await fetch(`/api/trpc/${path}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ json: input }),
          });
          return { status: response.status, body: await response.json() };
        },
        { path, input },
      );
      expect(status.status, path).toBe(403);
      expect(status.body.error.json.data.code).toBe("FORBIDDEN");
    }
  });
});
