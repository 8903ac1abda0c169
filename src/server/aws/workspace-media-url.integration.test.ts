import {
  CreateWorkspaceCommand,
  ImportWorkspaceMediaCommand,
  ListWorkspaceMediaCommand,
} from "@aws-sdk/client-connect";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/server/db";
import { awsFailure, connectClient, createTestApiKey, startAwsServer, type TCredentials } from "@/test/aws";
import { createTestDatabase, createTestInstance } from "@/test/db";
import { startHttpServer } from "@/test/http";

/**
 * ImportWorkspaceMedia from a URL, end to end through the SDK, against image servers on this
 * machine's loopback only. Every refused form is a loopback address; nothing here ever sends traffic
 * anywhere else (the address rules themselves are unit-tested on addresses alone).
 */

let db: TDb;
let drop: () => Promise<void>;
let key: TCredentials;
let instanceId: string;
let logo: Buffer;
let images: Awaited<ReturnType<typeof startHttpServer>>;
let elsewhere: Awaited<ReturnType<typeof startHttpServer>>;
const requests: string[] = [];
const strayRequests: string[] = [];

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  instanceId = (await createTestInstance(db, "ws-url")).id;
  key = await createTestApiKey(db, { allInstances: true });
  logo = await sharp({ create: { width: 160, height: 40, channels: 4, background: "#0f766e" } })
    .png()
    .toBuffer();
  elsewhere = await startHttpServer((incoming, outgoing) => {
    strayRequests.push(incoming.url ?? "");
    outgoing.writeHead(200, { "content-type": "image/png" }).end(logo);
  });
  images = await startHttpServer((incoming, outgoing) => {
    requests.push(incoming.url ?? "");
    if (incoming.url === "/logo.png") return outgoing.writeHead(200, { "content-type": "image/png" }).end(logo);
    if (incoming.url === "/moved") return outgoing.writeHead(302, { location: "/logo.png" }).end();
    if (incoming.url === "/away") return outgoing.writeHead(302, { location: `${elsewhere.origin}/logo.png` }).end();
    outgoing.writeHead(404).end();
  });
});

afterAll(async () => {
  await images?.close();
  await elsewhere?.close();
  await drop?.();
});

const port = () => new URL(images.origin).port;

/** An API server whose URL import allows `hosts`, and loopback only when `allowLoopback`. */
async function importFrom(source: string, { hosts, allowLoopback }: { hosts: string[]; allowLoopback: boolean }) {
  const server = await startAwsServer({
    db,
    mediaUrlPolicy: {
      allowedHosts: hosts,
      allowedAddresses: allowLoopback ? ["127.0.0.1", "::1"] : [],
      timeoutMs: 2_000,
    },
  });
  const client = connectClient(server.endpoint, key);
  try {
    const { WorkspaceId } = await client.send(
      new CreateWorkspaceCommand({ InstanceId: instanceId, Name: `URL ${Math.random().toString(36).slice(2)}` }),
    );
    const result = await client
      .send(
        new ImportWorkspaceMediaCommand({
          InstanceId: instanceId,
          WorkspaceId,
          MediaType: "IMAGE_LOGO_LIGHT_HORIZONTAL",
          MediaSource: source,
        }),
      )
      .then(async () => ({
        ok: true as const,
        media: (await client.send(new ListWorkspaceMediaCommand({ InstanceId: instanceId, WorkspaceId }))).Media,
      }))
      .catch(async (error: unknown) => ({ ok: false as const, error: await awsFailure(Promise.reject(error)) }));
    return result;
  } finally {
    client.destroy();
    await server.close();
  }
}

describe("ImportWorkspaceMedia from a URL", () => {
  it("fetches from an allowlisted host whose loopback address is explicitly allowed, following a same-host redirect", async () => {
    for (const path of ["/logo.png", "/moved"]) {
      const result = await importFrom(`http://127.0.0.1:${port()}${path}`, {
        hosts: [`127.0.0.1:${port()}`],
        allowLoopback: true,
      });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    expect(requests).toContain("/logo.png");
  });

  it.each([
    ["127.0.0.1", () => `http://127.0.0.1:${port()}/logo.png`, () => [`127.0.0.1:${port()}`]],
    ["[::1]", () => `http://[::1]:${port()}/logo.png`, () => [`[::1]:${port()}`]],
    ["127.0.0.1 as one decimal number", () => `http://2130706433:${port()}/logo.png`, () => [`127.0.0.1:${port()}`]],
    ["localhost", () => `http://localhost:${port()}/logo.png`, () => [`localhost:${port()}`]],
  ])("refuses %s: an allowlisted host on a loopback address that is not explicitly allowed", async (_, url, hosts) => {
    const before = requests.length;
    const result = await importFrom(url(), { hosts: hosts(), allowLoopback: false });
    expect(result).toMatchObject({ ok: false, error: { name: "InvalidRequestException", status: 400 } });
    expect(requests.length).toBe(before);
  });

  it("refuses a host that is not on the list, without connecting", async () => {
    const before = requests.length;
    const result = await importFrom(`http://127.0.0.1:${port()}/logo.png`, {
      hosts: ["images.example.test"],
      allowLoopback: true,
    });
    expect(result).toMatchObject({ ok: false, error: { name: "InvalidRequestException" } });
    expect(result.ok ? "" : result.error.message).toContain("not on this Attache's list");
    expect(requests.length).toBe(before);
  });

  it("refuses a redirect from the allowlisted server to another loopback port", async () => {
    const result = await importFrom(`http://127.0.0.1:${port()}/away`, {
      hosts: [`127.0.0.1:${port()}`],
      allowLoopback: true,
    });
    expect(result).toMatchObject({ ok: false, error: { name: "InvalidRequestException" } });
    expect(strayRequests).toEqual([]);
  });
});
