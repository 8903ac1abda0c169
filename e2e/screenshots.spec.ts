/**
 * `npm run screenshots`: the console's pages in docs/screenshots at 1440 px (light and dark) and
 * 390 px, from the e2e server's fresh data plus a few changes made here. Not part of `npm test`.
 */
import { ConnectClient, ListInstancesCommand } from "@aws-sdk/client-connect";
import type { Page } from "@playwright/test";
import { card, DEMO_INSTANCE, expect, mutate, openEditor, setPolicy, storageStateFor, test } from "./fixtures";

const DIR = "docs/screenshots";
const VARIANTS = [
  { name: "1440-light", width: 1440, height: 900, colorScheme: "light" },
  { name: "1440-dark", width: 1440, height: 900, colorScheme: "dark" },
  { name: "390", width: 390, height: 844, colorScheme: "light" },
] as const;

type TVariant = { name: string; width: number; height: number; colorScheme: "light" | "dark" };

async function shoot(
  page: Page,
  name: string,
  prepare: () => Promise<void>,
  { fullPage = true, variants = VARIANTS }: { fullPage?: boolean; variants?: readonly TVariant[] } = {},
) {
  for (const variant of variants) {
    await page.setViewportSize({ width: variant.width, height: variant.height });
    await page.emulateMedia({ colorScheme: variant.colorScheme });
    await prepare();
    await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
    // A full-page picture of a scrolled page repeats the sticky header in the middle.
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${DIR}/${name}-${variant.name}.png`, fullPage, animations: "disabled" });
  }
}

test("sign-in page and the development IdP's login", async ({ page }) => {
  await shoot(page, "01-sign-in", async () => {
    await page.goto("/signin");
  });
  await shoot(page, "02-dev-idp-login", async () => {
    await page.goto("/signin");
    await page.getByRole("button", { name: /Sign in with/ }).click();
    await expect(page.getByRole("heading", { name: "Sign in to Attache" })).toBeVisible();
  });
});

test.describe("signed in as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("console pages and dialogs", async ({ page, owner }) => {
    const instances = [];
    for (const alias of ["support-emea", "sales-na"]) {
      instances.push(await mutate<{ id: string }>(owner, "instance.create", { alias }));
    }
    await setPolicy(owner, DEMO_INSTANCE.id, "CHAT", {
      maximumSizeLimitInBytes: 5 * 1024 * 1024,
      allowedExtensions: ["pdf", "png", "jpg"],
    });
    await setPolicy(owner, DEMO_INSTANCE.id, "CHAT", { allowedExtensions: ["pdf", "png", "jpg", "heic"] });
    await setPolicy(owner, DEMO_INSTANCE.id, "EMAIL", { allowedExtensions: ["pdf", "docx", "xlsx", "csv", "txt"] });
    await setPolicy(owner, instances[0]?.id ?? "", "CASE", { maximumSizeLimitInBytes: 50 * 1024 * 1024 });
    await mutate(owner, "apiKey.create", { name: "nightly-policy-sync", allInstances: true, instanceIds: [] });

    await shoot(page, "03-dashboard", async () => {
      await page.goto("/");
    });
    await shoot(page, "04-instances", async () => {
      await page.goto("/instances");
    });
    await shoot(page, "05-attachments", async () => {
      await page.goto("/attachments");
    });
    await shoot(page, "06-policies", async () => {
      await page.goto(`/attachments/${DEMO_INSTANCE.id}`);
      await page.getByRole("region", { name: "Policy tester" }).getByLabel("File name").fill("invoice.pdf");
      await page.getByLabel("File size", { exact: true }).fill("10,500,000 bytes");
    });
    await shoot(
      page,
      "07-policy-editor",
      async () => {
        await page.goto(`/attachments/${DEMO_INSTANCE.id}`);
        const dialog = await openEditor(page, "Chat");
        await dialog.getByLabel("Allowed extensions").fill("exe");
        await dialog.getByLabel("Allowed extensions").press("Enter");
      },
      { fullPage: false },
    );
    await shoot(
      page,
      "08-policy-history",
      async () => {
        await page.goto(`/attachments/${DEMO_INSTANCE.id}`);
        await card(page, "Chat").getByRole("button", { name: "Chat history" }).click();
        await page.getByRole("button", { name: "Restore version 1" }).click();
      },
      { fullPage: false },
    );
    await shoot(page, "09-api-keys", async () => {
      await page.goto("/api-keys");
    });
    await shoot(page, "10-not-found", async () => {
      await page.goto("/no-such-page");
    });
  });
});

test.describe("branding, signed in as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("a workspace's branding page and the preview before an import", async ({ page, owner }) => {
    const { dropFile, dropTarget, iconPng, importImage, logoPng, slot } = await import("./branding");
    const instanceId = DEMO_INSTANCE.id;
    const workspace = await mutate<{ id: string; version: number }>(owner, "workspace.create", {
      instanceId,
      name: "Support EMEA",
      title: "Acme Support",
      description: "The agent workspace of the EMEA support desk.",
    });
    await importImage(owner, instanceId, workspace.id, "IMAGE_LOGO_LIGHT_HORIZONTAL", await logoPng("#1e3a8a"));
    await importImage(owner, instanceId, workspace.id, "IMAGE_LOGO_DARK_HORIZONTAL", await logoPng("#f8fafc"));
    await importImage(owner, instanceId, workspace.id, "IMAGE_LOGO_LIGHT_FAVICON", await iconPng("#4f46e5"));
    await mutate(owner, "workspace.updateTheme", {
      instanceId,
      workspaceId: workspace.id,
      theme: {
        Light: {
          Palette: {
            Navigation: { TextActive: "#4338ca", TextBackgroundActive: "#eef2ff" },
            Primary: { Default: "#4338ca" },
          },
        },
        Dark: {
          Palette: { Header: { Background: "#111827" }, Primary: { Default: "#a5b4fc", ContrastText: "#111827" } },
        },
      },
    });
    const path = `/branding/${instanceId}/${workspace.id}`;
    /** The console in dark shows the preview in dark too. */
    const open = async () => {
      await page.goto(path);
      const preview = page.getByRole("region", { name: "Preview", exact: true });
      await expect(preview.getByRole("img").first()).toBeVisible();
      if (await page.evaluate(() => document.documentElement.classList.contains("dark"))) {
        await preview.getByRole("radio", { name: "Dark" }).check();
      }
      await expect(preview.getByRole("img").first()).toHaveJSProperty("complete", true);
    };

    await shoot(page, "11-branding-workspaces", async () => {
      await page.goto(`/branding/${instanceId}`);
    });
    await shoot(page, "12-branding-workspace", open);
    await shoot(
      page,
      "13-branding-import-preview",
      async () => {
        await open();
        await dropFile(dropTarget(slot(page, "Dark horizontal logo")), "acme-navy.png", await logoPng("#1e3a8a"));
        const dialog = page.getByRole("dialog", { name: "Replace dark horizontal logo" });
        await expect(dialog.getByRole("list", { name: "Checks" })).toContainText("Low contrast");
      },
      { fullPage: false },
    );
  });
});

test.describe("files, signed in as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("an instance's files and the impact preview before a stricter policy is saved", async ({
    page,
    owner,
    baseURL,
  }) => {
    const { awsClients } = await import("./uploads");
    const { pngBytes } = await import("../src/test/files");
    const instanceId = DEMO_INSTANCE.id;
    await setPolicy(owner, instanceId, "CASE", {
      maximumSizeLimitInBytes: 10 * 1024 * 1024,
      allowedExtensions: ["pdf", "png", "jpg", "docx", "xlsx"],
    });
    const aws = awsClients(baseURL);
    try {
      await aws.upload(instanceId, { fileName: "Q3-billing-report.pdf" });
      await aws.refusedUpload(instanceId, { fileName: "setup.exe" });
      await aws.upload(instanceId, { fileName: "damaged-parcel.png", bytes: await pngBytes(640, 480) });
      await aws.chatUpload(instanceId, { fileName: "bank-statement.pdf" });
      await aws.refusedUpload(instanceId, { fileName: "scanned-manual.pdf", sizeInBytes: 48 * 1024 * 1024 });
      await aws.refusedUpload(instanceId, { fileName: "invoice.pdf.exe" });
      await aws.upload(instanceId, { fileName: "warranty-card.png", bytes: await pngBytes(320, 200) });
      await aws.upload(instanceId, { fileName: "signed-contract.pdf", resource: "task" });
    } finally {
      aws.close();
    }

    await shoot(page, "14-files", async () => {
      await page.goto(`/files/${instanceId}`);
      await expect(page.getByRole("table", { name: "Refused uploads by scope and reason" })).toBeVisible();
    });
    await shoot(
      page,
      "15-policy-impact-preview",
      async () => {
        await page.goto(`/attachments/${instanceId}`);
        const dialog = await openEditor(page, "Cases");
        await dialog.getByRole("button", { name: "Remove png" }).click();
        await dialog.getByRole("button", { name: "Review changes" }).click();
        await expect(dialog.getByRole("region", { name: "Impact on recent uploads" })).toContainText("would refuse");
      },
      { fullPage: false },
    );
  });
});

test.describe("the Team page, signed in as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  // A laptop in light and a phone in dark.
  const TEAM_VARIANTS = [
    { name: "1280-light", width: 1280, height: 800, colorScheme: "light" },
    { name: "390-dark", width: 390, height: 844, colorScheme: "dark" },
  ] as const;

  test("members, pending invitations and the role dialog", async ({ page, owner }) => {
    await mutate(owner, "team.invite", { email: "jordan.lee@attache.test", role: "editor" });
    await mutate(owner, "team.invite", { email: "sam.okafor@attache.test", role: "admin" });

    await shoot(
      page,
      "16-team",
      async () => {
        await page.goto("/team");
        await expect(page.getByRole("table", { name: "Pending invitations" })).toBeVisible();
      },
      { variants: TEAM_VARIANTS },
    );
    await shoot(
      page,
      "17-team-change-role",
      async () => {
        await page.goto("/team");
        await page.getByRole("button", { name: "Change role of editor@attache.test" }).click();
        await page
          .getByRole("dialog", { name: "Change the role of editor@attache.test" })
          .getByLabel("New role")
          .selectOption("admin");
      },
      { fullPage: false, variants: TEAM_VARIANTS },
    );
  });
});

test.describe("API keys, signed in as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("a rotated key during its grace period", async ({ page, owner, baseURL }) => {
    const created = await mutate<{ key: { id: string; accessKeyId: string }; secretAccessKey: string }>(
      owner,
      "apiKey.create",
      { name: "crm-attachment-sync", allInstances: false, instanceIds: [DEMO_INSTANCE.id] },
    );
    // Used once, so its last use and address show.
    const sdk = new ConnectClient({
      region: "us-east-1",
      endpoint: `${baseURL}/api/aws`,
      credentials: { accessKeyId: created.key.accessKeyId, secretAccessKey: created.secretAccessKey },
      maxAttempts: 1,
    });
    await sdk.send(new ListInstancesCommand({}));
    sdk.destroy();
    await mutate(owner, "apiKey.rotate", { id: created.key.id, graceHours: 24 });

    await shoot(page, "20-api-keys-rotated", async () => {
      await page.goto("/api-keys");
      await expect(page.getByRole("row", { name: /crm-attachment-sync/ })).toContainText("Old secret works until");
    });
  });
});

test.describe("the Audit page, signed in as the owner", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("the audit log, and a policy change's before and after", async ({ page, owner }) => {
    const created = await mutate<{ id: string }>(owner, "instance.create", { alias: "support-apac" });
    await mutate(owner, "instance.rename", { id: created.id, alias: "support-apac-sydney" });
    await mutate(owner, "policy.update", {
      instanceId: created.id,
      scope: "EMAIL",
      maximumSizeLimitInBytes: 20 * 1024 * 1024,
      allowedExtensions: ["pdf", "docx", "xlsx", "png"],
      reason: "Claims arrive as spreadsheets and scans",
    });

    await shoot(
      page,
      "18-audit",
      async () => {
        await page.goto("/audit");
        await expect(page.getByRole("table", { name: "Audit events" })).toBeVisible();
      },
      { fullPage: false, variants: [{ name: "1280-light", width: 1280, height: 800, colorScheme: "light" }] },
    );
    await shoot(
      page,
      "19-audit-change-details",
      async () => {
        await page.goto(`/audit?area=policy&target=${created.id}`);
        const row = page
          .getByRole("table", { name: "Audit events" })
          .getByRole("row")
          .filter({ hasText: "Changed a policy" });
        await row.getByText("Before and after").click();
        await expect(row.locator("pre").last()).toBeVisible();
      },
      { variants: [{ name: "390-dark", width: 390, height: 844, colorScheme: "dark" }] },
    );
  });
});
