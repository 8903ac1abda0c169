import type { TRateLimit, TRateLimits } from "@/env";
import type { TDb } from "@/server/db";
import { AwsError } from "./errors";

/**
 * Per API key and operation, fixed windows counted in PostgreSQL so every app server behind a load
 * balancer shares one budget — without a committed write per request. Each server leases points
 * from the shared window row (one upsert per lease, a tenth of the limit or what the waiting
 * requests need) and spends them in memory; once the window is spent, the server refuses locally
 * until it ends, with no further statement.
 *
 * The guarantee: across all servers a key never gets more than its limit in a window. A server may
 * end a window holding unspent leased points (less than a tenth of the limit), so a client spreading
 * its calls over N servers can be throttled up to N tenths of the limit early, never late.
 *
 * Why not rate-limiter-flexible (used before): its stores commit one write per consumed point, on
 * one hot row per key and operation, and that statement bounded the whole API's throughput.
 */

type TWindow = {
  /** Leased points not yet spent on this server. */
  available: number;
  /** When the window ends, on this server's clock. */
  endsAt: number;
  /** The shared budget is spent: refuse until `endsAt`. */
  spent: boolean;
  /** Requests waiting for `leasing`. */
  waiting: number;
  leasing?: Promise<void>;
};

/** Bounds the loop of one request that keeps losing freshly leased points to concurrent requests. */
const MAX_LEASE_ROUNDS = 50;
/** Windows kept in memory; older ones are dropped when their window has ended. */
const MAX_WINDOWS = 10_000;

const LEASE_SQL = `
INSERT INTO "RateLimit" ("key", "points", "expire")
VALUES ($1, $2, (now() AT TIME ZONE 'UTC') + make_interval(secs => $3))
ON CONFLICT ("key") DO UPDATE SET
  "points" = CASE WHEN coalesce("RateLimit"."expire" <= (now() AT TIME ZONE 'UTC'), true)
    THEN EXCLUDED."points" ELSE "RateLimit"."points" + EXCLUDED."points" END,
  "expire" = CASE WHEN coalesce("RateLimit"."expire" <= (now() AT TIME ZONE 'UTC'), true)
    THEN EXCLUDED."expire" ELSE "RateLimit"."expire" END
RETURNING "points", (extract(epoch FROM ("expire" - (now() AT TIME ZONE 'UTC'))) * 1000)::float8 AS "msLeft"`;

export function createRateLimiter({
  db,
  limits,
  operations,
  now = Date.now,
}: {
  db: TDb;
  limits: TRateLimits;
  operations: readonly string[];
  now?: () => number;
}) {
  const unknown = Object.keys(limits.operations).filter((name) => !operations.includes(name));
  if (unknown.length) {
    throw new Error(
      `ATTACHE_AWS_RATE_LIMITS names unknown operations: ${unknown.join(", ")}. Known: ${operations.join(", ")}.`,
    );
  }
  const windows = new Map<string, TWindow>();

  function windowFor(key: string): TWindow {
    let window = windows.get(key);
    if (!window) {
      if (windows.size >= MAX_WINDOWS) {
        const at = now();
        for (const [stale, entry] of windows) if (entry.endsAt <= at && !entry.leasing) windows.delete(stale);
      }
      window = { available: 0, endsAt: 0, spent: false, waiting: 0 };
      windows.set(key, window);
    }
    return window;
  }

  /** Takes up to `wanted` points from the shared window; the rest of the budget stays for others. */
  async function lease(key: string, window: TWindow, limit: TRateLimit) {
    const wanted = Math.min(limit.points, Math.max(Math.ceil(limit.points / 10), window.waiting));
    const result = await db.pool.query<{ points: number; msLeft: number }>({
      name: "attache.rate-limit-lease",
      text: LEASE_SQL,
      values: [key, wanted, limit.durationSeconds],
    });
    const row = result.rows[0];
    if (!row) throw new Error("The rate limit lease returned no row.");
    const usedBefore = row.points - wanted;
    const granted = Math.max(0, Math.min(wanted, limit.points - usedBefore));
    window.endsAt = now() + Math.max(0, row.msLeft);
    window.available += granted;
    window.spent = granted < wanted;
  }

  function throttled(operation: string, window: TWindow): AwsError {
    const retryAfterSeconds = Math.max(1, Math.ceil((window.endsAt - now()) / 1000));
    return new AwsError(
      "ThrottlingException",
      `Rate exceeded for ${operation}. Retry after ${retryAfterSeconds} second(s).`,
      { retryAfterSeconds },
    );
  }

  return {
    /** Counts one call; ThrottlingException (429, Retry-After) once the window's budget is spent. */
    async consume({ caller, operation }: { caller: string; operation: string }) {
      const limit = limits.operations[operation] ?? limits.default;
      const key = `aws:${operation}:${caller}`;
      const window = windowFor(key);
      for (let round = 0; round < MAX_LEASE_ROUNDS; round++) {
        if (window.endsAt <= now()) {
          window.available = 0;
          window.spent = false;
        }
        if (window.available > 0) {
          window.available--;
          return;
        }
        if (window.spent) throw throttled(operation, window);
        window.waiting++;
        window.leasing ??= lease(key, window, limit).finally(() => {
          window.leasing = undefined;
        });
        try {
          await window.leasing;
        } finally {
          window.waiting--;
        }
      }
      throw throttled(operation, window);
    },
  };
}
