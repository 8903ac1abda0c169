import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { TRateLimit, TRateLimits } from "@/env";
import type { TDb } from "@/server/db";
import { AwsError } from "./aws-errors";

/**
 * Per API key and operation, counted in PostgreSQL (rate-limiter-flexible's Prisma store, fixed
 * windows), so every app server behind a load balancer shares the same counts.
 */
export function createRateLimiter({
  db,
  limits,
  operations,
}: {
  db: TDb;
  limits: TRateLimits;
  operations: readonly string[];
}) {
  const limiters = new Map<string, RateLimiterPrisma>();
  const unknown = Object.keys(limits.operations).filter((name) => !operations.includes(name));
  if (unknown.length) {
    throw new Error(
      `ATTACHE_AWS_RATE_LIMITS names unknown operations: ${unknown.join(", ")}. Known: ${operations.join(", ")}.`,
    );
  }

  function limiterFor(operation: string) {
    let limiter = limiters.get(operation);
    if (!limiter) {
      const limit: TRateLimit = limits.operations[operation] ?? limits.default;
      limiter = new RateLimiterPrisma({
        storeClient: db,
        tableName: "rateLimit",
        keyPrefix: `aws:${operation}`,
        points: limit.points,
        duration: limit.durationSeconds,
        // Expired rows are swept by one limiter's timer; they all share the table.
        clearExpiredByTimeout: limiters.size === 0,
      });
      limiters.set(operation, limiter);
    }
    return limiter;
  }

  return {
    /** Counts one call; ThrottlingException (429, Retry-After) once the window's budget is spent. */
    async consume({ apiKeyId, operation }: { apiKeyId: string; operation: string }) {
      try {
        await limiterFor(operation).consume(apiKeyId);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new AwsError(
          "ThrottlingException",
          `Rate exceeded for ${operation} with this API key. Retry after ${retryAfterSeconds} second(s).`,
          { retryAfterSeconds },
        );
      }
    },
  };
}
