import { z } from "zod";
import { ZInstanceReferenceSchema } from "@/server/instances/instance-schemas";
import { getInstancePolicies, getScopePolicy, updatePolicy } from "@/server/policies/policies";
import {
  type TScopePolicy,
  ZAllowedExtensionsSchema,
  ZAttachmentScopeSchema,
  ZExtensionSchema,
  ZMaximumSizeLimitSchema,
} from "@/server/policies/policy-schemas";
import { decodePageToken, encodePageToken, epochSeconds, PAGE_QUERY, pageMembers } from "../../protocol/wire";
import { defineOperation } from "../operation";

/** UpdateAttachedFilesConfiguration, DescribeAttachedFilesConfiguration, ListAttachedFilesConfigurations (spec §7A). */

/** The wire shape [{Extension}] checked item by item, then as the console's list (duplicates, size). */
const ZExtensionConfigurationSchema = z.object(
  {
    AllowedExtensions: z
      .array(
        z.object(
          { Extension: ZExtensionSchema },
          { error: "Each allowed extension must be an object with Extension." },
        ),
        { error: "AllowedExtensions must be a list." },
      )
      .transform((items) => items.map((item) => item.Extension))
      .pipe(ZAllowedExtensionsSchema),
  },
  { error: "ExtensionConfiguration must be an object." },
);

function configurationOf(instanceId: string, policy: TScopePolicy) {
  return {
    InstanceId: instanceId,
    AttachmentScope: policy.scope,
    MaximumSizeLimitInBytes: policy.maximumSizeLimitInBytes,
    ExtensionConfiguration: { AllowedExtensions: policy.allowedExtensions.map((Extension) => ({ Extension })) },
  };
}

function withLastModified(instanceId: string, policy: TScopePolicy) {
  return {
    ...configurationOf(instanceId, policy),
    ...(policy.updatedAt ? { LastModifiedTime: epochSeconds(policy.updatedAt) } : {}),
  };
}

export const updateAttachedFilesConfiguration = defineOperation({
  name: "UpdateAttachedFilesConfiguration",
  method: "POST",
  path: "/attached-files-configurations/{InstanceId}/{AttachmentScope}",
  validationError: "InvalidParameterException",
  jsonBody: true,
  members: z.object({
    InstanceId: ZInstanceReferenceSchema,
    AttachmentScope: ZAttachmentScopeSchema,
    MaximumSizeLimitInBytes: ZMaximumSizeLimitSchema.optional(),
    ExtensionConfiguration: ZExtensionConfigurationSchema.optional(),
  }),
  run: async (input, { db, actor }) => {
    const policy = await updatePolicy({
      db,
      actor,
      input: {
        instanceId: input.InstanceId,
        scope: input.AttachmentScope,
        maximumSizeLimitInBytes: input.MaximumSizeLimitInBytes,
        allowedExtensions: input.ExtensionConfiguration?.AllowedExtensions,
        expectedVersion: undefined,
        reason: undefined,
      },
    });
    return withLastModified(policy.instanceId, policy);
  },
});

export const describeAttachedFilesConfiguration = defineOperation({
  name: "DescribeAttachedFilesConfiguration",
  method: "GET",
  path: "/attached-files-configurations/{InstanceId}/{AttachmentScope}",
  validationError: "InvalidParameterException",
  jsonBody: false,
  members: z.object({ InstanceId: ZInstanceReferenceSchema, AttachmentScope: ZAttachmentScopeSchema }),
  run: async (input, { db, actor }) => {
    const policy = await getScopePolicy({ db, actor, instanceId: input.InstanceId, scope: input.AttachmentScope });
    return { AttachedFilesConfiguration: withLastModified(policy.instanceId, policy) };
  },
});

const LIST = "ListAttachedFilesConfigurations";

export const listAttachedFilesConfigurations = defineOperation({
  name: LIST,
  method: "GET",
  path: "/attached-files-configurations/{InstanceId}",
  validationError: "InvalidParameterException",
  jsonBody: false,
  query: PAGE_QUERY,
  members: z.object({
    InstanceId: ZInstanceReferenceSchema,
    ...pageMembers(100),
  }),
  run: async (input, { db, actor }) => {
    const { instance, policies } = await getInstancePolicies({ db, actor, instanceId: input.InstanceId });
    const offset = input.NextToken
      ? decodePageToken(input.NextToken, {
          operation: LIST,
          scope: instance.id,
          position: z.object({ offset: z.number().int().min(0) }),
          validationError: "InvalidParameterException",
        }).offset
      : 0;
    const limit = input.MaxResults ?? 100;
    const page = policies.slice(offset, offset + limit);
    const nextOffset = offset + page.length;
    return {
      AttachedFilesConfigurations: page.map((policy) => configurationOf(instance.id, policy)),
      ...(nextOffset < policies.length
        ? { NextToken: encodePageToken(LIST, instance.id, { offset: nextOffset }) }
        : {}),
    };
  },
});
