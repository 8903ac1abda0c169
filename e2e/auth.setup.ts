import { DEMO, expect, test as setup, signInThroughIdp, storageStateFor } from "./fixtures";

for (const who of ["owner", "editor", "viewer"] as const) {
  setup(`sign in as the demo ${who}`, async ({ page }) => {
    await signInThroughIdp(page, DEMO[who]);
    await expect(page).toHaveURL("/");
    await expect(page.getByTestId("signed-in-user")).toContainText(DEMO[who].email);
    await page.context().storageState({ path: storageStateFor(who) });
  });
}
