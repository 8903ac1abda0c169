import { card, expect, setPolicy, storageStateFor, test } from "./fixtures";

test.describe("a long history", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("pages back 50 changes at a time with Load more, from the keyboard, and says how many are shown", async ({
    page,
    owner,
    instance,
  }, testInfo) => {
    test.setTimeout(90_000);
    for (let size = 1; size <= 53; size++)
      await setPolicy(owner, instance.id, "EMAIL", { maximumSizeLimitInBytes: size * 1024 });
    await page.goto(`/attachments/${instance.id}`);
    await card(page, "Email").getByRole("button", { name: "Email history" }).click();
    const history = page.getByRole("dialog", { name: "Email history" });
    const entries = history.getByRole("list", { name: "Email changes" }).locator(":scope > li");
    await expect(entries).toHaveCount(50);
    await expect(entries.first()).toContainText("Version 53");
    await expect(entries.last()).toContainText("Version 4");
    await expect(history.getByRole("status")).toHaveText("Showing 50 changes; older ones follow.");

    const loadMore = history.getByRole("button", { name: "Load more" });
    await loadMore.focus();
    await page.screenshot({ path: testInfo.outputPath("history-load-more.png") });
    await page.keyboard.press("Enter");
    await expect(entries).toHaveCount(53);
    await expect(history.getByRole("status")).toHaveText("Showing 53 changes, back to the first.");
    await expect(loadMore).toHaveCount(0);
    // Focus moves to the first of the older changes, not lost with the button.
    await expect(entries.nth(50)).toBeFocused();
    await expect(entries.nth(50)).toContainText("Version 3");
    await expect(entries.last()).toContainText("Version 1");
    await page.screenshot({ path: testInfo.outputPath("history-paging.png") });
  });
});
