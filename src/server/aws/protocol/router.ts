import { AwsError } from "./errors";

type TRoutable = { method: string; path: string };
type TRoute<T> = { operation: T; segments: Array<{ literal: string } | { label: string }> };

/** "GET", "GET or POST", "DELETE, GET, POST or PUT". */
export function orList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

export type TRouteMatch<T> = { operation: T; labels: Record<string, string> };

export function createRouter<T extends TRoutable>(operations: readonly T[]) {
  const routes: TRoute<T>[] = operations.map((operation) => ({
    operation,
    segments: operation.path
      .split("/")
      .slice(1)
      .map((segment) => {
        const label = /^\{(\w+)\}$/.exec(segment)?.[1];
        return label ? { label } : { literal: segment };
      }),
  }));

  /**
   * Matches method + path (the part after the API prefix, still percent-encoded). The path is split
   * on "/" before each segment is decoded, so an encoded "/" (%2F) stays inside its label (spec §2.1).
   */
  return function match(method: string, encodedPath: string): TRouteMatch<T> {
    const raw = encodedPath.startsWith("/") ? encodedPath.slice(1).split("/") : null;
    let segments: string[] | null = null;
    try {
      segments = raw?.map((segment) => decodeURIComponent(segment)) ?? null;
    } catch {
      segments = null;
    }
    const allowed = new Set<string>();
    if (segments) {
      for (const route of routes) {
        if (route.segments.length !== segments.length) continue;
        const labels: Record<string, string> = {};
        const fits = route.segments.every((segment, index) => {
          const value = segments[index] ?? "";
          if ("literal" in segment) return segment.literal === value;
          labels[segment.label] = value;
          return true;
        });
        if (!fits) continue;
        if (route.operation.method === method) return { operation: route.operation, labels };
        allowed.add(route.operation.method);
      }
    }
    if (allowed.size) {
      const allow = [...allowed].sort();
      throw new AwsError(
        "UnknownOperationException",
        `${method} is not supported on ${encodedPath}; use ${orList(allow)}.`,
        {
          allow,
        },
      );
    }
    throw new AwsError(
      "UnknownOperationException",
      `No operation matches ${method} ${encodedPath}. Check the client's endpoint (it should end in /api/aws).`,
    );
  };
}
