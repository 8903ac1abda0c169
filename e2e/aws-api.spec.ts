import {
  ConnectClient,
  ConnectServiceException,
  DescribeAttachedFilesConfigurationCommand,
  ListInstancesCommand,
  UpdateAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { DEMO_INSTANCE, E2E_API_KEY, expect, mutate, storageStateFor, test, uniqueAlias } from "./fixtures";

/**
 * The AWS-compatible API through the real Next.js server: the official SDK with only a custom
 * endpoint, using the bootstrap key the e2e server is started with.
 */
const DEMO_INSTANCE_ID = DEMO_INSTANCE.id;

function client(baseURL: string | undefined, endpointSuffix = "/api/aws") {
  return new ConnectClient({
    region: "us-east-1",
    endpoint: `${baseURL}${endpointSuffix}`,
    credentials: E2E_API_KEY,
    maxAttempts: 1,
  });
}

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectServiceException);
  const { name, $metadata } = error as ConnectServiceException;
  return { name, status: $metadata.httpStatusCode };
}

test("the SDK discovers the demo instance and reads its policy", async ({ baseURL }) => {
  const sdk = client(baseURL);
  const { InstanceSummaryList } = await sdk.send(new ListInstancesCommand({}));
  expect(InstanceSummaryList?.map((summary) => summary.InstanceAlias)).toContain("attache-demo");
  const { AttachedFilesConfiguration } = await sdk.send(
    new DescribeAttachedFilesConfigurationCommand({ InstanceId: DEMO_INSTANCE_ID, AttachmentScope: "EMAIL" }),
  );
  expect(AttachedFilesConfiguration?.InstanceId).toBe(DEMO_INSTANCE_ID);
  sdk.destroy();
});

test("an empty last label reaches the API as a 400, not a redirect", async ({ baseURL }) => {
  const sdk = client(baseURL);
  expect(
    await errorOf(
      sdk.send(
        new DescribeAttachedFilesConfigurationCommand({ InstanceId: DEMO_INSTANCE_ID, AttachmentScope: "" as never }),
      ),
    ),
  ).toEqual({ name: "InvalidParameterException", status: 400 });
  sdk.destroy();
});

test("an empty middle label (a // in the path) reaches the API as a 400, not a redirect", async ({ baseURL }) => {
  const sdk = client(baseURL);
  expect(
    await errorOf(sdk.send(new DescribeAttachedFilesConfigurationCommand({ InstanceId: "", AttachmentScope: "CHAT" }))),
  ).toEqual({ name: "InvalidParameterException", status: 400 });
  sdk.destroy();
});

test("an endpoint with a trailing slash works too", async ({ baseURL }) => {
  const sdk = client(baseURL, "/api/aws/");
  const { AttachedFilesConfiguration } = await sdk.send(
    new DescribeAttachedFilesConfigurationCommand({ InstanceId: DEMO_INSTANCE_ID, AttachmentScope: "CASE" }),
  );
  expect(AttachedFilesConfiguration?.AttachmentScope).toBe("CASE");
  sdk.destroy();
});

test("an encoded slash stays inside its label", async ({ baseURL }) => {
  const sdk = client(baseURL);
  expect(
    await errorOf(
      sdk.send(new DescribeAttachedFilesConfigurationCommand({ InstanceId: "inst 1/x", AttachmentScope: "CHAT" })),
    ),
  ).toEqual({ name: "ResourceNotFoundException", status: 404 });
  sdk.destroy();
});

test("a wrong secret is refused", async ({ baseURL }) => {
  const sdk = new ConnectClient({
    region: "us-east-1",
    endpoint: `${baseURL}/api/aws`,
    credentials: { ...E2E_API_KEY, secretAccessKey: "wrong-secret-wrong-secret" },
    maxAttempts: 1,
  });
  expect(
    await errorOf(
      sdk.send(
        new UpdateAttachedFilesConfigurationCommand({
          InstanceId: DEMO_INSTANCE_ID,
          AttachmentScope: "TASK",
          MaximumSizeLimitInBytes: 1,
        }),
      ),
    ),
  ).toEqual({ name: "AccessDeniedException", status: 403 });
  sdk.destroy();
});

test("unknown routes and unsigned requests get JSON errors, never a page", async ({ request }) => {
  for (const path of ["/api/aws/no-such-operation", "/api/aws", "/api/aws/attached-files-configurations/x/CHAT"]) {
    const response = await request.get(path);
    expect(response.headers()["content-type"]).toBe("application/json");
    expect(response.headers()["x-amzn-errortype"]).toMatch(/^(UnknownOperationException|AccessDeniedException)$/);
    expect(response.headers()["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof (await response.json()).Message).toBe("string");
  }
});

test.describe("one policy, two doors", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("a change made with the SDK shows in the console, as made by the API key", async ({ page, baseURL }) => {
    const alias = uniqueAlias("sdk-door");
    const { id: instanceId } = await mutate<{ id: string }>(page.request, "instance.create", { alias });

    const sdk = client(baseURL);
    await sdk.send(
      new UpdateAttachedFilesConfigurationCommand({
        InstanceId: instanceId,
        AttachmentScope: "CHAT",
        MaximumSizeLimitInBytes: 5 * 1024 * 1024,
        ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }, { Extension: "png" }] },
      }),
    );
    sdk.destroy();

    await page.goto(`/attachments/${instanceId}`);
    const chat = page.getByRole("region", { name: "Chat", exact: true });
    await expect(chat.getByText("5 MB", { exact: true })).toBeVisible();
    await expect(chat.getByRole("list", { name: "Chat allowed extensions" }).getByRole("listitem")).toHaveText([
      "pdf",
      "png",
    ]);
    await expect(chat).toContainText(`API key ${E2E_API_KEY.accessKeyId}`);
    await expect(
      page.getByRole("region", { name: "Email", exact: true }).getByText("Default", { exact: true }),
    ).toBeVisible();
  });
});
