import { createHash } from "node:crypto";
import { z } from "zod";
import { ZInstanceReferenceSchema } from "@/server/instances/instance-schemas";
import { deleteWorkspaceMedia, importWorkspaceMedia, listWorkspaceMedia } from "@/server/workspaces/media";
import {
  matchesCriteria,
  matchesFilter,
  searchBoundsError,
  ZSearchCriteriaSchema,
  ZSearchFilterSchema,
} from "@/server/workspaces/search";
import type { TWorkspace } from "@/server/workspaces/workspace-schemas";
import {
  ZMediaSourceSchema,
  ZTagsSchema,
  ZWorkspaceDescriptionSchema,
  ZWorkspaceIdSchema,
  ZWorkspaceMediaTypeSchema,
  ZWorkspaceNameSchema,
  ZWorkspaceThemeSchema,
  ZWorkspaceTitleSchema,
  ZWorkspaceVisibilitySchema,
} from "@/server/workspaces/workspace-schemas";
import {
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  listAllWorkspaces,
  listWorkspacesPage,
  updateWorkspaceMetadata,
  updateWorkspaceTheme,
  updateWorkspaceVisibility,
} from "@/server/workspaces/workspaces";
import { AwsError } from "../../protocol/errors";
import {
  decodePageToken,
  encodePageToken,
  epochSeconds,
  PAGE_QUERY,
  pageMembers,
  ZNextTokenSchema,
} from "../../protocol/wire";
import { defineOperation } from "../operation";

/**
 * The workspace operations of spec §7A: CreateWorkspace, DescribeWorkspace, ListWorkspaces,
 * SearchWorkspaces, DeleteWorkspace, UpdateWorkspaceMetadata/Theme/Visibility, ImportWorkspaceMedia,
 * ListWorkspaceMedia, DeleteWorkspaceMedia. Every one lists InvalidParameterException, which is used
 * for invalid members; refused content (an image that breaks its slot's rules) is InvalidRequestException.
 */

const VALIDATION = "InvalidParameterException" as const;

/** The Region in the workspace's ARN (arn:aws:connect:<region>:…), the model's LastModifiedRegion. */
const regionOf = (arn: string) => arn.split(":")[3] ?? "";

const nonEmpty = <T extends Record<string, unknown>>(value: T) => (Object.keys(value).length ? value : undefined);

function workspaceOf(workspace: TWorkspace) {
  return {
    Id: workspace.id,
    Arn: workspace.arn,
    Name: workspace.name,
    Visibility: workspace.visibility,
    ...(workspace.description ? { Description: workspace.description } : {}),
    ...(workspace.title ? { Title: workspace.title } : {}),
    ...(nonEmpty(workspace.theme) ? { Theme: workspace.theme } : {}),
    ...(nonEmpty(workspace.tags) ? { Tags: workspace.tags } : {}),
    LastModifiedTime: epochSeconds(workspace.updatedAt),
    LastModifiedRegion: regionOf(workspace.arn),
  };
}

const ZWorkspaceTargetSchema = z.object({ InstanceId: ZInstanceReferenceSchema, WorkspaceId: ZWorkspaceIdSchema });

export const createWorkspaceOperation = defineOperation({
  name: "CreateWorkspace",
  method: "PUT",
  path: "/workspaces/{InstanceId}",
  validationError: VALIDATION,
  jsonBody: true,
  members: z.object({
    InstanceId: ZInstanceReferenceSchema,
    Name: ZWorkspaceNameSchema,
    Description: ZWorkspaceDescriptionSchema.optional(),
    Title: ZWorkspaceTitleSchema.optional(),
    Theme: ZWorkspaceThemeSchema.optional(),
    Tags: ZTagsSchema.optional(),
  }),
  run: async (input, { db, actor }) => {
    const workspace = await createWorkspace({
      db,
      actor,
      instanceId: input.InstanceId,
      input: {
        name: input.Name,
        description: input.Description,
        title: input.Title,
        theme: input.Theme,
        tags: input.Tags,
      },
    });
    return { WorkspaceId: workspace.id, WorkspaceArn: workspace.arn };
  },
});

export const describeWorkspaceOperation = defineOperation({
  name: "DescribeWorkspace",
  method: "GET",
  path: "/workspaces/{InstanceId}/{WorkspaceId}",
  validationError: VALIDATION,
  jsonBody: false,
  members: ZWorkspaceTargetSchema,
  run: async (input, { db, actor }) => {
    const workspace = await getWorkspace({ db, actor, instanceId: input.InstanceId, workspaceId: input.WorkspaceId });
    return { Workspace: workspaceOf(workspace) };
  },
});

const LIST = "ListWorkspaces";

export const listWorkspacesOperation = defineOperation({
  name: LIST,
  method: "GET",
  path: "/workspaces/{InstanceId}",
  validationError: VALIDATION,
  jsonBody: false,
  query: PAGE_QUERY,
  members: z.object({
    InstanceId: ZInstanceReferenceSchema,
    ...pageMembers(100),
  }),
  run: async (input, { db, actor }) => {
    // The token names the instance it was issued for; checked once the instance is known.
    const after = input.NextToken
      ? decodePageToken(input.NextToken, {
          operation: LIST,
          scope: actor.apiKeyId,
          position: z.object({
            instance: z.string(),
            createdAt: z.iso.datetime().transform((value) => new Date(value)),
            id: z.uuid(),
          }),
          validationError: VALIDATION,
        })
      : undefined;
    const page = await listWorkspacesPage({
      db,
      actor,
      instanceId: input.InstanceId,
      limit: input.MaxResults ?? 100,
      after,
    });
    if (after && after.instance !== page.instance.id) {
      throw new AwsError(VALIDATION, "NextToken is not valid for this request. Start again without NextToken.");
    }
    return {
      WorkspaceSummaryList: page.workspaces.map((workspace) => ({
        Id: workspace.id,
        Name: workspace.name,
        Arn: workspace.arn,
        LastModifiedTime: epochSeconds(workspace.updatedAt),
        LastModifiedRegion: regionOf(workspace.arn),
      })),
      ...(page.next
        ? {
            NextToken: encodePageToken(LIST, actor.apiKeyId, {
              instance: page.instance.id,
              createdAt: page.next.createdAt.toISOString(),
              id: page.next.id,
            }),
          }
        : {}),
    };
  },
});

const SEARCH = "SearchWorkspaces";

export const searchWorkspacesOperation = defineOperation({
  name: SEARCH,
  method: "POST",
  path: "/search-workspaces",
  validationError: VALIDATION,
  jsonBody: true,
  members: z
    .object({
      InstanceId: ZInstanceReferenceSchema,
      NextToken: ZNextTokenSchema.refine((token) => token.length >= 1, "NextToken cannot be empty.").optional(),
      MaxResults: z
        .number({ error: "MaxResults must be a number." })
        .int("MaxResults must be a whole number.")
        .min(1, "MaxResults must be at least 1.")
        .max(500, "MaxResults must be at most 500.")
        .optional(),
      SearchFilter: ZSearchFilterSchema.optional(),
      SearchCriteria: ZSearchCriteriaSchema.optional(),
    })
    .superRefine((input, context) => {
      const message = searchBoundsError(input.SearchCriteria, input.SearchFilter);
      if (message) context.addIssue({ code: "custom", message, path: [] });
    }),
  run: async (input, { db, actor }) => {
    const { instance, workspaces } = await listAllWorkspaces({ db, actor, instanceId: input.InstanceId });
    // A token is bound to this key, this instance and these exact criteria.
    const scope = createHash("sha256")
      .update(JSON.stringify([actor.apiKeyId, instance.id, input.SearchCriteria ?? null, input.SearchFilter ?? null]))
      .digest("base64url");
    const offset = input.NextToken
      ? decodePageToken(input.NextToken, {
          operation: SEARCH,
          scope,
          position: z.object({ offset: z.number().int().min(0) }),
          validationError: VALIDATION,
        }).offset
      : 0;
    const matching = workspaces.filter(
      (workspace) =>
        (!input.SearchCriteria || matchesCriteria(workspace, input.SearchCriteria)) &&
        (!input.SearchFilter || matchesFilter(workspace, input.SearchFilter)),
    );
    const limit = input.MaxResults ?? 100;
    const page = matching.slice(offset, offset + limit);
    const nextOffset = offset + page.length;
    return {
      Workspaces: page.map((workspace) => ({
        Id: workspace.id,
        Name: workspace.name,
        Arn: workspace.arn,
        Visibility: workspace.visibility,
        ...(workspace.description ? { Description: workspace.description } : {}),
        ...(workspace.title ? { Title: workspace.title } : {}),
        CreatedAt: epochSeconds(workspace.createdAt),
        ...(nonEmpty(workspace.tags) ? { Tags: workspace.tags } : {}),
      })),
      ApproximateTotalCount: matching.length,
      ...(nextOffset < matching.length ? { NextToken: encodePageToken(SEARCH, scope, { offset: nextOffset }) } : {}),
    };
  },
});

export const deleteWorkspaceOperation = defineOperation({
  name: "DeleteWorkspace",
  method: "DELETE",
  path: "/workspaces/{InstanceId}/{WorkspaceId}",
  validationError: VALIDATION,
  jsonBody: false,
  members: ZWorkspaceTargetSchema,
  run: async (input, { db, actor }) => {
    await deleteWorkspace({ db, actor, instanceId: input.InstanceId, workspaceId: input.WorkspaceId });
    return {};
  },
});

export const updateWorkspaceMetadataOperation = defineOperation({
  name: "UpdateWorkspaceMetadata",
  method: "POST",
  path: "/workspaces/{InstanceId}/{WorkspaceId}/metadata",
  validationError: VALIDATION,
  jsonBody: true,
  members: ZWorkspaceTargetSchema.extend({
    Name: ZWorkspaceNameSchema.optional(),
    Description: ZWorkspaceDescriptionSchema.optional(),
    Title: ZWorkspaceTitleSchema.optional(),
  }),
  run: async (input, { db, actor }) => {
    await updateWorkspaceMetadata({
      db,
      actor,
      instanceId: input.InstanceId,
      workspaceId: input.WorkspaceId,
      changes: { name: input.Name, description: input.Description, title: input.Title },
    });
    return {};
  },
});

export const updateWorkspaceThemeOperation = defineOperation({
  name: "UpdateWorkspaceTheme",
  method: "POST",
  path: "/workspaces/{InstanceId}/{WorkspaceId}/theme",
  validationError: VALIDATION,
  jsonBody: true,
  members: ZWorkspaceTargetSchema.extend({ Theme: ZWorkspaceThemeSchema.optional() }),
  run: async (input, { db, actor }) => {
    await updateWorkspaceTheme({
      db,
      actor,
      instanceId: input.InstanceId,
      workspaceId: input.WorkspaceId,
      theme: input.Theme ?? {},
    });
    return {};
  },
});

export const updateWorkspaceVisibilityOperation = defineOperation({
  name: "UpdateWorkspaceVisibility",
  method: "POST",
  path: "/workspaces/{InstanceId}/{WorkspaceId}/visibility",
  validationError: VALIDATION,
  jsonBody: true,
  members: ZWorkspaceTargetSchema.extend({ Visibility: ZWorkspaceVisibilitySchema }),
  run: async (input, { db, actor }) => {
    await updateWorkspaceVisibility({
      db,
      actor,
      instanceId: input.InstanceId,
      workspaceId: input.WorkspaceId,
      visibility: input.Visibility,
    });
    return {};
  },
});

export const importWorkspaceMediaOperation = defineOperation({
  name: "ImportWorkspaceMedia",
  method: "POST",
  path: "/workspaces/{InstanceId}/{WorkspaceId}/media",
  validationError: VALIDATION,
  jsonBody: true,
  members: ZWorkspaceTargetSchema.extend({ MediaType: ZWorkspaceMediaTypeSchema, MediaSource: ZMediaSourceSchema }),
  run: async (input, { db, actor, mediaUrlPolicy }) => {
    await importWorkspaceMedia({
      db,
      actor,
      instanceId: input.InstanceId,
      workspaceId: input.WorkspaceId,
      type: input.MediaType,
      source: input.MediaSource,
      urlPolicy: mediaUrlPolicy,
    });
    return {};
  },
});

export const listWorkspaceMediaOperation = defineOperation({
  name: "ListWorkspaceMedia",
  method: "GET",
  path: "/workspaces/{InstanceId}/{WorkspaceId}/media",
  validationError: VALIDATION,
  jsonBody: false,
  members: ZWorkspaceTargetSchema,
  run: async (input, { db, actor, consoleUrl }) => {
    const media = await listWorkspaceMedia({
      db,
      actor,
      instanceId: input.InstanceId,
      workspaceId: input.WorkspaceId,
    });
    const base = consoleUrl.replace(/\/+$/, "");
    return { Media: media.map((item) => ({ Type: item.type, Source: `${base}${item.path}` })) };
  },
});

export const deleteWorkspaceMediaOperation = defineOperation({
  name: "DeleteWorkspaceMedia",
  method: "DELETE",
  path: "/workspaces/{InstanceId}/{WorkspaceId}/media",
  validationError: VALIDATION,
  jsonBody: false,
  query: { mediaType: "MediaType" },
  members: ZWorkspaceTargetSchema.extend({ MediaType: ZWorkspaceMediaTypeSchema }),
  run: async (input, { db, actor }) => {
    await deleteWorkspaceMedia({
      db,
      actor,
      instanceId: input.InstanceId,
      workspaceId: input.WorkspaceId,
      type: input.MediaType,
    });
    return {};
  },
});
