import {
  ConnectClient,
  CreateWorkspaceCommand,
  ImportWorkspaceMediaCommand,
  ListWorkspaceMediaCommand,
} from "@aws-sdk/client-connect";
import sharp from "sharp";
import { HOSTILE_SVGS } from "../src/server/workspaces/media/hostile-svgs";
import { E2E_API_KEY, expect, test } from "./fixtures";

/**
 * What Attache serves from imported media is inert in a real browser: every hostile SVG family that is
 * accepted, and raster polyglots, are imported through the official SDK, then each stored image's URL
 * is opened in Chromium. No dialog may open and no request may leave for anything but the image itself.
 */

type TStored = { name: string; source: string };

async function importAll(baseURL: string, instanceId: string): Promise<{ stored: TStored[]; refused: string[] }> {
  const sdk = new ConnectClient({
    region: "us-east-1",
    endpoint: `${baseURL}/api/aws`,
    credentials: E2E_API_KEY,
    maxAttempts: 1,
  });
  const logo = await sharp({ create: { width: 120, height: 40, channels: 4, background: "#1a73e8" } })
    .png()
    .toBuffer();
  const gif = await sharp({ create: { width: 120, height: 40, channels: 4, background: "#0f766e" } })
    .gif()
    .toBuffer();
  const inputs: Array<[string, Buffer]> = [
    ...HOSTILE_SVGS.map(([name, svg]): [string, Buffer] => [name, Buffer.from(svg)]),
    ["a PNG followed by an HTML page", Buffer.concat([logo, Buffer.from("<html><script>alert(1)</script></html>")])],
    ["a GIF followed by a script", Buffer.concat([gif, Buffer.from("<script>alert(document.domain)</script>")])],
  ];
  const stored: TStored[] = [];
  const refused: string[] = [];
  try {
    for (const [index, [name, bytes]] of inputs.entries()) {
      const { WorkspaceId } = await sdk.send(
        new CreateWorkspaceCommand({ InstanceId: instanceId, Name: `Hostile ${index} ${Date.now()}` }),
      );
      try {
        await sdk.send(
          new ImportWorkspaceMediaCommand({
            InstanceId: instanceId,
            WorkspaceId,
            MediaType: "IMAGE_LOGO_LIGHT_HORIZONTAL",
            MediaSource: bytes.toString("base64"),
          }),
        );
      } catch (error) {
        expect((error as Error).name, name).toBe("InvalidRequestException");
        refused.push(name);
        continue;
      }
      const { Media } = await sdk.send(new ListWorkspaceMediaCommand({ InstanceId: instanceId, WorkspaceId }));
      stored.push({ name, source: Media?.[0]?.Source ?? "" });
    }
  } finally {
    sdk.destroy();
  }
  return { stored, refused };
}

test("every served media URL is inert in Chromium: no dialog, no request elsewhere", async ({
  page,
  instance,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { stored, refused } = await importAll(baseURL ?? "", instance.id);
  expect(stored.length + refused.length).toBe(HOSTILE_SVGS.length + 2);
  expect(stored.length, `refused: ${refused.join("; ")}`).toBeGreaterThanOrEqual(12);

  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (request) => requests.push(request.url()));

  for (const { name, source } of stored) {
    requests.length = 0;
    const response = await page.goto(source);
    expect(response?.status(), name).toBe(200);
    expect(response?.headers()["content-security-policy"], name).toBe(
      "sandbox; default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(response?.headers()["x-content-type-options"], name).toBe("nosniff");
    // Anything that would run (a script, an onload, an animation starting at 0) has had its chance by then.
    await page.waitForLoadState("load");
    const elsewhere = requests.filter((url) => url !== source && new URL(url).pathname !== "/favicon.ico");
    expect(elsewhere, name).toEqual([]);
  }
  expect(dialogs).toEqual([]);
});
