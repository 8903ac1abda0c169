import type { TDb } from "@/server/db";
import { samePolicy } from "@/server/policies/policy-rules";
import { ATTACHMENT_SCOPES, DEFAULT_POLICY, type TPolicyChangeKind } from "@/server/policies/policy-schemas";
import type { TActor } from "@/server/team/team";
import { OVERVIEW_MAX_INSTANCES, OVERVIEW_RECENT_CHANGES, type TInstancesOverview } from "./instance-schemas";
import { reachableInstances } from "./instances";

const AMAZON_DEFAULT = { ...DEFAULT_POLICY, isDefault: false };

type TLastChangeRow = {
  instanceId: string;
  scope: TInstancesOverview["instances"][number]["customizedScopes"][number]["scope"];
  version: number;
  kind: TPolicyChangeKind;
  actorLabel: string;
  actorKind: "USER" | "API_KEY";
  createdAt: Date;
};

/**
 * What the dashboard shows: the first instances (oldest first) with the scopes that differ from
 * Amazon Connect's default and each one's latest change, how many instances there are, and the
 * team's latest changes. Four queries, however many instances there are.
 */
export async function getInstancesOverview({ db, actor }: { db: TDb; actor: TActor }): Promise<TInstancesOverview> {
  const where = reachableInstances(actor);
  const [instances, totalInstances, recent] = await Promise.all([
    db.instance.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: OVERVIEW_MAX_INSTANCES,
      select: {
        id: true,
        alias: true,
        arn: true,
        createdAt: true,
        attachedFilesConfigurations: {
          where: { isDefault: false },
          select: { scope: true, maximumSizeLimitInBytes: true, allowedExtensions: true },
        },
      },
    }),
    db.instance.count({ where }),
    db.policyRevision.findMany({
      where: { instance: where },
      orderBy: [{ createdAt: "desc" }, { version: "desc" }],
      take: OVERVIEW_RECENT_CHANGES,
      select: {
        id: true,
        instanceId: true,
        scope: true,
        version: true,
        kind: true,
        actorLabel: true,
        actorKind: true,
        createdAt: true,
        instance: { select: { alias: true } },
      },
    }),
  ]);

  // The newest revision of each listed instance, in one query (PostgreSQL's DISTINCT ON).
  const ids = instances.map((instance) => instance.id);
  const lastChanges = ids.length
    ? await db.$queryRaw<TLastChangeRow[]>`
        SELECT DISTINCT ON ("instanceId")
          "instanceId"::text AS "instanceId", "scope"::text AS "scope", "version", "kind"::text AS "kind",
          "actorLabel", "actorKind"::text AS "actorKind", "createdAt"
        FROM "PolicyRevision"
        WHERE "instanceId" = ANY(${ids}::uuid[])
        ORDER BY "instanceId", "createdAt" DESC, "version" DESC`
    : [];
  const lastChangeOf = new Map(lastChanges.map(({ instanceId, ...change }) => [instanceId, change]));

  return {
    instances: instances.map(({ attachedFilesConfigurations, ...instance }) => ({
      ...instance,
      customizedScopes: ATTACHMENT_SCOPES.flatMap((scope) => {
        const row = attachedFilesConfigurations.find((configuration) => configuration.scope === scope);
        if (!row || samePolicy({ ...row, isDefault: false }, AMAZON_DEFAULT)) return [];
        return [
          {
            scope,
            maximumSizeLimitInBytes: row.maximumSizeLimitInBytes,
            allowedExtensionCount: row.allowedExtensions.length,
          },
        ];
      }),
      lastChange: lastChangeOf.get(instance.id) ?? null,
    })),
    totalInstances,
    recentChanges: recent.map(({ instance, ...change }) => ({ ...change, instanceAlias: instance.alias })),
  };
}
