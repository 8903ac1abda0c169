import { randomUUID } from "node:crypto";
import {
  DescribeAttachedFilesConfigurationCommand,
  DescribeInstanceCommand,
  ListAttachedFilesConfigurationsCommand,
  ListInstancesCommand,
  paginateListAttachedFilesConfigurations,
  paginateListInstances,
  UpdateAttachedFilesConfigurationCommand,
} from "@aws-sdk/client-connect";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRateLimits } from "@/env";
import { revokeApiKey } from "@/server/api-keys/api-keys";
import { NOT_VERIFIED } from "@/server/aws/auth/sigv4";
import type { TDb } from "@/server/db";
import { DEFAULT_POLICY } from "@/server/policies/policy-schemas";
import { findActor } from "@/server/team/team";
import { awsFailure, connectClient, createTestApiKey, startAwsServer, type TCredentials } from "@/test/aws";
import { countWrites, createSession, createTestDatabase, createTestInstance } from "@/test/db";

let db: TDb;
let drop: () => Promise<void>;
let server: Awaited<ReturnType<typeof startAwsServer>>;
let key: TCredentials & { id: string };
let client: ReturnType<typeof connectClient>;
let instanceId: string;
let otherInstanceId: string;

const newInstance = () => createTestInstance(db, "aws");
const failure = awsFailure;

const writeCounts = () => countWrites(db);

/** A request signed exactly as the SDK signs, for checking raw status, headers and bodies. */
async function signedFetch(
  request: { method: string; path: string; query?: Record<string, string>; body?: string },
  { credentials = key, endpoint = server.endpoint }: { credentials?: TCredentials; endpoint?: string } = {},
) {
  const url = new URL(`${endpoint}${request.path}`);
  const headers: Record<string, string> = { host: url.host };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const signer = new SignatureV4({
    credentials,
    region: "us-east-1",
    service: "connect",
    sha256: Hash.bind(null, "sha256"),
  });
  const signed = await signer.sign({
    method: request.method,
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: request.query ?? {},
    headers,
    body: request.body,
  });
  const search = new URLSearchParams(request.query ?? {}).toString();
  return fetch(`${url.origin}${url.pathname}${search ? `?${search}` : ""}`, {
    method: request.method,
    headers: signed.headers,
    body: request.body,
  });
}

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  server = await startAwsServer({ db });
  instanceId = (await newInstance()).id;
  otherInstanceId = (await newInstance()).id;
  key = await createTestApiKey(db, { allInstances: true });
  client = connectClient(server.endpoint, key);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  await drop?.();
});

describe("discovering instances", () => {
  it("lists console-created instances with the SDK's paginator and describes one", async () => {
    const created = await newInstance();
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListInstances({ client, pageSize: 1 }, {})) {
      pages++;
      ids.push(...(page.InstanceSummaryList ?? []).map((summary) => summary.Id ?? ""));
    }
    expect(ids).toEqual(expect.arrayContaining([instanceId, otherInstanceId, created.id]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBeGreaterThanOrEqual(3);

    const { Instance } = await client.send(new DescribeInstanceCommand({ InstanceId: created.id }));
    expect(Instance).toMatchObject({
      Id: created.id,
      Arn: `arn:aws:connect:us-east-1:123456789012:instance/${created.id}`,
      InstanceAlias: created.alias,
      InstanceStatus: "ACTIVE",
      IdentityManagementType: "CONNECT_MANAGED",
    });
    expect(Instance?.CreatedTime).toBeInstanceOf(Date);
    expect(Math.abs((Instance?.CreatedTime?.getTime() ?? 0) - created.createdAt.getTime())).toBeLessThan(1);
  });

  it("shows a key scoped to one instance only that instance", async () => {
    const scoped = await createTestApiKey(db, { instanceIds: [instanceId] });
    const scopedClient = connectClient(server.endpoint, scoped);
    const { InstanceSummaryList } = await scopedClient.send(new ListInstancesCommand({}));
    expect(InstanceSummaryList?.map((summary) => summary.Id)).toEqual([instanceId]);
    expect(
      await failure(scopedClient.send(new DescribeInstanceCommand({ InstanceId: otherInstanceId }))),
    ).toMatchObject({
      name: "AccessDeniedException",
      status: 403,
    });
    scopedClient.destroy();
  });
});

describe("attached files configurations", () => {
  it("describes an unconfigured scope as Amazon Connect's default", async () => {
    const { AttachedFilesConfiguration } = await client.send(
      new DescribeAttachedFilesConfigurationCommand({ InstanceId: instanceId, AttachmentScope: "EMAIL" }),
    );
    expect(AttachedFilesConfiguration).toEqual({
      InstanceId: instanceId,
      AttachmentScope: "EMAIL",
      MaximumSizeLimitInBytes: 20_971_520,
      ExtensionConfiguration: {
        AllowedExtensions: DEFAULT_POLICY.allowedExtensions.map((Extension) => ({ Extension })),
      },
    });
  });

  it("updates partially: size only, extensions only, both, neither", async () => {
    const { id } = await newInstance();
    const update = (
      input: Omit<ConstructorParameters<typeof UpdateAttachedFilesConfigurationCommand>[0], "InstanceId">,
    ) => client.send(new UpdateAttachedFilesConfigurationCommand({ InstanceId: id, ...input }));
    const extensionsOf = (output: { ExtensionConfiguration?: { AllowedExtensions?: Array<{ Extension?: string }> } }) =>
      output.ExtensionConfiguration?.AllowedExtensions?.map((item) => item.Extension);

    const sizeOnly = await update({ AttachmentScope: "CHAT", MaximumSizeLimitInBytes: 5_242_880 });
    expect(sizeOnly.MaximumSizeLimitInBytes).toBe(5_242_880);
    expect(extensionsOf(sizeOnly)).toEqual(DEFAULT_POLICY.allowedExtensions);
    expect(sizeOnly.LastModifiedTime).toBeInstanceOf(Date);

    const extensionsOnly = await update({
      AttachmentScope: "CHAT",
      ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }, { Extension: "PNG" }] },
    });
    expect(extensionsOnly.MaximumSizeLimitInBytes).toBe(5_242_880);
    expect(extensionsOf(extensionsOnly)).toEqual(["pdf", "PNG"]);

    const both = await update({
      AttachmentScope: "CHAT",
      MaximumSizeLimitInBytes: 1,
      ExtensionConfiguration: { AllowedExtensions: [] },
    });
    expect(both.MaximumSizeLimitInBytes).toBe(1);
    expect(extensionsOf(both)).toEqual([]);

    const neither = await update({ AttachmentScope: "CHAT" });
    expect(neither.MaximumSizeLimitInBytes).toBe(1);
    expect(extensionsOf(neither)).toEqual([]);

    // "neither" on an unconfigured scope creates its configuration with the default values.
    const created = await update({ AttachmentScope: "TASK" });
    expect(created.MaximumSizeLimitInBytes).toBe(20_971_520);
    expect(created.LastModifiedTime).toBeInstanceOf(Date);

    const described = await client.send(
      new DescribeAttachedFilesConfigurationCommand({ InstanceId: id, AttachmentScope: "CHAT" }),
    );
    expect(described.AttachedFilesConfiguration?.MaximumSizeLimitInBytes).toBe(1);
    const revisions = await db.policyRevision.findMany({ where: { instanceId: id }, orderBy: { createdAt: "asc" } });
    expect(revisions.map((revision) => [revision.scope, revision.version])).toEqual([
      ["CHAT", 1],
      ["CHAT", 2],
      ["CHAT", 3],
      ["TASK", 1],
    ]);
    expect(revisions[0]?.actorLabel).toContain(key.accessKeyId);
    expect(revisions[0]?.actorKind).toBe("API_KEY");
  });

  it("pages through all four scopes with the SDK's paginator", async () => {
    const scopes: string[] = [];
    let pages = 0;
    for await (const page of paginateListAttachedFilesConfigurations(
      { client, pageSize: 1 },
      { InstanceId: instanceId },
    )) {
      pages++;
      scopes.push(...(page.AttachedFilesConfigurations ?? []).map((item) => item.AttachmentScope ?? ""));
    }
    expect(scopes).toEqual(["EMAIL", "CHAT", "CASE", "TASK"]);
    expect(pages).toBe(4);
    const all = await client.send(new ListAttachedFilesConfigurationsCommand({ InstanceId: instanceId }));
    expect(all.AttachedFilesConfigurations).toHaveLength(4);
    expect(all.NextToken).toBeUndefined();
  });

  it("accepts the instance ARN as InstanceId (an encoded / stays inside its label)", async () => {
    const instance = await db.instance.findUniqueOrThrow({ where: { id: instanceId } });
    const { AttachedFilesConfiguration } = await client.send(
      new DescribeAttachedFilesConfigurationCommand({ InstanceId: instance.arn, AttachmentScope: "CASE" }),
    );
    expect(AttachedFilesConfiguration?.InstanceId).toBe(instanceId);
  });

  it("answers ResourceNotFoundException for an instance that does not exist", async () => {
    for (const InstanceId of [randomUUID(), "inst 1/x", "arn:aws:connect:us-east-1:123456789012:instance/nope"]) {
      expect(
        await failure(
          client.send(new DescribeAttachedFilesConfigurationCommand({ InstanceId, AttachmentScope: "CHAT" })),
        ),
      ).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    }
    const before = await writeCounts();
    expect(
      await failure(
        client.send(
          new UpdateAttachedFilesConfigurationCommand({
            InstanceId: randomUUID(),
            AttachmentScope: "CHAT",
            MaximumSizeLimitInBytes: 10,
          }),
        ),
      ),
    ).toMatchObject({ name: "ResourceNotFoundException" });
    expect(await writeCounts()).toEqual(before);
  });
});

type TConstraintCase = {
  operation: string;
  member: string;
  violation: string;
  send: () => Promise<unknown>;
  error: string;
};

const long = (length: number) => "a".repeat(length);
const update = (input: Record<string, unknown>) => () =>
  client.send(
    new UpdateAttachedFilesConfigurationCommand({ InstanceId: instanceId, AttachmentScope: "CHAT", ...input } as never),
  );
const withExtensions = (AllowedExtensions: unknown) => update({ ExtensionConfiguration: { AllowedExtensions } });

/** Every member constraint in the model of the five operations, each violated once. */
const CONSTRAINT_CASES: TConstraintCase[] = [
  ...(
    [
      ["InstanceId", "empty", { InstanceId: "" }],
      ["InstanceId", "101 characters", { InstanceId: long(101) }],
      ["InstanceId", "a NUL character", { InstanceId: "arn:\u0000" }],
      ["InstanceId", "a line break", { InstanceId: "6f0c1d3e-8a52-4c1b-9d7e-2b4a5c6d7e8f\n" }],
      ["AttachmentScope", "not in the enum", { AttachmentScope: "FAX" }],
      ["AttachmentScope", "wrong case", { AttachmentScope: "chat" }],
      ["AttachmentScope", "empty", { AttachmentScope: "" }],
      ["MaximumSizeLimitInBytes", "0 (below 1)", { MaximumSizeLimitInBytes: 0 }],
      ["MaximumSizeLimitInBytes", "negative", { MaximumSizeLimitInBytes: -5 }],
      ["MaximumSizeLimitInBytes", "104857601 (above 100 MB)", { MaximumSizeLimitInBytes: 104_857_601 }],
      ["MaximumSizeLimitInBytes", "not a whole number", { MaximumSizeLimitInBytes: 1.5 }],
      ["ExtensionConfiguration.AllowedExtensions", "missing (required)", { ExtensionConfiguration: {} }],
    ] as const
  ).map(([member, violation, input]) => ({
    operation: "UpdateAttachedFilesConfiguration",
    member,
    violation,
    send: update(input),
    error: "InvalidParameterException",
  })),
  ...(
    [
      ["Extension", "missing (required)", [{}]],
      ["Extension", "empty", [{ Extension: "" }]],
      ["Extension", "11 characters", [{ Extension: long(11) }]],
      ["Extension", "a leading dot", [{ Extension: ".pdf" }]],
      ["Extension", "a space", [{ Extension: "p df" }]],
      ["Extension", "a non-ASCII letter", [{ Extension: "dôc" }]],
      ["Extension", "a slash", [{ Extension: "x/y" }]],
      ["AllowedExtensions", "case-insensitive duplicates", [{ Extension: "pdf" }, { Extension: "PDF" }]],
    ] as const
  ).map(([member, violation, extensions]) => ({
    operation: "UpdateAttachedFilesConfiguration",
    member: `ExtensionConfiguration.AllowedExtensions${member === "Extension" ? ".0.Extension" : ""}`,
    violation,
    send: withExtensions(extensions),
    error: "InvalidParameterException",
  })),
  ...(
    [
      ["InstanceId", "empty", { InstanceId: "" }],
      ["InstanceId", "101 characters", { InstanceId: long(101) }],
      ["InstanceId", "a NUL character", { InstanceId: "arn:\u0000" }],
      ["AttachmentScope", "not in the enum", { AttachmentScope: "FAX" }],
      ["AttachmentScope", "empty", { AttachmentScope: "" }],
    ] as const
  ).map(([member, violation, input]) => ({
    operation: "DescribeAttachedFilesConfiguration",
    member,
    violation,
    send: () =>
      client.send(
        new DescribeAttachedFilesConfigurationCommand({
          InstanceId: instanceId,
          AttachmentScope: "CHAT",
          ...input,
        } as never),
      ),
    error: "InvalidParameterException",
  })),
  ...(
    [
      ["InstanceId", "101 characters", { InstanceId: long(101) }],
      ["MaxResults", "0 (below 1)", { MaxResults: 0 }],
      ["MaxResults", "101 (above 100)", { MaxResults: 101 }],
      ["InstanceId", "a NUL character", { InstanceId: "\u0000" }],
      ["NextToken", "not a token this API issued", { NextToken: "not-a-token" }],
      ["NextToken", "2049 characters", { NextToken: long(2049) }],
      ["NextToken", "a NUL character", { NextToken: "abc\u0000" }],
    ] as const
  ).map(([member, violation, input]) => ({
    operation: "ListAttachedFilesConfigurations",
    member,
    violation,
    send: () => client.send(new ListAttachedFilesConfigurationsCommand({ InstanceId: instanceId, ...input })),
    error: "InvalidParameterException",
  })),
  ...(
    [
      ["MaxResults", "0 (below 1)", { MaxResults: 0 }],
      ["MaxResults", "11 (above 10)", { MaxResults: 11 }],
      ["NextToken", "not a token this API issued", { NextToken: "bm90LWEtdG9rZW4" }],
      ["NextToken", "2049 characters", { NextToken: long(2049) }],
    ] as const
  ).map(([member, violation, input]) => ({
    operation: "ListInstances",
    member,
    violation,
    send: () => client.send(new ListInstancesCommand(input)),
    error: "InvalidRequestException",
  })),
  ...(
    [
      ["InstanceId", "empty", { InstanceId: "" }],
      ["InstanceId", "101 characters", { InstanceId: long(101) }],
      ["InstanceId", "a NUL character", { InstanceId: "arn:\u0000" }],
      ["InstanceId", "a bidi override", { InstanceId: "arn:\u202E" }],
    ] as const
  ).map(([member, violation, input]) => ({
    operation: "DescribeInstance",
    member,
    violation,
    send: () => client.send(new DescribeInstanceCommand(input)),
    error: "InvalidRequestException",
  })),
];

describe("member constraints", () => {
  it.each(
    CONSTRAINT_CASES.map((testCase) => [`${testCase.operation} ${testCase.member}: ${testCase.violation}`, testCase]),
  )("%s → the modelled 400 error, nothing written", async (_, testCase) => {
    const before = await writeCounts();
    const error = await failure(testCase.send());
    expect(error).toMatchObject({ name: testCase.error, status: 400, fault: "client" });
    const member = testCase.member.split(".")[0] ?? "";
    expect(error.message).toContain(member);
    expect(await writeCounts()).toEqual(before);
  });

  it("names every invalid member at once and writes nothing when one of several is invalid", async () => {
    const before = await writeCounts();
    const error = await failure(
      client.send(
        new UpdateAttachedFilesConfigurationCommand({
          InstanceId: instanceId,
          AttachmentScope: "CHAT",
          MaximumSizeLimitInBytes: 1024,
          ExtensionConfiguration: { AllowedExtensions: [{ Extension: "pdf" }, { Extension: "toolongextension" }] },
        }),
      ),
    );
    expect(error.message).toContain("ExtensionConfiguration.AllowedExtensions.1.Extension");
    expect(await writeCounts()).toEqual(before);
  });

  it("refuses members of the wrong JSON type and bodies that are not JSON objects", async () => {
    const path = `/attached-files-configurations/${instanceId}/CHAT`;
    const before = await writeCounts();
    for (const body of [
      '{"MaximumSizeLimitInBytes":"1024"}',
      "not json",
      "[1,2]",
      '{"ExtensionConfiguration":{"AllowedExtensions":"pdf"}}',
    ]) {
      const response = await signedFetch({ method: "POST", path, body });
      expect(response.status).toBe(400);
      expect(response.headers.get("x-amzn-errortype")).toBe("InvalidParameterException");
    }
    expect(await writeCounts()).toEqual(before);
  });
});

describe("authentication", () => {
  const describeChat = () =>
    new DescribeAttachedFilesConfigurationCommand({ InstanceId: instanceId, AttachmentScope: "CHAT" });

  it("refuses a wrong secret, an unknown key, an expired signature and a revoked key with AccessDeniedException", async () => {
    const cases: Array<[string, ReturnType<typeof connectClient>]> = [
      ["bad signature", connectClient(server.endpoint, { ...key, secretAccessKey: `${key.secretAccessKey}x` })],
      [
        "unknown key",
        connectClient(server.endpoint, { accessKeyId: "ATCHUNKNOWNKEY00000", secretAccessKey: "x".repeat(40) }),
      ],
      ["signed 10 minutes ago", connectClient(server.endpoint, key, { systemClockOffset: -10 * 60_000 })],
      ["signed 10 minutes ahead", connectClient(server.endpoint, key, { systemClockOffset: 10 * 60_000 })],
    ];
    const messages: Record<string, string> = {};
    for (const [label, badClient] of cases) {
      const error = await failure(badClient.send(describeChat()));
      expect({ label, ...error }).toMatchObject({ label, name: "AccessDeniedException", status: 403 });
      messages[label] = error.message;
      badClient.destroy();
    }
    // A wrong secret and an unknown key get the same answer: the API does not say which key ids exist.
    expect(messages["unknown key"]).toBe(messages["bad signature"]);
    expect(messages["bad signature"]).toBe(NOT_VERIFIED);
    // Four minutes of skew is inside the window.
    const skewed = connectClient(server.endpoint, key, { systemClockOffset: -4 * 60_000 });
    await expect(skewed.send(describeChat())).resolves.toBeDefined();
    skewed.destroy();

    const revocable = await createTestApiKey(db, { allInstances: true });
    const revocableClient = connectClient(server.endpoint, revocable);
    await expect(revocableClient.send(describeChat())).resolves.toBeDefined();
    const admin = await findActor({ db, userId: (await createSession(db, "admin")).user.id });
    if (!admin) throw new Error("admin missing");
    await revokeApiKey({ db, actor: admin, id: revocable.id });
    expect(await failure(revocableClient.send(describeChat()))).toMatchObject({
      name: "AccessDeniedException",
      message: NOT_VERIFIED,
    });
    revocableClient.destroy();
  });

  it("refuses an unsigned request, and a body changed after signing", async () => {
    const unsigned = await fetch(`${server.endpoint}/attached-files-configurations/${instanceId}/CHAT`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");

    const before = await writeCounts();
    const tampering = connectClient(server.endpoint, key);
    tampering.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body?: Uint8Array | string };
        const text = typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body);
        request.body = text.replace("1024", "9999");
        return next(args);
      },
      { step: "deserialize", priority: "low" },
    );
    expect(
      await failure(
        tampering.send(
          new UpdateAttachedFilesConfigurationCommand({
            InstanceId: instanceId,
            AttachmentScope: "CHAT",
            MaximumSizeLimitInBytes: 1024,
          }),
        ),
      ),
    ).toMatchObject({ name: "AccessDeniedException" });
    expect(await writeCounts()).toEqual(before);
    tampering.destroy();
  });

  it("refuses unsigned payloads, and a query or path changed after signing", async () => {
    const unsignedPayload = connectClient(server.endpoint, key);
    unsignedPayload.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
        return next(args);
      },
      { step: "build", priority: "low" },
    );
    expect(
      await failure(unsignedPayload.send(new ListAttachedFilesConfigurationsCommand({ InstanceId: instanceId }))),
    ).toMatchObject({
      name: "AccessDeniedException",
    });
    unsignedPayload.destroy();

    const rewriting = (rewrite: (request: { path: string; query: Record<string, string> }) => void) => {
      const sdk = connectClient(server.endpoint, key);
      sdk.middlewareStack.add(
        (next) => async (args) => {
          rewrite(args.request as { path: string; query: Record<string, string> });
          return next(args);
        },
        { step: "deserialize", priority: "low" },
      );
      return sdk;
    };
    const queryChanged = rewriting((request) => {
      request.query.maxResults = "3";
    });
    expect(
      await failure(
        queryChanged.send(new ListAttachedFilesConfigurationsCommand({ InstanceId: instanceId, MaxResults: 1 })),
      ),
    ).toMatchObject({ name: "AccessDeniedException" });
    const pathChanged = rewriting((request) => {
      request.path = request.path.replace(instanceId, otherInstanceId);
    });
    expect(
      await failure(pathChanged.send(new ListAttachedFilesConfigurationsCommand({ InstanceId: instanceId }))),
    ).toMatchObject({
      name: "AccessDeniedException",
    });
    queryChanged.destroy();
    pathChanged.destroy();
  });

  it("refuses a body over 1 MiB, even one sent in chunks without a length, before reading it all", async () => {
    const before = await writeCounts();
    const big = "x".repeat(1024 * 1024 + 1);
    const declared = await signedFetch({
      method: "POST",
      path: `/attached-files-configurations/${instanceId}/CHAT`,
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.headers.get("x-amzn-errortype")).toBe("RequestEntityTooLargeException");
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 40; index++) controller.enqueue(new Uint8Array(64 * 1024));
        controller.close();
      },
    });
    const chunked = await fetch(`${server.endpoint}/attached-files-configurations/${instanceId}/CHAT`, {
      method: "POST",
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await writeCounts()).toEqual(before);
  });

  it("refuses a scoped key that names an out-of-scope instance by its ARN", async () => {
    const scoped = await createTestApiKey(db, { instanceIds: [otherInstanceId] });
    const scopedClient = connectClient(server.endpoint, scoped);
    const arn = (await db.instance.findUniqueOrThrow({ where: { id: instanceId } })).arn;
    expect(
      await failure(
        scopedClient.send(new DescribeAttachedFilesConfigurationCommand({ InstanceId: arn, AttachmentScope: "CHAT" })),
      ),
    ).toMatchObject({ name: "AccessDeniedException", status: 403 });
    scopedClient.destroy();
  });

  it("refuses a key scoped to other instances, and writes nothing", async () => {
    const scoped = await createTestApiKey(db, { instanceIds: [otherInstanceId] });
    const scopedClient = connectClient(server.endpoint, scoped);
    const before = await writeCounts();
    expect(
      await failure(
        scopedClient.send(
          new UpdateAttachedFilesConfigurationCommand({
            InstanceId: instanceId,
            AttachmentScope: "CHAT",
            MaximumSizeLimitInBytes: 7,
          }),
        ),
      ),
    ).toMatchObject({ name: "AccessDeniedException", status: 403 });
    expect(await writeCounts()).toEqual(before);
    scopedClient.destroy();
  });
});

describe("throttling", () => {
  it("answers 429 ThrottlingException with Retry-After per key and operation, counted in the database", async () => {
    const limited = await startAwsServer({
      db,
      rateLimits: parseRateLimits("1000/1,DescribeAttachedFilesConfiguration=2/60"),
    });
    // A second handler (another app server) shares the counts through PostgreSQL.
    const peer = await startAwsServer({
      db,
      rateLimits: parseRateLimits("1000/1,DescribeAttachedFilesConfiguration=2/60"),
    });
    const throttledKey = await createTestApiKey(db, { allInstances: true });
    const first = connectClient(limited.endpoint, throttledKey);
    const second = connectClient(peer.endpoint, throttledKey);
    const describeChat = new DescribeAttachedFilesConfigurationCommand({
      InstanceId: instanceId,
      AttachmentScope: "CHAT",
    });

    await first.send(describeChat);
    await second.send(describeChat);
    expect(await failure(first.send(describeChat))).toMatchObject({ name: "ThrottlingException", status: 429 });

    const raw = await signedFetch(
      { method: "GET", path: `/attached-files-configurations/${instanceId}/CHAT` },
      { credentials: throttledKey, endpoint: limited.endpoint },
    );
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(raw.headers.get("retry-after"))).toBeLessThanOrEqual(60);

    // Other operations and other keys have their own budgets.
    await expect(
      first.send(new ListAttachedFilesConfigurationsCommand({ InstanceId: instanceId })),
    ).resolves.toBeDefined();
    const otherKey = connectClient(limited.endpoint, await createTestApiKey(db, { allInstances: true }));
    await expect(otherKey.send(describeChat)).resolves.toBeDefined();

    for (const sdk of [first, second, otherKey]) sdk.destroy();
    await limited.close();
    await peer.close();
  });
});

describe("wire format", () => {
  it("sends errors as JSON with x-amzn-ErrorType, x-amzn-RequestId and Message", async () => {
    const response = await signedFetch({ method: "GET", path: `/attached-files-configurations/${instanceId}/FAX` });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-amzn-errortype")).toBe("InvalidParameterException");
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    const body = await response.json();
    expect(body).toEqual({ __type: "InvalidParameterException", Message: expect.stringContaining("AttachmentScope") });
  });

  it("answers an encoded NUL in InstanceId (arn:%00) with the modelled 400, not a 500, and writes nothing", async () => {
    const before = await writeCounts();
    const cases = [
      { method: "GET", path: "/instance/arn:%00", error: "InvalidRequestException" },
      { method: "GET", path: "/attached-files-configurations/arn:%00/CHAT", error: "InvalidParameterException" },
      { method: "GET", path: "/attached-files-configurations/arn:%00", error: "InvalidParameterException" },
      {
        method: "POST",
        path: "/attached-files-configurations/arn:%00/CHAT",
        body: '{"MaximumSizeLimitInBytes":5}',
        error: "InvalidParameterException",
      },
    ];
    for (const { error, ...request } of cases) {
      const response = await signedFetch(request);
      expect(response.status, request.path).toBe(400);
      expect(response.headers.get("x-amzn-errortype")).toBe(error);
      expect((await response.json()).Message).toContain(
        "The instance id cannot contain control characters such as NUL or line breaks.",
      );
    }
    expect(await writeCounts()).toEqual(before);
    await expect(client.send(new DescribeInstanceCommand({ InstanceId: instanceId }))).resolves.toBeDefined();
  });

  it("answers an unknown route with a JSON UnknownOperationException, not a page", async () => {
    for (const [method, path] of [
      ["GET", "/no-such-operation"],
      ["GET", "/attached-files-configurations"],
    ] as const) {
      const response = await signedFetch({ method, path });
      expect(response.status).toBe(404);
      expect(response.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
      expect((await response.json()).Message).toContain(method);
    }
  });

  it("answers a method the route does not serve with 405, the methods it does serve, and a JSON error", async () => {
    const before = await writeCounts();
    for (const [method, path, allow] of [
      ["DELETE", `/attached-files-configurations/${instanceId}/CHAT`, "GET, POST"],
      ["POST", "/instance", "GET"],
      ["PUT", `/instance/${instanceId}`, "GET"],
      ["PATCH", `/instance/${instanceId}`, "DELETE, GET, POST, PUT"],
    ] as const) {
      const response = await signedFetch({ method, path, body: method === "POST" ? "{}" : undefined });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("allow"), `${method} ${path}`).toBe(allow);
      expect(response.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
      expect((await response.json()).Message).toContain(`${method} is not supported`);
    }
    expect(await writeCounts()).toEqual(before);
  });

  it("returns the request id the SDK reports, and LastModifiedTime as epoch seconds", async () => {
    const output = await client.send(
      new UpdateAttachedFilesConfigurationCommand({
        InstanceId: instanceId,
        AttachmentScope: "CASE",
        MaximumSizeLimitInBytes: 2048,
      }),
    );
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const raw = await signedFetch({ method: "GET", path: `/attached-files-configurations/${instanceId}/CASE` });
    const body = await raw.json();
    expect(typeof body.AttachedFilesConfiguration.LastModifiedTime).toBe("number");
    expect(Math.abs(body.AttachedFilesConfiguration.LastModifiedTime * 1000 - Date.now())).toBeLessThan(60_000);
  });

  it("records the key's last use", async () => {
    const fresh = await createTestApiKey(db, { allInstances: true });
    const freshClient = connectClient(server.endpoint, fresh);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: fresh.id } })).lastUsedAt).toBeNull();
    await freshClient.send(new ListInstancesCommand({}));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: fresh.id } })).lastUsedAt).toBeInstanceOf(Date);
    freshClient.destroy();
  });
});
