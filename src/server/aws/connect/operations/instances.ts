import { z } from "zod";
import { type TInstance, ZInstanceReferenceSchema } from "@/server/instances/instance-schemas";
import { listInstancesPage, requireInstance } from "@/server/instances/instances";
import { decodePageToken, encodePageToken, epochSeconds, PAGE_QUERY, pageMembers } from "../../protocol/wire";
import { defineOperation } from "../operation";

/**
 * ListInstances and DescribeInstance, shaped as the SDK's own models (InstanceSummary, Instance),
 * so SDK users can discover instance ids. Attache instances are always active and Connect-managed.
 */

function summaryOf(instance: TInstance, consoleUrl: string) {
  return {
    Id: instance.id,
    Arn: instance.arn,
    IdentityManagementType: "CONNECT_MANAGED",
    InstanceAlias: instance.alias,
    CreatedTime: epochSeconds(instance.createdAt),
    InstanceStatus: "ACTIVE",
    InboundCallsEnabled: true,
    OutboundCallsEnabled: true,
    InstanceAccessUrl: `${consoleUrl.replace(/\/+$/, "")}/attachments/${instance.id}`,
  };
}

const LIST = "ListInstances";

export const listInstances = defineOperation({
  name: LIST,
  method: "GET",
  path: "/instance",
  validationError: "InvalidRequestException",
  jsonBody: false,
  query: PAGE_QUERY,
  // The model's MaxResult10: 1..10.
  members: z.object(pageMembers(10)),
  run: async (input, { db, actor, consoleUrl }) => {
    const after = input.NextToken
      ? decodePageToken(input.NextToken, {
          operation: LIST,
          scope: actor.apiKeyId,
          position: z.object({ createdAt: z.iso.datetime().transform((value) => new Date(value)), id: z.uuid() }),
          validationError: "InvalidRequestException",
        })
      : undefined;
    const page = await listInstancesPage({ db, actor, limit: input.MaxResults ?? 10, after });
    return {
      InstanceSummaryList: page.instances.map((instance) => summaryOf(instance, consoleUrl)),
      ...(page.next
        ? {
            NextToken: encodePageToken(LIST, actor.apiKeyId, {
              createdAt: page.next.createdAt.toISOString(),
              id: page.next.id,
            }),
          }
        : {}),
    };
  },
});

export const describeInstance = defineOperation({
  name: "DescribeInstance",
  method: "GET",
  path: "/instance/{InstanceId}",
  validationError: "InvalidRequestException",
  jsonBody: false,
  members: z.object({ InstanceId: ZInstanceReferenceSchema }),
  run: async (input, { db, actor, consoleUrl }) => {
    const instance = await requireInstance({ db, actor, reference: input.InstanceId });
    return { Instance: summaryOf(instance, consoleUrl) };
  },
});
