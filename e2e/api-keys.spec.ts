import { ConnectClient, ConnectServiceException, ListInstancesCommand } from "@aws-sdk/client-connect";
import type { Locator, Page } from "@playwright/test";
import { E2E_API_KEY, expect, storageStateFor, test, toast, uniqueAlias } from "./fixtures";

type TKey = { accessKeyId: string; secretAccessKey: string };

/** ListInstances through the official SDK against the e2e server: the aliases, or the modelled error. */
async function listInstances(baseURL: string | undefined, credentials: TKey) {
  const sdk = new ConnectClient({ region: "us-east-1", endpoint: `${baseURL}/api/aws`, credentials, maxAttempts: 1 });
  try {
    const { InstanceSummaryList = [] } = await sdk.send(new ListInstancesCommand({}));
    return { aliases: InstanceSummaryList.map((summary) => summary.InstanceAlias) };
  } catch (error) {
    if (!(error instanceof ConnectServiceException)) throw error;
    return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
  }
}

/** The access key id and secret a "created" or "rotated" panel shows, after copying the secret and leaving it. */
async function takeSecret(page: Page, panel: Locator): Promise<TKey> {
  const accessKeyId = await panel.getByRole("textbox", { name: "Access key ID" }).inputValue();
  const secretAccessKey = await panel.getByRole("textbox", { name: "Secret access key" }).inputValue();
  await panel.getByRole("button", { name: "Copy secret access key" }).click();
  await panel.getByRole("button", { name: "I have saved the secret" }).click();
  await expect(panel).toHaveCount(0);
  expect(await page.content()).not.toContain(secretAccessKey);
  return { accessKeyId, secretAccessKey };
}

test.describe("as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("creates a key for one instance, sees its secret once, then revokes it", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/api-keys");
    const name = uniqueAlias("e2e-key");
    await page.getByLabel("Key name").fill(name);
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByText("Choose at least one instance, or all instances.")).toBeVisible();

    await page.getByRole("checkbox", { name: "attache-demo", exact: true }).check();
    await page.getByRole("button", { name: "Create API key" }).click();

    const panel = page.getByRole("region", { name: `API key “${name}” created` });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText("you will not see this secret again");
    await expect(panel).toContainText("It can reach attache-demo.");
    const accessKeyId = await panel.getByRole("textbox", { name: "Access key ID" }).inputValue();
    const secret = await panel.getByRole("textbox", { name: "Secret access key" }).inputValue();
    expect(accessKeyId).toMatch(/^ATCH[A-Z2-7]{16}$/);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    await expect(panel).toContainText(`endpoint: "${new URL(page.url()).origin}/api/aws"`);
    await expect(panel).toContainText(`accessKeyId: "${accessKeyId}"`);
    await expect(panel).toContainText(`secretAccessKey: "${secret}"`);

    // Leaving before the secret is copied asks first.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Instances" }).click();
    const leave = page.getByRole("alertdialog", { name: "Leave this page?" });
    await expect(leave).toContainText("has not been copied");
    await leave.getByRole("button", { name: "Stay" }).click();
    await expect(page).toHaveURL("/api-keys");
    await expect(panel).toBeVisible();
    await panel.getByRole("button", { name: "I have saved the secret" }).click();
    const notCopied = page.getByRole("alertdialog", { name: "Leave without copying the secret?" });
    await notCopied.getByRole("button", { name: "Go back and copy it" }).click();
    await expect(panel).toBeVisible();

    await panel.getByRole("button", { name: "Copy secret access key" }).click();
    await expect(panel.getByRole("button", { name: "Copy secret access key" })).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await panel.getByRole("button", { name: "Copy access key ID" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(accessKeyId);

    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText(accessKeyId);
    await expect(row).toContainText("attache-demo");
    await expect(row).not.toContainText("All instances");

    await page.reload();
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Never");
    await expect(row).toContainText("owner@attache.test");
    await expect(page.getByRole("region", { name: /created$/ })).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
    await expect(dialog).toContainText(accessKeyId);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText("Active");

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(toast(page, `API key “${name}” revoked.`)).toBeVisible();
    await expect(row).toContainText("Revoked");
    await expect(row).toContainText("by owner@attache.test");
    await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
    await page.reload();
    await expect(row).toContainText("Revoked");
  });

  test("refuses a second active key with the same name, whatever its case", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/api-keys");
    const name = uniqueAlias("twin");
    await page.getByLabel("Key name").fill(name);
    await page.getByRole("radio", { name: /All instances/ }).check();
    await page.getByRole("button", { name: "Create API key" }).click();
    const panel = page.getByRole("region", { name: `API key “${name}” created` });
    await panel.getByRole("button", { name: "Copy code snippet" }).click();
    await panel.getByRole("button", { name: "I have saved the secret" }).click();
    // The panel is gone; the form has the focus for the next key.
    await expect(page.getByLabel("Key name")).toBeFocused();

    await page.getByLabel("Key name").fill(name.toUpperCase());
    await page.getByRole("radio", { name: /All instances/ }).check();
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByLabel("Key name")).toHaveAccessibleDescription(/already exists/);
    await expect(page.getByRole("row", { name: new RegExp(name, "i") })).toHaveCount(1);
  });

  test("creates an expiring key, rotates it with a grace period, then revokes it; the SDK follows each step", async ({
    page,
    context,
    baseURL,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/api-keys");
    const name = uniqueAlias("rotating");
    await page.getByLabel("Key name").fill(name);
    await page.getByRole("radio", { name: /All instances/ }).check();
    await page.getByLabel("Expires").selectOption({ label: "In 30 days" });
    await page.getByRole("button", { name: "Create API key" }).click();
    const first = await takeSecret(page, page.getByRole("region", { name: `API key “${name}” created` }));
    expect(await listInstances(baseURL, first)).toMatchObject({ aliases: expect.arrayContaining(["attache-demo"]) });

    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Expires in 30 days");
    await page.reload();
    await expect(row).toContainText(/from (127\.0\.0\.1|::1)/);

    await row.getByRole("button", { name: `Rotate ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Rotate “${name}”?` });
    await expect(dialog.getByRole("radio", { name: /24 hours/ })).toBeChecked();
    await expect(dialog).toContainText("Rotating again while a grace period runs replaces the older secret");
    await dialog.getByRole("button", { name: "Rotate key" }).click();
    const rotatedPanel = page.getByRole("region", { name: `API key “${name}” rotated` });
    await expect(rotatedPanel).toContainText("The old secret works until");
    const rotated = await takeSecret(page, rotatedPanel);
    expect(rotated.accessKeyId).toBe(first.accessKeyId);
    expect(rotated.secretAccessKey).not.toBe(first.secretAccessKey);

    // During the grace period both secrets sign.
    expect(await listInstances(baseURL, rotated)).toMatchObject({ aliases: expect.arrayContaining(["attache-demo"]) });
    expect(await listInstances(baseURL, first)).toMatchObject({ aliases: expect.arrayContaining(["attache-demo"]) });
    await expect(row).toContainText(/Old secret works until .+\(24 hours left\)/);

    // Rotating again warns that the older secret would stop at once; cancelled, nothing changes.
    await row.getByRole("button", { name: `Rotate ${name}` }).click();
    await expect(dialog).toContainText("Rotating again replaces it: that secret stops working at once.");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await page
      .getByRole("alertdialog", { name: `Revoke “${name}”?` })
      .getByRole("button", { name: "Revoke key" })
      .click();
    await expect(toast(page, `API key “${name}” revoked.`)).toBeVisible();
    await expect(row).toContainText("Revoked");
    await expect(row).not.toContainText("Old secret works until");

    for (const credentials of [rotated, first]) {
      expect(await listInstances(baseURL, credentials)).toMatchObject({
        name: "AccessDeniedException",
        status: 403,
        message: expect.stringContaining("unknown, expired or revoked"),
      });
    }
  });

  test("changes which instances a key reaches", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/api-keys");
    const name = uniqueAlias("scoped");
    await page.getByLabel("Key name").fill(name);
    await page.getByRole("checkbox", { name: "attache-demo", exact: true }).check();
    await page.getByRole("button", { name: "Create API key" }).click();
    await takeSecret(page, page.getByRole("region", { name: `API key “${name}” created` }));

    const row = page.getByRole("row", { name: new RegExp(name) });
    await row.getByRole("button", { name: `Change instances of ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Instances “${name}” can reach` });
    await dialog.getByRole("checkbox", { name: "attache-demo", exact: true }).uncheck();
    await dialog.getByRole("button", { name: "Save instances" }).click();
    await expect(dialog).toContainText("Choose at least one instance, or all instances.");
    await dialog.getByRole("radio", { name: /All instances/ }).check();
    await dialog.getByRole("button", { name: "Save instances" }).click();
    await expect(toast(page, `API key “${name}” now reaches all instances.`)).toBeVisible();
    await expect(row).toContainText("All instances");
  });

  test("lists the bootstrap key from the environment for all instances", async ({ page }) => {
    await page.goto("/api-keys");
    const row = page.getByRole("row", { name: new RegExp(E2E_API_KEY.accessKeyId) });
    await expect(row).toContainText("Bootstrap");
    await expect(row).toContainText("All instances");
    await expect(row).toContainText("Active");
    // Its secret and scope come from the environment: only revoking is offered.
    await expect(row.getByRole("button", { name: /^Rotate / })).toHaveCount(0);
    await expect(row.getByRole("button", { name: /^Change instances of / })).toHaveCount(0);
    expect(await page.content()).not.toContain(E2E_API_KEY.secretAccessKey);
  });
});

for (const who of ["editor", "viewer"] as const) {
  test.describe(`as the ${who}`, () => {
    test.use({ storageState: storageStateFor(who) });

    test("sees that API keys need the admin role, and no key data", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);

      await page.goto("/api-keys");
      await expect(page.getByText("Managing API keys needs the admin role.")).toBeVisible();
      await expect(page.getByText(`You are ${who === "editor" ? "an" : "a"} ${who}.`)).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
      expect(await page.content()).not.toContain(E2E_API_KEY.accessKeyId);

      const response = await page.evaluate(async () => {
        const result = await fetch("/api/trpc/apiKey.list");
        return { status: result.status, body: await result.json() };
      });
      expect(response.status).toBe(403);
      expect(response.body.error.json.data.code).toBe("FORBIDDEN");
    });
  });
}
