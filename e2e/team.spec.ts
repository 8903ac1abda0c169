import type { Page } from "@playwright/test";
import {
  DEMO,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  signInThroughIdp,
  storageStateFor,
  tabTo,
  test,
  toast,
} from "./fixtures";

/** A member's row in the members table, by the email shown in it. */
const memberRow = (page: Page, email: string) =>
  page
    .getByRole("table", { name: "Team members" })
    .getByRole("row")
    .filter({ has: page.getByText(email, { exact: true }) });

test.describe("as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("invites a newcomer who signs in with the invited role, changes the role, and removes them, which signs them out", async ({
    page,
    browser,
  }) => {
    // Two browsers, a sign-in through the IdP and axe in both themes, twice.
    test.setTimeout(120_000);
    const email = DEMO.newcomer.email;
    await page.goto("/team");
    await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();

    // The only owner cannot be demoted or removed, and the page says why.
    const ownerRow = memberRow(page, DEMO.owner.email);
    await expect(page.getByText("Olivia Owner is the team's last owner")).toBeVisible();
    await expect(ownerRow.getByRole("button", { name: `Change role of ${DEMO.owner.email}` })).toBeDisabled();
    await expect(ownerRow.getByRole("button", { name: `Remove ${DEMO.owner.email}` })).toBeDisabled();

    // Invite, with the keyboard only.
    await tabTo(page, page.getByLabel("Email address"));
    await page.keyboard.type(email.toUpperCase());
    await page.keyboard.press("Tab");
    const role = page.getByLabel("Role", { exact: true });
    await expect(role).toBeFocused();
    await role.selectOption("editor");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Invite", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(toast(page, `${email} is invited as editor.`)).toBeVisible();
    const invitations = page.getByRole("table", { name: "Pending invitations" });
    await expect(invitations.getByRole("row", { name: new RegExp(email) })).toContainText("Editor");
    await expect(invitations.getByRole("row", { name: new RegExp(email) })).toContainText(`by ${DEMO.owner.email}`);
    await expectAccessible(page, "the Team page with a pending invitation");
    for (const width of [360, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoHorizontalScroll(page, "the Team page of an owner");
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    // Inviting a member again is refused on the field.
    await page.getByLabel("Email address").fill(DEMO.editor.email);
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    await expect(page.getByText(`${DEMO.editor.email} is already on the team, as editor.`)).toBeVisible();
    await page.getByLabel("Email address").fill("");

    // The newcomer signs in, in their own browser, and gets the invited role.
    // (Contexts made here take the describe's options: start this one signed out.)
    const newcomerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const newcomer = await newcomerContext.newPage();
    await signInThroughIdp(newcomer, DEMO.newcomer);
    await expect(newcomer).toHaveURL("/");
    await expect(newcomer.getByTestId("signed-in-user")).toContainText("Editor");

    await page.reload();
    const row = memberRow(page, email);
    await expect(row).toContainText("Nina Newcomer");
    await expect(row).toContainText("Editor");
    await expect(row).toContainText(`Invitation, by ${DEMO.owner.email}`);
    await expect(invitations.getByText(email)).toHaveCount(0);

    // Change the role: it applies at the newcomer's next request.
    await row.getByRole("button", { name: `Change role of ${email}` }).click();
    const dialog = page.getByRole("dialog", { name: `Change the role of ${email}` });
    await expect(dialog.getByLabel("New role")).toBeFocused();
    await dialog.getByLabel("New role").selectOption("viewer");
    await expectAccessible(page, "the change role dialog");
    await dialog.getByRole("button", { name: "Change role" }).click();
    await expect(toast(page, `${email} is now viewer.`)).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText("Viewer");
    await newcomer.reload();
    await expect(newcomer.getByTestId("signed-in-user")).toContainText("Viewer");

    // Remove: the newcomer's open browser is signed out at its next navigation.
    await row.getByRole("button", { name: `Remove ${email}` }).click();
    const confirm = page.getByRole("alertdialog", { name: `Remove ${email}?` });
    await expect(confirm).toContainText("signed out everywhere at once");
    await confirm.getByRole("button", { name: "Remove member" }).click();
    await expect(toast(page, `${email} was removed from the team and signed out.`)).toBeVisible();
    await expect(row).toHaveCount(0);

    await newcomer.goto("/team");
    await expect(newcomer).toHaveURL(/\/signin/);
    await newcomerContext.close();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees who is on the team, read-only, at every width", async ({ page }) => {
    await page.goto("/team");
    await expect(memberRow(page, DEMO.owner.email)).toContainText("Owner");
    await expect(memberRow(page, DEMO.viewer.email)).toContainText("You");
    await expect(page.getByRole("button", { name: "Invite", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Change role of/ })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: /Pending invitations/ })).toHaveCount(0);
    for (const width of [360, 768, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoHorizontalScroll(page, "the Team page");
    }
    await expectAccessible(page, "the Team page as a viewer");
  });
});
