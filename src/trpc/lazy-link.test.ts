import { createTRPCUntypedClient, isTRPCClientError, type TRPCLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { observable } from "@trpc/server/observable";
import { describe, expect, it, vi } from "vitest";
import { lazyLink } from "./lazy-link";

/** A terminating link that answers each call with its path, and counts the calls it saw. */
function echoLink() {
  const seen: string[] = [];
  const link: TRPCLink<AnyRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        seen.push(op.path);
        observer.next({ result: { type: "data", data: op.path } });
        observer.complete();
      });
  return { link, seen };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe("lazyLink", () => {
  it("holds calls made before the link has loaded and sends them once it has, loading it once", async () => {
    const { link, seen } = echoLink();
    const loaded = deferred<TRPCLink<AnyRouter>>();
    const load = vi.fn(() => loaded.promise);
    const client = createTRPCUntypedClient({ links: [lazyLink(load)] });

    const first = client.query("instance.list");
    const second = client.query("apiKey.list");
    await Promise.resolve();
    expect(seen).toEqual([]);

    loaded.resolve(link);
    await expect(first).resolves.toBe("instance.list");
    await expect(second).resolves.toBe("apiKey.list");
    expect(await client.query("policy.forInstance")).toBe("policy.forInstance");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("fails a call as unanswered when the link cannot load, and loads again for the next call", async () => {
    const { link } = echoLink();
    const load = vi
      .fn<() => Promise<TRPCLink<AnyRouter>>>()
      .mockRejectedValueOnce(new Error("Failed to load chunk"))
      .mockResolvedValue(link);
    const client = createTRPCUntypedClient({ links: [lazyLink(load)] });

    const failed = await client.query("instance.list").catch((error: unknown) => error);
    expect(isTRPCClientError(failed)).toBe(true);
    expect((failed as { data?: unknown }).data).toBeUndefined();

    await expect(client.query("instance.list")).resolves.toBe("instance.list");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("never sends an operation unsubscribed before the link has loaded", async () => {
    const { link, seen } = echoLink();
    const loaded = deferred<TRPCLink<AnyRouter>>();
    const operationLink = lazyLink(() => loaded.promise)({});
    const op = { id: 1, type: "query", path: "instance.list", input: undefined, context: {}, signal: null } as const;
    const subscription = operationLink({ op, next: () => observable(() => undefined) }).subscribe({});
    subscription.unsubscribe();
    loaded.resolve(link);
    await new Promise((settle) => setTimeout(settle, 0));
    expect(seen).toEqual([]);
  });
});
