import { readFile } from "node:fs/promises";
import { card, chipsOf, expect, openEditor, setPolicy, storageStateFor, tabTo, test, toast } from "./fixtures";

test.describe("as an editor", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("sets Chat to 5 MB with pdf and png, confirming the diff first", async ({ page, instance }) => {
    await page.goto("/attachments");
    await page.getByRole("link", { name: new RegExp(instance.alias) }).click();
    await expect(page).toHaveURL(`/attachments/${instance.id}`);
    for (const label of ["Email", "Chat", "Cases", "Tasks"]) {
      await expect(card(page, label).getByText("Default", { exact: true })).toBeVisible();
    }
    await expect(card(page, "Chat")).toContainText("20 MB");

    const dialog = await openEditor(page, "Chat");
    await dialog.getByLabel("Maximum file size", { exact: true }).fill("5");
    await dialog.getByLabel("Maximum file size unit").selectOption("MB");
    await expect(dialog.getByText("= 5,242,880 bytes")).toBeVisible();
    await dialog.getByRole("button", { name: "Remove all" }).click();
    await dialog.getByLabel("Allowed extensions").fill("pdf png");
    await dialog.getByLabel("Allowed extensions").press("Enter");
    await expect(dialog.getByRole("list", { name: "Chosen extensions" }).getByRole("listitem")).toHaveText([
      /pdf/,
      /png/,
    ]);
    await dialog.getByLabel("Reason").fill("Chat only needs documents and screenshots");
    await dialog.getByRole("button", { name: "Review changes" }).click();

    const change = dialog.getByRole("region", { name: "Change to save" });
    await expect(change).toContainText("20 MB → 5 MB");
    await expect(change.getByRole("list", { name: "Removed extensions" })).toContainText("docx");
    await expect(change.getByRole("list", { name: "Added extensions" })).toHaveCount(0);
    await dialog.getByRole("button", { name: "Confirm and save" }).click();
    await expect(dialog).toBeHidden();
    await expect(toast(page, "Chat policy saved (version 1).")).toBeVisible();

    await page.reload();
    await expect(card(page, "Chat")).toContainText("5 MB");
    await expect(card(page, "Chat")).toContainText("5,242,880 bytes");
    await expect(chipsOf(page, "Chat")).toHaveText(["pdf", "png"]);
    await expect(card(page, "Chat").getByText("Default", { exact: true })).toHaveCount(0);
    await expect(card(page, "Chat")).toContainText("Version 1 · editor@attache.test");
  });

  test("a pasted list shows its invalid chip, refuses duplicates and warns about risky extensions", async ({
    page,
    instance,
  }) => {
    await page.goto(`/attachments/${instance.id}`);
    const dialog = await openEditor(page, "Email");
    await dialog.getByRole("button", { name: "Remove all" }).click();
    const input = dialog.getByLabel("Allowed extensions");
    await input.evaluate((element, text) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData("text/plain", text);
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
    }, "pdf, .PNG docx b@d exe");

    const chips = dialog.getByRole("list", { name: "Chosen extensions" }).getByRole("listitem");
    await expect(chips).toHaveText([/pdf/, /png/, /docx/, /b@d/, /exe/]);
    const invalid = dialog.getByRole("listitem").filter({ hasText: "b@d" }).first();
    await expect(invalid).toHaveAttribute("aria-invalid", "true");
    await expect(invalid).toHaveAccessibleDescription(/Only letters, digits, hyphens and underscores\./);
    await expect(dialog.getByRole("alert")).toContainText("Fix or remove the marked extensions before saving");
    await expect(dialog.getByRole("button", { name: "Review changes" })).toBeDisabled();

    const risky = dialog.getByRole("status", { name: "Risky extensions" });
    await expect(risky).toContainText("Risky extensions: exe.");

    await input.fill("PDF");
    await input.press("Enter");
    await expect(dialog.getByText("pdf is already in the list")).toBeVisible();
    await expect(chips).toHaveCount(5);

    await dialog.getByRole("button", { name: "Add Images" }).click();
    await expect(chips.filter({ hasText: "webp" })).toHaveCount(1);

    await dialog.getByRole("button", { name: "Remove b@d" }).click();
    await expect(dialog.getByRole("alert")).toHaveCount(0);
    // A warning, not a block.
    await expect(risky).toBeVisible();
    await dialog.getByRole("button", { name: "Review changes" }).click();
    await dialog.getByRole("button", { name: "Confirm and save" }).click();
    await expect(toast(page, "Email policy saved (version 1).")).toBeVisible();
    await expect(chipsOf(page, "Email").filter({ hasText: /^exe$/ })).toHaveCount(1);
    await expect(chipsOf(page, "Email").filter({ hasText: /^b@d$/ })).toHaveCount(0);
  });

  test("a stale edit opens the conflict view, and applies mine on top of theirs", async ({ page, owner, instance }) => {
    await setPolicy(owner, instance.id, "CHAT", { maximumSizeLimitInBytes: 1024 * 1024, allowedExtensions: ["pdf"] });
    await page.goto(`/attachments/${instance.id}`);
    const dialog = await openEditor(page, "Chat");
    await expect(dialog).toContainText("Editing version 1");
    await dialog.getByLabel("Allowed extensions").fill("docx");
    await dialog.getByLabel("Allowed extensions").press("Enter");
    await dialog.getByRole("button", { name: "Review changes" }).click();

    // Someone else saves first.
    await setPolicy(owner, instance.id, "CHAT", {
      maximumSizeLimitInBytes: 2 * 1024 * 1024,
      allowedExtensions: ["pdf", "png"],
      expectedVersion: 1,
    });
    await dialog.getByRole("button", { name: "Confirm and save" }).click();

    await expect(dialog.getByRole("alert")).toContainText("Someone else saved this policy while you were editing it.");
    const theirs = dialog.getByRole("region", { name: "Their change" });
    await expect(theirs).toContainText("Version 1 → 2 by owner@attache.test");
    await expect(theirs).toContainText("1 MB → 2 MB");
    await expect(theirs.getByRole("list", { name: "Added extensions" })).toHaveText("png");
    const mine = dialog.getByRole("region", { name: "Your pending change" });
    await expect(mine.getByRole("list", { name: "Added extensions" })).toHaveText("docx");
    await expect(mine).not.toContainText("MB");

    await dialog.getByRole("button", { name: "Apply mine on top of theirs" }).click();
    await expect(dialog.getByRole("heading", { name: "Your change on top of theirs" })).toBeVisible();
    const change = dialog.getByRole("region", { name: "Change to save" });
    await expect(change.getByRole("list", { name: "Added extensions" })).toHaveText("docx");
    await expect(change.getByRole("list", { name: "Removed extensions" })).toHaveCount(0);
    await expect(dialog).toContainText("Saving makes this version 3.");
    await dialog.getByRole("button", { name: "Confirm and save" }).click();

    await expect(toast(page, "Chat policy saved (version 3).")).toBeVisible();
    await expect(chipsOf(page, "Chat")).toHaveText(["pdf", "png", "docx"]);
    await expect(card(page, "Chat")).toContainText("2 MB");
  });

  test("discarding mine in a conflict keeps their policy", async ({ page, owner, instance }) => {
    await page.goto(`/attachments/${instance.id}`);
    const dialog = await openEditor(page, "Tasks");
    await dialog.getByLabel("Maximum file size", { exact: true }).fill("3");
    await dialog.getByRole("button", { name: "Review changes" }).click();
    await setPolicy(owner, instance.id, "TASK", { allowedExtensions: ["txt"], expectedVersion: 0 });
    await dialog.getByRole("button", { name: "Confirm and save" }).click();
    await dialog.getByRole("button", { name: "Discard mine and keep theirs" }).click();
    await expect(dialog).toBeHidden();
    await expect(toast(page, "Kept their version 1 of the Tasks policy")).toBeVisible();
    await expect(chipsOf(page, "Tasks")).toHaveText(["txt"]);
    await expect(card(page, "Tasks")).toContainText("20 MB");
  });

  test("history shows each change; Restore shows the change first and brings back that version", async ({
    page,
    owner,
    instance,
  }) => {
    await setPolicy(owner, instance.id, "CHAT", { maximumSizeLimitInBytes: 1024 * 1024, allowedExtensions: ["pdf"] });
    await page.goto(`/attachments/${instance.id}`);
    const dialog = await openEditor(page, "Chat");
    await dialog.getByLabel("Allowed extensions").fill("exe");
    await dialog.getByLabel("Allowed extensions").press("Enter");
    await dialog.getByLabel("Reason").fill("Trying installers");
    await dialog.getByRole("button", { name: "Review changes" }).click();
    await dialog.getByRole("button", { name: "Confirm and save" }).click();
    await expect(chipsOf(page, "Chat")).toHaveText(["pdf", "exe"]);

    await card(page, "Chat").getByRole("button", { name: "Chat history" }).click();
    const history = page.getByRole("dialog", { name: "Chat history" });
    const entries = history.getByRole("list", { name: "Chat changes" }).locator(":scope > li");
    await expect(entries).toHaveCount(2);
    await expect(entries.first()).toContainText("Version 2");
    await expect(entries.first()).toContainText("Edited");
    await expect(entries.first()).toContainText("Current");
    await expect(entries.first()).toContainText("editor@attache.test");
    await expect(entries.first()).toContainText("“Trying installers”");
    await expect(entries.first().getByRole("list", { name: "Added extensions" })).toHaveText("exe");
    await expect(entries.nth(1)).toContainText("owner@attache.test");
    // The current version cannot be restored onto itself.
    await expect(history.getByRole("button", { name: "Restore version 2" })).toHaveCount(0);

    // Restoring version 1 shows what it changes from now, and asks.
    await history.getByRole("button", { name: "Restore version 1" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Restore version 1?" });
    const change = confirm.getByRole("region", { name: "Change to restore" });
    await expect(change.getByRole("list", { name: "Removed extensions" })).toHaveText("exe");
    await expect(change.getByRole("list", { name: "Added extensions" })).toHaveCount(0);
    // Escape closes only the question, not the history behind it.
    await page.keyboard.press("Escape");
    await expect(confirm).toHaveCount(0);
    await expect(history).toBeVisible();
    await expect(chipsOf(page, "Chat")).toHaveText(["pdf", "exe"]);

    await history.getByRole("button", { name: "Restore version 1" }).click();
    await confirm.getByRole("button", { name: "Restore version 1" }).click();
    await expect(history).toBeHidden();
    await expect(toast(page, "Chat restored to version 1 (now version 3).")).toBeVisible();
    await expect(chipsOf(page, "Chat")).toHaveText(["pdf"]);
    // Focus is back on what opened the history.
    await expect(card(page, "Chat").getByRole("button", { name: "Chat history" })).toBeFocused();

    await card(page, "Chat").getByRole("button", { name: "Chat history" }).click();
    await expect(entries.first()).toContainText("Version 3");
    await expect(entries.first()).toContainText("Restored");
    await expect(entries.first().getByRole("list", { name: "Removed extensions" })).toHaveText("exe");
    // Version 1 is what Chat has now: restoring it says so and writes nothing.
    await history.getByRole("button", { name: "Restore version 1" }).click();
    const nothing = page.getByRole("alertdialog", { name: "Nothing to restore" });
    await expect(nothing).toContainText("already has the size limit and extensions it had at version 1");
    await nothing.getByRole("button", { name: "Back to the history" }).click();
    await expect(entries).toHaveCount(3);
    await history.getByRole("button", { name: "Close" }).click();

    await card(page, "Chat").getByRole("button", { name: "Reset Chat to default" }).click();
    const reset = page.getByRole("dialog", { name: "Reset Chat to default" });
    await expect(reset.getByRole("region", { name: "Change to save" })).toContainText("1 MB → 20 MB");
    await reset.getByRole("button", { name: "Reset to default" }).click();
    await expect(toast(page, "Chat is back on Amazon Connect's default (version 4).")).toBeVisible();
    // The Reset button is gone with the configuration; focus lands on the card's next action.
    await expect(card(page, "Chat").getByRole("button", { name: "Edit Chat" })).toBeFocused();
    await expect(card(page, "Chat").getByText("Default", { exact: true })).toBeVisible();
    await expect(card(page, "Chat").getByRole("button", { name: "Reset Chat to default" })).toHaveCount(0);
  });

  test("copies one scope's policy to the chosen scopes", async ({ page, owner, instance }) => {
    await setPolicy(owner, instance.id, "CASE", { maximumSizeLimitInBytes: 10 * 1024, allowedExtensions: ["csv"] });
    await page.goto(`/attachments/${instance.id}`);
    await card(page, "Cases").getByRole("button", { name: "Copy to other scopes from Cases" }).click();
    const dialog = page.getByRole("dialog", { name: "Copy Cases to other scopes" });
    await dialog.getByLabel("Email").check();
    await dialog.getByLabel("Tasks").check();
    await dialog.getByRole("button", { name: "Copy to 2 scopes" }).click();
    await expect(toast(page, "Copied Cases to Email, Tasks.")).toBeVisible();
    await expect(chipsOf(page, "Email")).toHaveText(["csv"]);
    await expect(chipsOf(page, "Tasks")).toHaveText(["csv"]);
    await expect(card(page, "Tasks")).toContainText("10 KB");
    await expect(card(page, "Chat").getByText("Default", { exact: true })).toBeVisible();
  });

  test("the tester explains why a file would be refused", async ({ page, owner, instance }) => {
    await setPolicy(owner, instance.id, "CHAT", { maximumSizeLimitInBytes: 1024 * 1024, allowedExtensions: ["pdf"] });
    await page.goto(`/attachments/${instance.id}`);
    const tester = page.getByRole("region", { name: "Policy tester" });
    const verdict = (label: string) => tester.getByRole("row", { name: new RegExp(`^${label}`) });

    await tester.getByLabel("File name").fill("invoice.exe");
    await expect(verdict("Chat")).toContainText("INVALID_FILE_TYPE");
    await expect(verdict("Chat")).toContainText(".exe files are not on this scope's list of allowed extensions.");
    await expect(verdict("Email")).toContainText("INVALID_FILE_TYPE");

    await tester.getByLabel("File name").fill("invoice.pdf");
    await tester.getByLabel("File size", { exact: true }).fill("2");
    await expect(verdict("Chat")).toContainText("INVALID_FILE_SIZE");
    await expect(verdict("Chat")).toContainText("The file is 2 MB, over this scope's limit of 1 MB.");

    // Near the limit, the verdict shows exact bytes rather than two equal rounded figures.
    await setPolicy(owner, instance.id, "CHAT", { maximumSizeLimitInBytes: 10 * 1024 * 1024 });
    await page.reload();
    await tester.getByLabel("File name").fill("invoice.pdf");
    await tester.getByLabel("File size", { exact: true }).fill("10,500,000 bytes");
    await expect(verdict("Chat")).toContainText(
      "The file is 10,500,000 bytes, over this scope's limit of 10,485,760 bytes (10 MB).",
    );
    await expect(verdict("Chat")).not.toContainText("10 MB, over");
    await tester.getByLabel("File size", { exact: true }).fill("2 MB");
    await expect(verdict("Email")).toContainText("Allowed");

    // A chosen file only lends its name and size.
    await tester.getByLabel("Or test a file").setInputFiles({
      name: "scan.PDF",
      mimeType: "application/pdf",
      buffer: Buffer.alloc(512 * 1024),
    });
    await expect(tester.getByLabel("File name")).toHaveValue("scan.PDF");
    await expect(tester.getByLabel("File size", { exact: true })).toHaveValue("512");
    await expect(verdict("Chat")).toContainText("Allowed");
  });

  test("exports the policies to JSON and imports them back after a change", async ({ page, owner, instance }) => {
    await setPolicy(owner, instance.id, "CHAT", {
      maximumSizeLimitInBytes: 5 * 1024 * 1024,
      allowedExtensions: ["pdf", "png"],
    });
    await page.goto(`/attachments/${instance.id}`);
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export JSON" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`attache-policies-${instance.alias}.json`);
    const exported = JSON.parse(await readFile(await download.path(), "utf8"));
    expect(exported.format).toBe("attache.attachment-policies/v1");
    expect(exported.policies.CHAT).toEqual({
      maximumSizeLimitInBytes: 5_242_880,
      allowedExtensions: ["pdf", "png"],
      isDefault: false,
    });

    await setPolicy(owner, instance.id, "CHAT", { maximumSizeLimitInBytes: 1024, allowedExtensions: ["txt"] });
    await page.reload();
    await expect(chipsOf(page, "Chat")).toHaveText(["txt"]);

    await page.getByRole("button", { name: "Import JSON…" }).click();
    const dialog = page.getByRole("dialog", { name: "Import policies" });
    const fileInput = dialog.getByLabel("Policy file (JSON)");
    await fileInput.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{nope") });
    await expect(dialog.getByRole("alert")).toContainText("broken.json cannot be imported");
    await expect(dialog.getByRole("alert")).toContainText("This file is not valid JSON");
    await expect(dialog.getByRole("button", { name: "Apply" })).toBeDisabled();

    await fileInput.setInputFiles({
      name: "other.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ ...exported, format: "something-else" })),
    });
    await expect(dialog.getByRole("alert")).toContainText("This is not an Attache policy export");

    await fileInput.setInputFiles(await download.path());
    const chat = dialog.getByRole("listitem", { name: "Chat preview" });
    await expect(chat).toContainText("Changes");
    await expect(chat).toContainText("1 KB → 5 MB");
    await expect(chat.getByRole("list", { name: "Added extensions" }).getByRole("listitem")).toHaveText(["pdf", "png"]);
    await expect(chat.getByRole("list", { name: "Removed extensions" })).toHaveText("txt");
    await expect(dialog.getByRole("listitem", { name: "Email preview" })).toContainText("Unchanged");
    await dialog.getByRole("button", { name: "Apply" }).click();

    await expect(dialog).toBeHidden();
    await expect(toast(page, /Chat updated/)).toBeVisible();
    await expect(chipsOf(page, "Chat")).toHaveText(["pdf", "png"]);
    await expect(card(page, "Chat")).toContainText("5,242,880 bytes");
    await expect(card(page, "Email").getByText("Default", { exact: true })).toBeVisible();
  });

  test("an unknown instance id says the instance does not exist", async ({ page }) => {
    await page.goto("/attachments/00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("heading", { name: "Instance not found" })).toBeVisible();
    await page.getByRole("link", { name: "Choose one from the list." }).click();
    await expect(page).toHaveURL("/attachments");
  });
});

test.describe("as an editor, keeping work safe", () => {
  test.use({ storageState: storageStateFor("editor") });

  test("changes the Chat policy with the keyboard alone, and focus returns to Edit", async ({ page, instance }) => {
    await page.goto(`/attachments/${instance.id}`);
    const edit = card(page, "Chat").getByRole("button", { name: "Edit Chat" });
    await tabTo(page, edit);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Edit Chat policy" });
    // The dialog opens on its first field.
    const size = dialog.getByLabel("Maximum file size", { exact: true });
    await expect(size).toBeFocused();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("5");
    await tabTo(page, dialog.getByRole("button", { name: "Remove all" }));
    await page.keyboard.press("Enter");
    // The button is gone with the chips; focus is where the next extension is typed.
    await expect(dialog.getByLabel("Allowed extensions")).toBeFocused();
    await page.keyboard.type("pdf png");
    await page.keyboard.press("Enter");
    await tabTo(page, dialog.getByRole("button", { name: "Review changes" }));
    await page.keyboard.press("Enter");
    await expect(dialog.getByRole("heading", { name: "Review your change" })).toBeFocused();
    await tabTo(page, dialog.getByRole("button", { name: "Confirm and save" }));
    await page.keyboard.press("Enter");

    await expect(dialog).toBeHidden();
    await expect(toast(page, "Chat policy saved (version 1).")).toBeVisible();
    await expect(edit).toBeFocused();
    await expect(chipsOf(page, "Chat")).toHaveText(["pdf", "png"]);
    await expect(card(page, "Chat")).toContainText("5,242,880 bytes");
  });

  test("closing the editor with unsaved changes asks first, and keeps them unless discarded", async ({
    page,
    instance,
  }) => {
    // Arrive by a link, so the browser's Back stays inside the console.
    await page.goto("/attachments");
    await page.getByRole("link", { name: new RegExp(instance.alias) }).click();
    await expect(page).toHaveURL(`/attachments/${instance.id}`);
    const dialog = await openEditor(page, "Email");
    // Nothing changed yet: Escape simply closes.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    await card(page, "Email").getByRole("button", { name: "Edit Email" }).click();
    await dialog.getByLabel("Maximum file size", { exact: true }).fill("7");
    await page.keyboard.press("Escape");
    const ask = page.getByRole("alertdialog", { name: "Discard your changes?" });
    await expect(ask).toContainText("Your changes to the Email policy are not saved.");
    await expect(ask.getByRole("button", { name: "Keep editing" })).toBeFocused();
    await ask.getByRole("button", { name: "Keep editing" }).click();
    await expect(ask).toHaveCount(0);
    await expect(dialog.getByLabel("Maximum file size", { exact: true })).toHaveValue("7");

    // Escape on the question answers only the question: the editor and its input stay.
    await page.keyboard.press("Escape");
    await expect(ask).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(ask).toHaveCount(0);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Maximum file size", { exact: true })).toHaveValue("7");

    // Going back in the browser asks too, and staying keeps everything.
    await page.evaluate(() => window.history.back());
    const leave = page.getByRole("alertdialog", { name: "Leave this page?" });
    await expect(leave).toContainText("Your changes to the Email policy are not saved yet.");
    await leave.getByRole("button", { name: "Stay" }).click();
    await expect(page).toHaveURL(`/attachments/${instance.id}`);
    await expect(dialog.getByLabel("Maximum file size", { exact: true })).toHaveValue("7");

    await dialog.getByRole("button", { name: "Close" }).click();
    await ask.getByRole("button", { name: "Discard changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(card(page, "Email")).toContainText("20 MB");
    await expect(card(page, "Email").getByRole("button", { name: "Edit Email" })).toBeFocused();
  });

  test("a save while offline says so and keeps the input; it saves once back online", async ({
    page,
    context,
    instance,
  }) => {
    await page.goto(`/attachments/${instance.id}`);
    const dialog = await openEditor(page, "Tasks");
    await dialog.getByLabel("Maximum file size", { exact: true }).fill("3");
    await dialog.getByLabel("Allowed extensions").fill("zip");
    await dialog.getByLabel("Allowed extensions").press("Enter");
    await dialog.getByRole("button", { name: "Review changes" }).click();

    await context.setOffline(true);
    await dialog.getByRole("button", { name: "Confirm and save" }).click();
    const failed = dialog.getByRole("alert").filter({ hasText: "Your change was not saved." });
    await expect(failed).toContainText("You are offline.");
    // Every way on stays open: back to the input, or try again.
    await dialog.getByRole("button", { name: "Back to editing" }).click();
    await expect(dialog.getByLabel("Maximum file size", { exact: true })).toHaveValue("3");
    await expect(dialog.getByRole("list", { name: "Chosen extensions" })).toContainText("zip");
    await dialog.getByRole("button", { name: "Review changes" }).click();

    await context.setOffline(false);
    await dialog.getByRole("button", { name: "Confirm and save" }).click();
    await expect(dialog).toBeHidden();
    await expect(toast(page, "Tasks policy saved (version 1).")).toBeVisible();
    await expect(card(page, "Tasks")).toContainText("3 MB");
  });

  test("a save the server never answers ends with a message and a way to retry", async ({ page, instance }) => {
    await page.goto(`/attachments/${instance.id}`);
    const dialog = await openEditor(page, "Cases");
    await dialog.getByLabel("Maximum file size", { exact: true }).fill("4");
    await dialog.getByRole("button", { name: "Review changes" }).click();
    // The request reaches nothing that answers.
    await page.route("**/api/trpc/policy.update**", () => undefined);
    await dialog.getByRole("button", { name: "Confirm and save" }).click();
    await expect(dialog.getByRole("button", { name: "Saving…" })).toBeDisabled();
    await expect(dialog.getByRole("alert").filter({ hasText: "did not answer within 15 seconds" })).toBeVisible({
      timeout: 20_000,
    });
    await page.unroute("**/api/trpc/policy.update**");
    await dialog.getByRole("button", { name: "Try again" }).click();
    await expect(toast(page, "Cases policy saved (version 1).")).toBeVisible();
  });

  test("Undo in the confirmation puts the policy back as it was", async ({ page, instance }) => {
    await page.goto(`/attachments/${instance.id}`);
    const dialog = await openEditor(page, "Chat");
    await dialog.getByRole("button", { name: "Remove all" }).click();
    await dialog.getByLabel("Allowed extensions").fill("txt");
    await dialog.getByLabel("Allowed extensions").press("Enter");
    await dialog.getByRole("button", { name: "Review changes" }).click();
    await dialog.getByRole("button", { name: "Confirm and save" }).click();
    await expect(chipsOf(page, "Chat")).toHaveText(["txt"]);

    await toast(page, "Chat policy saved (version 1).").getByRole("button", { name: "Undo" }).click();
    await expect(toast(page, "Undone: Chat is back as it was (now version 2).")).toBeVisible();
    await expect(chipsOf(page, "Chat")).toHaveCount(18);
    await expect(card(page, "Chat").getByText("Default", { exact: true })).toBeVisible();
  });

  test("more than 500 extensions are counted and refused before review", async ({ page, instance }) => {
    await page.goto(`/attachments/${instance.id}`);
    const dialog = await openEditor(page, "Email");
    await dialog.getByRole("button", { name: "Remove all" }).click();
    const many = Array.from({ length: 510 }, (_, index) => `x${index}`).join(" ");
    await dialog.getByLabel("Allowed extensions").evaluate((element, text) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData("text/plain", text);
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
    }, many);
    await expect(dialog.getByText("510 of at most 500")).toBeVisible();
    await expect(dialog.getByText("At most 500 extensions can be allowed; remove 10 before saving.")).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Review changes" })).toBeDisabled();
  });

  test("an import with a bad extension and an unknown scope lists both problems in words", async ({
    page,
    instance,
  }) => {
    await page.goto(`/attachments/${instance.id}`);
    await page.getByRole("button", { name: "Import JSON…" }).click();
    const dialog = page.getByRole("dialog", { name: "Import policies" });
    const file = {
      format: "attache.attachment-policies/v1",
      policies: {
        CHAT: { maximumSizeLimitInBytes: 1024, allowedExtensions: ["pdf", "😀"], isDefault: false },
        FAX: { maximumSizeLimitInBytes: 1024, allowedExtensions: ["pdf"], isDefault: false },
      },
    };
    await dialog.getByLabel("Policy file (JSON)").setInputFiles({
      name: "mixed.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(file)),
    });
    const problems = dialog.getByRole("alert").filter({ hasText: "mixed.json cannot be imported" });
    const items = problems.getByRole("listitem");
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: "Chat: the extension “😀”" })).toContainText(
      "may only contain letters, digits, hyphens and underscores",
    );
    await expect(items.filter({ hasText: "“FAX” is not a scope" })).toContainText("EMAIL, CHAT, CASE or TASK");
    await expect(problems).not.toContainText("policies.");
    await expect(dialog.getByRole("button", { name: "Apply" })).toBeDisabled();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees the policies and their history but no edit actions", async ({ page, owner, instance }) => {
    await setPolicy(owner, instance.id, "CHAT", { maximumSizeLimitInBytes: 1024 * 1024, allowedExtensions: ["pdf"] });
    await page.goto("/instances");
    await page
      .getByRole("row", { name: new RegExp(instance.alias) })
      .getByRole("link", { name: "Attachment policies" })
      .click();
    await expect(page).toHaveURL(`/attachments/${instance.id}`);
    await expect(chipsOf(page, "Chat")).toHaveText(["pdf"]);
    await expect(card(page, "Email").getByText("Default", { exact: true })).toBeVisible();
    await expect(page.getByText("Changing them needs the editor role.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Export JSON" })).toBeVisible();
    for (const name of [/^Edit /, /^Copy to other scopes/, /^Reset /, /^Import/]) {
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }

    await card(page, "Chat").getByRole("button", { name: "Chat history" }).click();
    const history = page.getByRole("dialog", { name: "Chat history" });
    await expect(history).toContainText("Version 1");
    await expect(history.getByRole("button", { name: /^Restore/ })).toHaveCount(0);
  });
});
