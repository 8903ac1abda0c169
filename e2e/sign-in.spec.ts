import { DEMO, expect, signInThroughIdp, test } from "./fixtures";

test.describe("signing in and out", () => {
  test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
    await page.goto("/instances");
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("heading", { name: "Sign in to your team" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in with Attache dev SSO" })).toBeVisible();
  });

  test("a wrong password is refused on the IdP's login page", async ({ page }) => {
    await signInThroughIdp(page, { email: DEMO.editor.email, password: "not-the-password" });
    await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.editor.email);
  });

  test("people outside the allowed domains are refused with a reason", async ({ page }) => {
    await signInThroughIdp(page, DEMO.outsider);
    await expect(page).toHaveURL(/\/signin\?error=DomainNotAllowed/);
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("email domain is not allowed");
  });

  test("an unverified email is refused with a reason", async ({ page }) => {
    await signInThroughIdp(page, DEMO.unverified);
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText(
      "has not verified your email address",
    );
  });

  test("an editor signs in, sees their role, and signs out for good", async ({ page }) => {
    await signInThroughIdp(page, DEMO.editor);
    await expect(page).toHaveURL("/");
    await expect(page.getByTestId("signed-in-user")).toContainText("Edith Editor");
    await expect(page.getByText("You are an editor on this team.")).toBeVisible();
    await expect(page.getByTestId("signed-in-user")).toContainText("Editor");

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });

  // As the admin, whose sessions no other test keeps: signing out everywhere ends them all.
  test("signing out everywhere ends the person's sessions in every browser", async ({ page, browser }) => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signInThroughIdp(otherPage, DEMO.admin);
    await expect(otherPage).toHaveURL("/");
    await signInThroughIdp(page, DEMO.admin);
    await expect(page).toHaveURL("/");

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Sign out everywhere?" });
    await expect(dialog).toContainText("every browser and on every device");
    await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin/);

    // The other browser's session is gone too: its next page load asks it to sign in.
    await otherPage.goto("/instances");
    await expect(otherPage).toHaveURL(/\/signin/);
    await other.close();
  });
});
