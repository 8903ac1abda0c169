import { randomUUID } from "node:crypto";
import {
  CreateWorkspaceCommand,
  DeleteWorkspaceCommand,
  DeleteWorkspaceMediaCommand,
  DescribeWorkspaceCommand,
  ImportWorkspaceMediaCommand,
  ListWorkspaceMediaCommand,
  ListWorkspacesCommand,
  paginateListWorkspaces,
  paginateSearchWorkspaces,
  SearchWorkspacesCommand,
  UpdateWorkspaceMetadataCommand,
  UpdateWorkspaceThemeCommand,
  UpdateWorkspaceVisibilityCommand,
  type WorkspaceTheme,
} from "@aws-sdk/client-connect";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/server/db";
import { awsFailure, connectClient, createTestApiKey, startAwsServer, type TCredentials } from "@/test/aws";
import { countWrites, createTestDatabase, createTestInstance } from "@/test/db";

let db: TDb;
let drop: () => Promise<void>;
let server: Awaited<ReturnType<typeof startAwsServer>>;
let key: TCredentials & { id: string };
let client: ReturnType<typeof connectClient>;
let instance: Awaited<ReturnType<typeof createTestInstance>>;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  server = await startAwsServer({ db });
  instance = await createTestInstance(db, "ws");
  key = await createTestApiKey(db, { allInstances: true });
  client = connectClient(server.endpoint, key);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  await drop?.();
});

const uniqueName = (prefix = "Workspace") => `${prefix} ${randomUUID().slice(0, 8)}`;

async function newWorkspace(extra: Partial<ConstructorParameters<typeof CreateWorkspaceCommand>[0]> = {}) {
  const Name = extra.Name ?? uniqueName();
  const created = await client.send(new CreateWorkspaceCommand({ InstanceId: instance.id, Name, ...extra }));
  return { id: created.WorkspaceId as string, arn: created.WorkspaceArn as string, name: Name };
}

/** A solid PNG of the given size, as the SDK user would send it: base64. */
async function png(width: number, height: number, colour = "#1f2937") {
  const bytes = await sharp({ create: { width, height, channels: 4, background: colour } })
    .png()
    .toBuffer();
  return bytes.toString("base64");
}

const THEME: WorkspaceTheme = {
  Light: {
    Palette: {
      Header: { Background: "#ffffff", Text: "#111827", TextHover: "#374151", InvertActionsColors: false },
      Navigation: {
        Background: "#f9fafb",
        TextBackgroundHover: "#f3f4f6",
        TextBackgroundActive: "#e5e7eb",
        Text: "#111827",
        TextHover: "#1f2937",
        TextActive: "#4f46e5",
        InvertActionsColors: false,
      },
      Canvas: { ContainerBackground: "#ffffff", PageBackground: "#f9fafb", ActiveBackground: "#eef2ff" },
      Primary: { Default: "#4f46e5", Active: "#4338ca", ContrastText: "#ffffff" },
    },
    Images: { Logo: { Default: "https://example.test/logo.png", Favicon: "https://example.test/favicon.png" } },
    Typography: { FontFamily: { Default: "Verdana" } },
  },
  Dark: { Palette: { Header: { Background: "rgb(17 24 39)", Text: "white" } } },
};

describe("CreateWorkspace and DescribeWorkspace", () => {
  it("stores every member and describes it back, with an ARN under the instance's", async () => {
    const before = Date.now() / 1000;
    const created = await newWorkspace({
      Description: "Agents of the\r\nnorthern\tregion",
      Title: "North desk",
      Theme: THEME,
      Tags: { team: "north", "cost centre": "42" },
    });
    expect(created.arn).toBe(`${instance.arn}/workspace/${created.id}`);
    const { Workspace } = await client.send(
      new DescribeWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: created.id }),
    );
    expect(Workspace).toMatchObject({
      Id: created.id,
      Arn: created.arn,
      Name: created.name,
      Description: "Agents of the\r\nnorthern\tregion",
      Title: "North desk",
      Visibility: "ALL",
      Theme: THEME,
      Tags: { team: "north", "cost centre": "42" },
      LastModifiedRegion: "us-east-1",
    });
    expect(Workspace?.LastModifiedTime).toBeInstanceOf(Date);
    expect((Workspace?.LastModifiedTime?.getTime() ?? 0) / 1000).toBeGreaterThanOrEqual(before - 1);
  });

  it("finds a workspace by its ARN and an instance by its ARN", async () => {
    const created = await newWorkspace();
    const { Workspace } = await client.send(
      new DescribeWorkspaceCommand({ InstanceId: instance.arn, WorkspaceId: created.arn }),
    );
    expect(Workspace?.Id).toBe(created.id);
  });

  it("refuses a name already used in the instance, ignoring case, with DuplicateResourceException", async () => {
    const created = await newWorkspace({ Name: uniqueName("Duplicate") });
    const writes = await countWrites(db);
    expect(
      await awsFailure(
        client.send(new CreateWorkspaceCommand({ InstanceId: instance.id, Name: created.name.toUpperCase() })),
      ),
    ).toMatchObject({ name: "DuplicateResourceException", status: 409 });
    expect(await countWrites(db)).toEqual(writes);
    // Another instance may use the same name.
    const other = await createTestInstance(db, "ws-other");
    await expect(
      client.send(new CreateWorkspaceCommand({ InstanceId: other.id, Name: created.name })),
    ).resolves.toMatchObject({ WorkspaceId: expect.any(String) });
  });

  it("treats names that look the same as the same name", async () => {
    const base = `file ${randomUUID().slice(0, 8)}`;
    await newWorkspace({ Name: base });
    for (const lookalike of [`ﬁle${base.slice(4)}`, `${base}\u200b`, base.toUpperCase().replace("FILE", "ＦＩＬＥ")]) {
      expect(
        await awsFailure(client.send(new CreateWorkspaceCommand({ InstanceId: instance.id, Name: lookalike }))),
        lookalike,
      ).toMatchObject({ name: "DuplicateResourceException" });
    }
  });

  it.each([
    ["a whitespace-only name", { Name: "   \t " }, "Name: Enter a workspace name"],
    ["no name", { Name: undefined }, "Name: is required."],
    ["a name of 128 characters", { Name: "n".repeat(128) }, "Name: A workspace name has at most 127 characters."],
    ["a name with a control character", { Name: "North\u0007" }, "control characters"],
    ["a description with a bell character", { Description: "ring\u0007" }, "control characters other than line breaks"],
    ["a title with a line break", { Title: "one\ntwo" }, "Title: A title cannot contain control characters"],
    ["a tag key starting with aws:", { Tags: { "aws:owner": "x" } }, 'cannot start with "aws:"'],
    ["51 tags", { Tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }, "at most 50 tags"],
    ["an empty tag map", { Tags: {} }, "at least one entry"],
    [
      "a colour that is CSS but not a colour",
      { Theme: { Light: { Palette: { Header: { Background: "url(https://example.test/x.png)" } } } } },
      "must be a CSS colour",
    ],
    [
      "a font outside the model's enum",
      { Theme: { Light: { Typography: { FontFamily: { Default: "Comic Sans MS" as "Arial" } } } } },
      "The font family must be one of Arial",
    ],
  ])("refuses %s with InvalidParameterException and writes nothing", async (_, members, message) => {
    const writes = await countWrites(db);
    const refused = await awsFailure(
      client.send(new CreateWorkspaceCommand({ InstanceId: instance.id, Name: uniqueName(), ...members } as never)),
    );
    expect(refused).toMatchObject({ name: "InvalidParameterException", status: 400 });
    expect(refused.message).toContain(message);
    expect(await countWrites(db)).toEqual(writes);
  });

  it("accepts the longest name and description the model allows, counted in characters", async () => {
    const name = `${"🙂".repeat(118)}${randomUUID().slice(0, 9)}`;
    const created = await newWorkspace({ Name: name, Description: "é".repeat(500) });
    const { Workspace } = await client.send(
      new DescribeWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: created.id }),
    );
    expect(Workspace?.Name).toBe(name);
    expect(Workspace?.Description).toHaveLength(500);
  });

  it("creates exactly one of ten concurrent workspaces with the same name", async () => {
    const Name = uniqueName("Race");
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        client
          .send(new CreateWorkspaceCommand({ InstanceId: instance.id, Name: index % 2 ? Name : Name.toLowerCase() }))
          .then(() => "created")
          .catch((error: Error) => error.name),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "DuplicateResourceException")).toHaveLength(9);
  });

  it("refuses a workspace past the instance's 500 with ServiceQuotaExceededException", async () => {
    const full = await createTestInstance(db, "ws-full");
    await db.workspace.createMany({
      data: Array.from({ length: 500 }, (_, index) => {
        const id = randomUUID();
        return { id, instanceId: full.id, arn: `${full.arn}/workspace/${id}`, name: `W${index}`, nameKey: `w${index}` };
      }),
    });
    const writes = await countWrites(db);
    expect(
      await awsFailure(client.send(new CreateWorkspaceCommand({ InstanceId: full.id, Name: "One more" }))),
    ).toMatchObject({
      name: "ServiceQuotaExceededException",
      status: 402,
      message: "An instance can have at most 500 workspaces; delete one first.",
    });
    expect(await countWrites(db)).toEqual(writes);
  });

  it("answers ResourceNotFoundException for an unknown workspace, another instance's, or an empty id", async () => {
    const created = await newWorkspace();
    const other = await createTestInstance(db, "ws-missing");
    for (const [InstanceId, WorkspaceId] of [
      [instance.id, randomUUID()],
      [other.id, created.id],
      [instance.id, "not-a-workspace"],
    ] as const) {
      expect(await awsFailure(client.send(new DescribeWorkspaceCommand({ InstanceId, WorkspaceId })))).toMatchObject({
        name: "ResourceNotFoundException",
        status: 404,
      });
    }
    expect(
      await awsFailure(client.send(new DescribeWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: "" }))),
    ).toMatchObject({ name: "InvalidParameterException", status: 400 });
  });

  it("refuses a key scoped to another instance with AccessDeniedException", async () => {
    const created = await newWorkspace();
    const other = await createTestInstance(db, "ws-scope");
    const scoped = connectClient(server.endpoint, await createTestApiKey(db, { instanceIds: [other.id] }));
    try {
      expect(
        await awsFailure(
          scoped.send(new DescribeWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: created.id })),
        ),
      ).toMatchObject({ name: "AccessDeniedException", status: 403 });
    } finally {
      scoped.destroy();
    }
  });
});

describe("UpdateWorkspaceMetadata, UpdateWorkspaceTheme, UpdateWorkspaceVisibility", () => {
  it("renames, describes and titles, and refuses a rename onto another workspace's name", async () => {
    const first = await newWorkspace();
    const second = await newWorkspace();
    await client.send(
      new UpdateWorkspaceMetadataCommand({
        InstanceId: instance.id,
        WorkspaceId: first.id,
        Name: `${first.name} renamed`,
        Description: "New description",
        Title: "New title",
      }),
    );
    const { Workspace } = await client.send(
      new DescribeWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: first.id }),
    );
    expect(Workspace).toMatchObject({
      Name: `${first.name} renamed`,
      Description: "New description",
      Title: "New title",
    });

    expect(
      await awsFailure(
        client.send(
          new UpdateWorkspaceMetadataCommand({
            InstanceId: instance.id,
            WorkspaceId: second.id,
            Name: ` ${first.name.toLowerCase()} RENAMED `,
          }),
        ),
      ),
    ).toMatchObject({ name: "DuplicateResourceException", status: 409 });
    // Renaming to its own name in another case is not a clash.
    await client.send(
      new UpdateWorkspaceMetadataCommand({
        InstanceId: instance.id,
        WorkspaceId: second.id,
        Name: second.name.toUpperCase(),
      }),
    );
    expect(
      await awsFailure(
        client.send(new UpdateWorkspaceMetadataCommand({ InstanceId: instance.id, WorkspaceId: second.id, Name: " " })),
      ),
    ).toMatchObject({ name: "InvalidParameterException" });
  });

  it("replaces the theme, and clears it when Theme is left out", async () => {
    const created = await newWorkspace({ Theme: THEME });
    const dark: WorkspaceTheme = { Dark: { Palette: { Primary: { Default: "#818cf8" } } } };
    await client.send(
      new UpdateWorkspaceThemeCommand({ InstanceId: instance.id, WorkspaceId: created.id, Theme: dark }),
    );
    const described = () =>
      client.send(new DescribeWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: created.id }));
    expect((await described()).Workspace?.Theme).toEqual(dark);
    await client.send(new UpdateWorkspaceThemeCommand({ InstanceId: instance.id, WorkspaceId: created.id }));
    expect((await described()).Workspace?.Theme).toBeUndefined();
  });

  it("sets visibility, and requires it", async () => {
    const created = await newWorkspace();
    await client.send(
      new UpdateWorkspaceVisibilityCommand({
        InstanceId: instance.id,
        WorkspaceId: created.id,
        Visibility: "ASSIGNED",
      }),
    );
    const { Workspace } = await client.send(
      new DescribeWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: created.id }),
    );
    expect(Workspace?.Visibility).toBe("ASSIGNED");
    const missing = await awsFailure(
      client.send(new UpdateWorkspaceVisibilityCommand({ InstanceId: instance.id, WorkspaceId: created.id } as never)),
    );
    expect(missing).toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("Visibility: is required."),
    });
    expect(
      await awsFailure(
        client.send(
          new UpdateWorkspaceVisibilityCommand({
            InstanceId: instance.id,
            WorkspaceId: created.id,
            Visibility: "all" as "ALL",
          }),
        ),
      ),
    ).toMatchObject({ name: "InvalidParameterException" });
  });

  it("records every change in the audit log with before and after", async () => {
    const created = await newWorkspace();
    await client.send(
      new UpdateWorkspaceVisibilityCommand({ InstanceId: instance.id, WorkspaceId: created.id, Visibility: "NONE" }),
    );
    await client.send(new DeleteWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: created.id }));
    const events = await db.auditEvent.findMany({
      where: { targetType: "Workspace", targetId: created.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => [event.action, event.actorKind])).toEqual([
      ["workspace.create", "API_KEY"],
      ["workspace.visibility", "API_KEY"],
      ["workspace.delete", "API_KEY"],
    ]);
    expect(events[1]?.before).toMatchObject({ visibility: "ALL" });
    expect(events[1]?.after).toMatchObject({ visibility: "NONE" });
  });
});

describe("ListWorkspaces and SearchWorkspaces", () => {
  let listed: Awaited<ReturnType<typeof createTestInstance>>;
  const names = ["Alpha desk", "alpine support", "Beta desk", "Gamma", "Delta sales"];

  beforeAll(async () => {
    listed = await createTestInstance(db, "ws-list");
    for (const [index, Name] of names.entries()) {
      await client.send(
        new CreateWorkspaceCommand({
          InstanceId: listed.id,
          Name,
          Description: index % 2 === 0 ? "Front line" : "Back office",
          Tags: { region: index < 3 ? "north" : "south", tier: String(index) },
        }),
      );
    }
    await client.send(
      new UpdateWorkspaceVisibilityCommand({
        InstanceId: listed.id,
        WorkspaceId: (await client.send(new ListWorkspacesCommand({ InstanceId: listed.id }))).WorkspaceSummaryList?.[3]
          ?.Id,
        Visibility: "NONE",
      }),
    );
  });

  it("pages through every workspace once with the SDK's paginator", async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListWorkspaces({ client, pageSize: 2 }, { InstanceId: listed.id })) {
      pages++;
      for (const summary of page.WorkspaceSummaryList ?? []) {
        expect(summary).toMatchObject({
          Arn: expect.stringContaining(`${listed.arn}/workspace/`),
          LastModifiedRegion: "us-east-1",
        });
        expect(summary.LastModifiedTime).toBeInstanceOf(Date);
        seen.push(summary.Name ?? "");
      }
    }
    expect(seen).toEqual(names);
    expect(pages).toBe(3);
  });

  it("refuses a page size outside 1..100 and a token from another list", async () => {
    for (const MaxResults of [0, 101]) {
      expect(
        await awsFailure(client.send(new ListWorkspacesCommand({ InstanceId: listed.id, MaxResults }))),
      ).toMatchObject({
        name: "InvalidParameterException",
      });
    }
    const first = await client.send(new ListWorkspacesCommand({ InstanceId: listed.id, MaxResults: 1 }));
    expect(
      await awsFailure(client.send(new ListWorkspacesCommand({ InstanceId: instance.id, NextToken: first.NextToken }))),
    ).toMatchObject({ name: "InvalidParameterException", message: expect.stringContaining("NextToken") });
    expect(
      await awsFailure(client.send(new ListWorkspacesCommand({ InstanceId: listed.id, NextToken: "forged" }))),
    ).toMatchObject({ name: "InvalidParameterException" });
  });

  const search = async (request: Omit<ConstructorParameters<typeof SearchWorkspacesCommand>[0], "InstanceId">) => {
    const found = await client.send(new SearchWorkspacesCommand({ InstanceId: listed.id, ...request }));
    return (found.Workspaces ?? []).map((workspace) => workspace.Name);
  };

  it("matches names with STARTS_WITH and CONTAINS ignoring case, and EXACT as sent", async () => {
    expect(
      await search({
        SearchCriteria: { StringCondition: { FieldName: "Name", Value: "alp", ComparisonType: "STARTS_WITH" } },
      }),
    ).toEqual(["Alpha desk", "alpine support"]);
    expect(
      await search({
        SearchCriteria: { StringCondition: { FieldName: "Name", Value: "DESK", ComparisonType: "CONTAINS" } },
      }),
    ).toEqual(["Alpha desk", "Beta desk"]);
    expect(
      await search({
        SearchCriteria: { StringCondition: { FieldName: "Name", Value: "gamma", ComparisonType: "EXACT" } },
      }),
    ).toEqual([]);
    expect(
      await search({
        SearchCriteria: { StringCondition: { FieldName: "Name", Value: "Gamma", ComparisonType: "EXACT" } },
      }),
    ).toEqual(["Gamma"]);
  });

  it("combines description, visibility and tag conditions with And and Or", async () => {
    expect(
      await search({
        SearchCriteria: {
          AndConditions: [
            { StringCondition: { FieldName: "Description", Value: "front", ComparisonType: "STARTS_WITH" } },
            { StringCondition: { FieldName: "Visibility", Value: "ALL", ComparisonType: "EXACT" } },
          ],
        },
      }),
    ).toEqual(["Alpha desk", "Beta desk", "Delta sales"]);
    expect(
      await search({
        SearchCriteria: {
          OrConditions: [
            { StringCondition: { FieldName: "Name", Value: "Gamma", ComparisonType: "EXACT" } },
            { StringCondition: { FieldName: "Name", Value: "sales", ComparisonType: "CONTAINS" } },
          ],
        },
        SearchFilter: { AttributeFilter: { TagCondition: { TagKey: "region", TagValue: "south" } } },
      }),
    ).toEqual(["Gamma", "Delta sales"]);
    expect(
      await search({
        SearchFilter: {
          AttributeFilter: {
            OrConditions: [
              { TagConditions: [{ TagKey: "tier", TagValue: "0" }] },
              {
                TagConditions: [
                  { TagKey: "region", TagValue: "south" },
                  { TagKey: "tier", TagValue: "3" },
                ],
              },
            ],
          },
        },
      }),
    ).toEqual(["Alpha desk", "Gamma"]);
  });

  it("pages search results with the SDK's paginator and reports the total", async () => {
    const seen: string[] = [];
    const totals: number[] = [];
    for await (const page of paginateSearchWorkspaces(
      { client, pageSize: 2 },
      {
        InstanceId: listed.id,
        SearchCriteria: { StringCondition: { FieldName: "Name", Value: "a", ComparisonType: "CONTAINS" } },
      },
    )) {
      seen.push(...(page.Workspaces ?? []).map((workspace) => workspace.Name ?? ""));
      totals.push(page.ApproximateTotalCount ?? -1);
      for (const workspace of page.Workspaces ?? []) expect(workspace.CreatedAt).toBeInstanceOf(Date);
    }
    expect(seen).toEqual(names);
    expect(totals).toEqual([5, 5, 5]);
  });

  it.each([
    [
      "an unknown field",
      { StringCondition: { FieldName: "Colour", Value: "x", ComparisonType: "EXACT" } },
      "FieldName must be one of",
    ],
    [
      "an unknown comparison",
      { StringCondition: { FieldName: "Name", Value: "x", ComparisonType: "LIKE" } },
      "ComparisonType must be one of",
    ],
    [
      "criteria nested too deep",
      { AndConditions: [{ AndConditions: [{ AndConditions: [{ AndConditions: [{ AndConditions: [{}] }] }] }] }] },
      "at most 5 levels",
    ],
    [
      "more than 50 conditions in all, in lists of 20",
      {
        OrConditions: Array.from({ length: 20 }, () => ({
          AndConditions: [
            { StringCondition: { FieldName: "Name", Value: "x", ComparisonType: "EXACT" } },
            { StringCondition: { FieldName: "Title", Value: "y", ComparisonType: "EXACT" } },
          ],
        })),
      },
      "at most 50 conditions",
    ],
    ["300 empty criteria", { AndConditions: Array.from({ length: 300 }, () => ({})) }, "at most 50 items"],
    [
      "criteria nested 40 levels deep",
      JSON.parse(`${'{"AndConditions":['.repeat(40)}{}${"]}".repeat(40)}`),
      "nests deeper than 32 levels",
    ],
  ])("refuses %s with InvalidParameterException", async (_, SearchCriteria, message) => {
    const refused = await awsFailure(
      client.send(new SearchWorkspacesCommand({ InstanceId: listed.id, SearchCriteria } as never)),
    );
    expect(refused).toMatchObject({ name: "InvalidParameterException", status: 400 });
    expect(refused.message).toContain(message);
  });

  it("names the bound, not a missing member, for a filter of 51 tag conditions", async () => {
    const refused = await awsFailure(
      client.send(
        new SearchWorkspacesCommand({
          InstanceId: listed.id,
          SearchFilter: {
            AttributeFilter: { AndCondition: { TagConditions: Array.from({ length: 51 }, () => ({ TagKey: "k" })) } },
          },
        }),
      ),
    );
    expect(refused).toMatchObject({ name: "InvalidParameterException" });
    expect(refused.message).toContain("at most 50");
    expect(refused.message).not.toContain("required");
  });

  it("refuses a search token reused with other criteria", async () => {
    const first = await client.send(new SearchWorkspacesCommand({ InstanceId: listed.id, MaxResults: 1 }));
    expect(first.NextToken).toBeTruthy();
    expect(
      await awsFailure(
        client.send(
          new SearchWorkspacesCommand({
            InstanceId: listed.id,
            NextToken: first.NextToken,
            SearchCriteria: { StringCondition: { FieldName: "Name", Value: "x", ComparisonType: "CONTAINS" } },
          }),
        ),
      ),
    ).toMatchObject({ name: "InvalidParameterException" });
  });
});

describe("DeleteWorkspace", () => {
  it("deletes a workspace with its media, then answers ResourceNotFoundException", async () => {
    const created = await newWorkspace();
    await client.send(
      new ImportWorkspaceMediaCommand({
        InstanceId: instance.id,
        WorkspaceId: created.id,
        MediaType: "IMAGE_LOGO_LIGHT_HORIZONTAL",
        MediaSource: await png(120, 30, "#0f766e"),
      }),
    );
    await client.send(new DeleteWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: created.id }));
    for (const call of [
      () => client.send(new DescribeWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: created.id })),
      () => client.send(new DeleteWorkspaceCommand({ InstanceId: instance.id, WorkspaceId: created.id })),
      () => client.send(new ListWorkspaceMediaCommand({ InstanceId: instance.id, WorkspaceId: created.id })),
    ]) {
      expect(await awsFailure(call())).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    }
    expect(await db.workspaceMedia.count({ where: { workspaceId: created.id } })).toBe(0);
  });
});

describe("ImportWorkspaceMedia, ListWorkspaceMedia, DeleteWorkspaceMedia", () => {
  const get = (source: string) => fetch(`${server.origin}${new URL(source).pathname}`);

  it("imports base64 and data: URLs into the four slots and serves each at its content-hash URL", async () => {
    const created = await newWorkspace();
    const sources = {
      IMAGE_LOGO_LIGHT_FAVICON: await png(32, 32, "#4f46e5"),
      IMAGE_LOGO_DARK_FAVICON: `data:image/png;base64,${await png(64, 64, "#e0e7ff")}`,
      IMAGE_LOGO_LIGHT_HORIZONTAL: await png(200, 40, "#111827"),
      IMAGE_LOGO_DARK_HORIZONTAL: `data:image/png;base64,${await png(240, 48, "#f9fafb")}`,
    } as const;
    for (const [MediaType, MediaSource] of Object.entries(sources)) {
      await client.send(
        new ImportWorkspaceMediaCommand({
          InstanceId: instance.id,
          WorkspaceId: created.id,
          MediaType: MediaType as keyof typeof sources,
          MediaSource,
        }),
      );
    }
    const { Media } = await client.send(
      new ListWorkspaceMediaCommand({ InstanceId: instance.id, WorkspaceId: created.id }),
    );
    expect(Media?.map((item) => item.Type)).toEqual(Object.keys(sources));
    for (const item of Media ?? []) {
      expect(item.Source).toMatch(/^http:\/\/localhost:3000\/media\/[0-9a-f]{64}\.png$/);
      const response = await get(item.Source as string);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toBe(
        "sandbox; default-src 'none'; style-src 'unsafe-inline'",
      );
      const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect(metadata.format).toBe("png");
      const etag = response.headers.get("etag") ?? "";
      const again = await fetch(`${server.origin}${new URL(item.Source as string).pathname}`, {
        headers: { "if-none-match": `"other", W/${etag}` },
      });
      expect(again.status).toBe(304);
    }
  });

  it("replaces a slot on re-import with a new URL, and keeps one stored copy per image", async () => {
    const created = await newWorkspace();
    const target = { InstanceId: instance.id, WorkspaceId: created.id };
    const logo = await png(300, 60, "#7c3aed");
    await client.send(
      new ImportWorkspaceMediaCommand({ ...target, MediaType: "IMAGE_LOGO_LIGHT_HORIZONTAL", MediaSource: logo }),
    );
    await client.send(
      new ImportWorkspaceMediaCommand({ ...target, MediaType: "IMAGE_LOGO_DARK_HORIZONTAL", MediaSource: logo }),
    );
    const first = (await client.send(new ListWorkspaceMediaCommand(target))).Media ?? [];
    expect(first[0]?.Source).toBe(first[1]?.Source);
    const hash = /\/media\/([0-9a-f]{64})\./.exec(first[0]?.Source ?? "")?.[1];
    expect(await db.mediaBlob.count({ where: { contentHash: hash } })).toBe(1);

    await client.send(
      new ImportWorkspaceMediaCommand({
        ...target,
        MediaType: "IMAGE_LOGO_LIGHT_HORIZONTAL",
        MediaSource: await png(300, 60, "#be185d"),
      }),
    );
    const second = (await client.send(new ListWorkspaceMediaCommand(target))).Media ?? [];
    expect(second[0]?.Source).not.toBe(first[0]?.Source);
    // The old URL still serves the old image (it is the slot's Undo and the dark slot's image).
    expect((await get(first[0]?.Source as string)).status).toBe(200);
  });

  it("empties a slot, and answers ResourceNotFoundException for an empty one", async () => {
    const created = await newWorkspace();
    const target = { InstanceId: instance.id, WorkspaceId: created.id };
    await client.send(
      new ImportWorkspaceMediaCommand({
        ...target,
        MediaType: "IMAGE_LOGO_DARK_FAVICON",
        MediaSource: await png(48, 48, "#0891b2"),
      }),
    );
    const [item] = (await client.send(new ListWorkspaceMediaCommand(target))).Media ?? [];
    await client.send(new DeleteWorkspaceMediaCommand({ ...target, MediaType: "IMAGE_LOGO_DARK_FAVICON" }));
    expect((await client.send(new ListWorkspaceMediaCommand(target))).Media).toEqual([]);
    expect(
      await awsFailure(
        client.send(new DeleteWorkspaceMediaCommand({ ...target, MediaType: "IMAGE_LOGO_DARK_FAVICON" })),
      ),
    ).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
    // No slot uses the image any more: it is no longer stored or served.
    expect((await get(item?.Source as string)).status).toBe(404);
  });

  it("refuses an image that breaks its slot's rules with InvalidRequestException naming the rule", async () => {
    const created = await newWorkspace();
    const target = { InstanceId: instance.id, WorkspaceId: created.id };
    const writes = await countWrites(db);
    expect(
      await awsFailure(
        client.send(
          new ImportWorkspaceMediaCommand({
            ...target,
            MediaType: "IMAGE_LOGO_LIGHT_FAVICON",
            MediaSource: await png(64, 32),
          }),
        ),
      ),
    ).toMatchObject({
      name: "InvalidRequestException",
      status: 400,
      message: "A favicon must be square; this one is 64×32 px.",
    });
    expect(
      await awsFailure(
        client.send(
          new ImportWorkspaceMediaCommand({
            ...target,
            MediaType: "IMAGE_LOGO_DARK_HORIZONTAL",
            MediaSource: await png(100, 20),
          }),
        ),
      ),
    ).toMatchObject({ name: "InvalidRequestException", message: expect.stringContaining("at least 24 px high") });
    expect(await countWrites(db)).toEqual(writes);
    expect(await db.mediaBlob.count()).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ["an unknown MediaType", { MediaType: "IMAGE_LOGO_FAVICON", MediaSource: "aGVsbG8=" }, "MediaType must be one of"],
    ["an empty MediaSource", { MediaType: "IMAGE_LOGO_LIGHT_FAVICON", MediaSource: "" }, "MediaSource cannot be empty"],
    [
      "a blank MediaSource",
      { MediaType: "IMAGE_LOGO_LIGHT_FAVICON", MediaSource: " \n " },
      "MediaSource cannot be empty",
    ],
    [
      "a MediaSource over 533,333 characters",
      { MediaType: "IMAGE_LOGO_LIGHT_FAVICON", MediaSource: "A".repeat(533_334) },
      "at most 533333",
    ],
  ])("refuses %s with InvalidParameterException", async (_, members, message) => {
    const created = await newWorkspace();
    const refused = await awsFailure(
      client.send(
        new ImportWorkspaceMediaCommand({ InstanceId: instance.id, WorkspaceId: created.id, ...members } as never),
      ),
    );
    expect(refused).toMatchObject({ name: "InvalidParameterException", status: 400 });
    expect(refused.message).toContain(message);
  });

  it("refuses a URL when URL import is off", async () => {
    const created = await newWorkspace();
    const refused = await awsFailure(
      client.send(
        new ImportWorkspaceMediaCommand({
          InstanceId: instance.id,
          WorkspaceId: created.id,
          MediaType: "IMAGE_LOGO_LIGHT_FAVICON",
          MediaSource: `${server.origin}/media/logo.png`,
        }),
      ),
    );
    expect(refused).toMatchObject({ name: "InvalidRequestException", message: expect.stringContaining("turned off") });
  });

  it("stores an SVG only in its sanitized form and serves it sandboxed", async () => {
    const created = await newWorkspace();
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="alert(1)"><script>alert(2)</script><rect width="64" height="64" fill="#4f46e5"/></svg>`;
    await client.send(
      new ImportWorkspaceMediaCommand({
        InstanceId: instance.id,
        WorkspaceId: created.id,
        MediaType: "IMAGE_LOGO_LIGHT_FAVICON",
        MediaSource: Buffer.from(svg).toString("base64"),
      }),
    );
    const [item] =
      (await client.send(new ListWorkspaceMediaCommand({ InstanceId: instance.id, WorkspaceId: created.id }))).Media ??
      [];
    expect(item?.Source).toMatch(/\.svg$/);
    const response = await get(item?.Source as string);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    const served = await response.text();
    expect(served).toContain("<rect");
    expect(served).not.toMatch(/script|onload|alert/i);
  });
});
