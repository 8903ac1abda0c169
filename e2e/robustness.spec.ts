import { request as httpRequest } from "node:http";
import { DEMO_INSTANCE, expect, storageStateFor, test } from "./fixtures";

/** A raw request with any method, as a hostile client would send it; bounded by a timeout. */
function rawRequest(baseURL: string, method: string, path: string) {
  return new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
    const url = new URL(baseURL);
    const outgoing = httpRequest({ host: url.hostname, port: url.port, method, path, timeout: 10_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, contentType: response.headers["content-type"] ?? "", body }),
      );
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error(`${method} ${path} got no answer within 10 s`)));
    outgoing.on("error", reject);
    outgoing.end();
  });
}

test.describe("every request gets an answer from the real server", () => {
  test("any method on the API and on a page is answered, and the server keeps serving", async ({ baseURL }) => {
    const origin = baseURL ?? "";
    for (const [method, path] of [
      ["TRACE", "/api/aws/instance"],
      ["PROPFIND", "/api/aws/instance"],
      ["TRACE", "/instances"],
      ["PROPFIND", "/api/trpc/instance.list"],
    ] as const) {
      const answer = await rawRequest(origin, method, path);
      expect(answer.status, `${method} ${path}`).toBe(405);
    }
    const aws = await rawRequest(origin, "TRACE", "/api/aws/instance");
    expect(aws.contentType).toContain("application/json");
    expect(JSON.parse(aws.body).Message).toMatch(/TRACE/);
    expect((await rawRequest(origin, "GET", "/signin")).status).toBe(200);
  });

  test("a malformed percent-encoding is a 400, not a 500", async ({ baseURL }) => {
    for (const path of ["/api/trpc/%ff", "/api/auth/%ff", "/attachments/%ff", "/%E0%A4%A"]) {
      const answer = await rawRequest(baseURL ?? "", "GET", path);
      expect(answer.status, path).toBe(400);
      if (path.startsWith("/api/")) expect(JSON.parse(answer.body).message, path).toMatch(/encod/i);
    }
  });
});

test.describe("the console API is bounded", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("refuses an oversized body and an oversized batch, then serves the next call", async ({ page }) => {
    await page.goto("/instances");
    const results = await page.evaluate(async (instanceId) => {
      const big = await fetch("/api/trpc/policy.update", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { instanceId, scope: "CHAT", reason: "x".repeat(2 * 1024 * 1024) } }),
      });
      const paths = Array.from({ length: 11 }, () => "instance.list").join(",");
      const batch = await fetch(`/api/trpc/${paths}?batch=1&input=${encodeURIComponent("{}")}`);
      const normal = await fetch("/api/trpc/instance.list");
      return { big: big.status, batch: batch.status, normal: normal.status };
    }, DEMO_INSTANCE.id);
    expect(results).toEqual({ big: 413, batch: 400, normal: 200 });
  });
});
