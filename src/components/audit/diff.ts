/**
 * The compact before → after of an audit event: the keys whose values differ, objects opened up to
 * a few levels (theme.Light.Palette…), each value as short JSON. Browser-safe and pure.
 */

type TJson = string | number | boolean | null | TJson[] | { [key: string]: TJson };

export type TChange = {
  path: string;
  /** Absent when the key was added. */
  before?: string;
  /** Absent when the key was removed. */
  after?: string;
  /** For a list of plain values (extensions, instance ids): what joined it and what left it, as short JSON. */
  items?: { added: string[]; removed: string[] };
};

const MAX_DEPTH = 3;
export const VALUE_MAX = 60;

const isObject = (value: unknown): value is Record<string, TJson> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isPlainList = (value: unknown): value is Array<string | number | boolean | null> =>
  Array.isArray(value) && value.every((item) => item === null || typeof item !== "object");

/** What joined and left a list of plain values, each in its list's order. */
function listChange(before: unknown[], after: unknown[]) {
  const [was, is] = [
    new Set(before.map((item) => JSON.stringify(item))),
    new Set(after.map((item) => JSON.stringify(item))),
  ];
  return {
    added: [...is].filter((item) => !was.has(item)).map((item) => shortJson(JSON.parse(item))),
    removed: [...was].filter((item) => !is.has(item)).map((item) => shortJson(JSON.parse(item))),
  };
}

/** JSON of `value`, cut to `max` characters with an ellipsis. */
export function shortJson(value: unknown, max = VALUE_MAX): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function flatten(value: unknown, prefix: string, depth: number, into: Map<string, unknown>) {
  if (isObject(value) && depth < MAX_DEPTH && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value))
      flatten(inner, prefix ? `${prefix}.${key}` : key, depth + 1, into);
  } else {
    into.set(prefix, value);
  }
}

/**
 * The keys that differ between `before` and `after`, in the order they first appear. A whole value
 * that is not an object (or is missing) is one change at the path "".
 */
export function changedKeys(before: unknown, after: unknown): TChange[] {
  const wasObject = isObject(before) || before === null || before === undefined;
  const isNowObject = isObject(after) || after === null || after === undefined;
  if (!wasObject || !isNowObject) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ path: "", before: shortJson(before ?? null), after: shortJson(after ?? null) }];
  }
  const old = new Map<string, unknown>();
  const now = new Map<string, unknown>();
  if (before) flatten(before, "", 0, old);
  if (after) flatten(after, "", 0, now);
  const paths = [...new Set([...old.keys(), ...now.keys()])];
  const changes: TChange[] = [];
  for (const path of paths) {
    const [from, to] = [old.get(path), now.get(path)];
    if (old.has(path) && now.has(path) && JSON.stringify(from) === JSON.stringify(to)) continue;
    changes.push({
      path,
      ...(old.has(path) ? { before: shortJson(from) } : {}),
      ...(now.has(path) ? { after: shortJson(to) } : {}),
      ...(isPlainList(from) && isPlainList(to) ? { items: listChange(from, to) } : {}),
    });
  }
  return changes;
}

/** Pretty-printed JSON for the expanded view. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "null";
}
