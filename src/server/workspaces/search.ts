import { z } from "zod";
import { ZBoundedTextSchema } from "@/server/text-schemas";
import { SEARCH_MAX_CONDITIONS, SEARCH_MAX_DEPTH } from "./workspace-rules";
import type { TWorkspace } from "./workspace-schemas";

/**
 * SearchWorkspaces' criteria (spec §8 WorkspaceSearchCriteria, WorkspaceSearchFilter): string
 * conditions on Name, Description, Title and Visibility combined with And/Or lists, and tag
 * conditions. STARTS_WITH and CONTAINS ignore case; EXACT compares as sent. Bounded in depth and in
 * the number of conditions, so one request cannot make the server walk an arbitrarily large tree.
 */

export const SEARCHABLE_FIELDS = ["Name", "Description", "Title", "Visibility"] as const;
export const COMPARISON_TYPES = ["STARTS_WITH", "CONTAINS", "EXACT"] as const;

const searchText = (label: string) => ZBoundedTextSchema({ label, max: 256, trim: false });

const ZStringConditionSchema = z.strictObject(
  {
    FieldName: z.enum(SEARCHABLE_FIELDS, {
      error: `StringCondition.FieldName must be one of ${SEARCHABLE_FIELDS.join(", ")}.`,
    }),
    Value: searchText("StringCondition.Value"),
    ComparisonType: z.enum(COMPARISON_TYPES, {
      error: `StringCondition.ComparisonType must be one of ${COMPARISON_TYPES.join(", ")}.`,
    }),
  },
  { error: "StringCondition needs FieldName, Value and ComparisonType." },
);

export type TSearchCriteria = {
  OrConditions?: TSearchCriteria[];
  AndConditions?: TSearchCriteria[];
  StringCondition?: z.infer<typeof ZStringConditionSchema>;
};

export const ZSearchCriteriaSchema: z.ZodType<TSearchCriteria> = z.lazy(() =>
  z.strictObject(
    {
      OrConditions: z
        .array(ZSearchCriteriaSchema, { error: "OrConditions must be a list." })
        .max(SEARCH_MAX_CONDITIONS, `OrConditions has at most ${SEARCH_MAX_CONDITIONS} items.`)
        .optional(),
      AndConditions: z
        .array(ZSearchCriteriaSchema, { error: "AndConditions must be a list." })
        .max(SEARCH_MAX_CONDITIONS, `AndConditions has at most ${SEARCH_MAX_CONDITIONS} items.`)
        .optional(),
      StringCondition: ZStringConditionSchema.optional(),
    },
    { error: "SearchCriteria must be an object with OrConditions, AndConditions or StringCondition." },
  ),
);

const ZTagConditionSchema = z.strictObject(
  { TagKey: searchText("TagCondition.TagKey").optional(), TagValue: searchText("TagCondition.TagValue").optional() },
  { error: "A TagCondition is an object with TagKey and TagValue." },
);
type TTagCondition = z.infer<typeof ZTagConditionSchema>;

const ZAndTagsSchema = z.strictObject(
  {
    TagConditions: z
      .array(ZTagConditionSchema, { error: "TagConditions must be a list." })
      .max(SEARCH_MAX_CONDITIONS, `TagConditions has at most ${SEARCH_MAX_CONDITIONS} items.`)
      .optional(),
  },
  { error: "An AndCondition is an object with TagConditions." },
);

export const ZSearchFilterSchema = z.strictObject(
  {
    AttributeFilter: z
      .strictObject(
        {
          OrConditions: z
            .array(ZAndTagsSchema, { error: "OrConditions must be a list." })
            .max(SEARCH_MAX_CONDITIONS, `OrConditions has at most ${SEARCH_MAX_CONDITIONS} items.`)
            .optional(),
          AndCondition: ZAndTagsSchema.optional(),
          TagCondition: ZTagConditionSchema.optional(),
        },
        { error: "AttributeFilter must be an object with OrConditions, AndCondition or TagCondition." },
      )
      .optional(),
  },
  { error: "SearchFilter must be an object with AttributeFilter." },
);
export type TSearchFilter = z.infer<typeof ZSearchFilterSchema>;

/**
 * The criteria's depth and size against the bounds (every criteria node and tag condition counts, an
 * empty `{}` too); null when within them, else the message.
 */
export function searchBoundsError(criteria: TSearchCriteria | undefined, filter: TSearchFilter | undefined) {
  let conditions = 0;
  let depth = 0;
  const walk = (node: TSearchCriteria, level: number) => {
    depth = Math.max(depth, level);
    conditions++;
    for (const child of [...(node.OrConditions ?? []), ...(node.AndConditions ?? [])]) walk(child, level + 1);
  };
  if (criteria) walk(criteria, 1);
  const attribute = filter?.AttributeFilter;
  if (attribute) {
    conditions += attribute.TagCondition ? 1 : 0;
    conditions += attribute.AndCondition?.TagConditions?.length ?? 0;
    for (const or of attribute.OrConditions ?? []) conditions += or.TagConditions?.length ?? 0;
  }
  if (depth > SEARCH_MAX_DEPTH) return `SearchCriteria can nest at most ${SEARCH_MAX_DEPTH} levels deep.`;
  if (conditions > SEARCH_MAX_CONDITIONS) return `A search can have at most ${SEARCH_MAX_CONDITIONS} conditions.`;
  return null;
}

function fieldOf(workspace: TWorkspace, field: (typeof SEARCHABLE_FIELDS)[number]): string {
  switch (field) {
    case "Name":
      return workspace.name;
    case "Description":
      return workspace.description;
    case "Title":
      return workspace.title;
    case "Visibility":
      return workspace.visibility;
  }
}

function matchesString(workspace: TWorkspace, condition: NonNullable<TSearchCriteria["StringCondition"]>): boolean {
  const value = fieldOf(workspace, condition.FieldName);
  if (condition.ComparisonType === "EXACT") return value === condition.Value;
  const haystack = value.toLocaleLowerCase("en");
  const needle = condition.Value.toLocaleLowerCase("en");
  return condition.ComparisonType === "STARTS_WITH" ? haystack.startsWith(needle) : haystack.includes(needle);
}

/** A criteria node holds when its string condition and all its AndConditions hold, and (if any) one of its OrConditions. */
export function matchesCriteria(workspace: TWorkspace, criteria: TSearchCriteria): boolean {
  if (criteria.StringCondition && !matchesString(workspace, criteria.StringCondition)) return false;
  if (criteria.AndConditions && !criteria.AndConditions.every((child) => matchesCriteria(workspace, child))) {
    return false;
  }
  if (criteria.OrConditions?.length && !criteria.OrConditions.some((child) => matchesCriteria(workspace, child))) {
    return false;
  }
  return true;
}

/** A tag condition with a key and no value matches any value; with neither it matches every workspace. */
function matchesTag(workspace: TWorkspace, condition: TTagCondition): boolean {
  if (condition.TagKey === undefined) {
    return condition.TagValue === undefined || Object.values(workspace.tags).includes(condition.TagValue);
  }
  if (!Object.hasOwn(workspace.tags, condition.TagKey)) return false;
  return condition.TagValue === undefined || workspace.tags[condition.TagKey] === condition.TagValue;
}

export function matchesFilter(workspace: TWorkspace, filter: TSearchFilter): boolean {
  const attribute = filter.AttributeFilter;
  if (!attribute) return true;
  if (attribute.TagCondition && !matchesTag(workspace, attribute.TagCondition)) return false;
  if (attribute.AndCondition && !(attribute.AndCondition.TagConditions ?? []).every((c) => matchesTag(workspace, c))) {
    return false;
  }
  if (
    attribute.OrConditions?.length &&
    !attribute.OrConditions.some((and) => (and.TagConditions ?? []).every((c) => matchesTag(workspace, c)))
  ) {
    return false;
  }
  return true;
}

/** The console's search box: name, title or description containing the text, ignoring case. */
export function filterWorkspaces(workspaces: readonly TWorkspace[], query: string): TWorkspace[] {
  const needle = query.trim().toLocaleLowerCase("en");
  if (!needle) return [...workspaces];
  return workspaces.filter((workspace) =>
    [workspace.name, workspace.title, workspace.description].some((text) =>
      text.toLocaleLowerCase("en").includes(needle),
    ),
  );
}
