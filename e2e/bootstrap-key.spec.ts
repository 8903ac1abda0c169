import { ConnectClient, ConnectServiceException, ListInstancesCommand } from "@aws-sdk/client-connect";
import { E2E_API_KEY, expect, mutate, storageStateFor, test, toast } from "./fixtures";

/** Whether the e2e server accepts a ListInstances signed with the bootstrap key. */
async function accepted(baseURL: string | undefined) {
  const sdk = new ConnectClient({
    region: "us-east-1",
    endpoint: `${baseURL}/api/aws`,
    credentials: E2E_API_KEY,
    maxAttempts: 1,
  });
  try {
    await sdk.send(new ListInstancesCommand({}));
    return true;
  } catch (error) {
    if (error instanceof ConnectServiceException && error.$metadata.httpStatusCode === 403) return false;
    throw error;
  } finally {
    sdk.destroy();
  }
}

test.describe("the bootstrap key, as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("revoked in the console, can be reinstated there, and signs again at once", async ({
    page,
    owner,
    baseURL,
  }, testInfo) => {
    await page.goto("/api-keys");
    const row = page.getByRole("row", { name: new RegExp(E2E_API_KEY.accessKeyId) });
    const name = (await row.locator("span.font-medium").first().textContent()) ?? "";
    expect(name).not.toBe("");
    try {
      // Active keys offer no Reinstate.
      await expect(row.getByRole("button", { name: `Reinstate ${name}` })).toHaveCount(0);
      await row.getByRole("button", { name: `Revoke ${name}` }).click();
      const revoke = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
      await expect(revoke).toContainText("it stays revoked when Attache restarts");
      await revoke.getByRole("button", { name: "Revoke key" }).click();
      await expect(row).toContainText("Revoked");
      await expect.poll(() => accepted(baseURL)).toBe(false);

      const reinstateButton = row.getByRole("button", { name: `Reinstate ${name}` });
      await expect(reinstateButton).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath("bootstrap-key-revoked.png") });
      await reinstateButton.focus();
      await page.keyboard.press("Enter");
      const reinstate = page.getByRole("alertdialog", { name: `Reinstate “${name}”?` });
      await reinstate.getByRole("button", { name: "Reinstate key" }).click();
      await expect(toast(page, `API key “${name}” reinstated.`)).toBeVisible();
      await expect(row).toContainText("Active");
      await expect(row.getByRole("button", { name: `Reinstate ${name}` })).toHaveCount(0);
      await expect.poll(() => accepted(baseURL)).toBe(true);
    } finally {
      // Other specs sign with this key: leave it active whatever happened above.
      const keys = await owner.get("/api/trpc/apiKey.list", { headers: { "sec-fetch-site": "same-origin" } });
      const listed = (await keys.json()).result.data.json as Array<{
        id: string;
        accessKeyId: string;
        revokedAt: unknown;
      }>;
      const key = listed.find((candidate) => candidate.accessKeyId === E2E_API_KEY.accessKeyId);
      if (key?.revokedAt) await mutate(owner, "apiKey.reinstate", { id: key.id });
    }
  });
});
