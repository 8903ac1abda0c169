import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";

/**
 * ClientToken idempotency (spec §2.6), held in PostgreSQL so it holds across app servers. The first
 * call with a token claims it with an insert that concurrent duplicates cannot also win (the primary
 * key), runs, and stores its answer; a repeat with the same parameters gets that stored answer, a
 * repeat with other parameters a conflict. Duplicates arriving while the first call runs wait for its
 * answer (bounded). A failed first call releases the token, so a retry runs again. Records are kept
 * for RETENTION_HOURS.
 */

export type TIdempotency<TInput, TContext> = {
  /** The token; none (or "") means the call is not deduplicated. */
  token: (input: TInput) => string | undefined;
  /**
   * Where a token is unique — the caller and what it acts on, e.g. the API key and the instance id.
   * It runs before a stored answer is given, so it must also authorize: a caller that may not make
   * the call must not get the answer another call stored.
   */
  scope: (input: TInput, context: TContext) => string | Promise<string>;
};

export const RETENTION_HOURS = 24;
/** A claim without an answer after this long belongs to a server that died mid-call: take it over. */
const ABANDONED_MS = 60_000;
const POLL_MS = 25;
/** How long a duplicate waits for the first call's answer before it is told to retry. */
const MAX_WAIT_MS = 15_000;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** JSON with sorted keys, so the same parameters always hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestFingerprint(input: Record<string, unknown>): string {
  const { ClientToken: _token, ...rest } = input;
  return sha256(canonical(rest));
}

const CLAIM_SQL = `
INSERT INTO "IdempotencyRecord" ("key", "operation", "requestHash", "createdAt", "expiresAt")
VALUES ($1, $2, $3, now(), now() + make_interval(hours => $4))
ON CONFLICT ("key") DO NOTHING
RETURNING "key"`;

export async function withIdempotency<TInput, TContext, TOutput>(
  {
    db,
    operation,
    input,
    context,
    idempotency,
  }: {
    db: TDb;
    operation: string;
    input: TInput;
    context: TContext;
    idempotency: TIdempotency<TInput, TContext>;
  },
  run: () => Promise<TOutput>,
): Promise<TOutput> {
  const token = idempotency.token(input);
  if (!token) return run();
  const key = sha256(`${operation}\n${await idempotency.scope(input, context)}\n${token}`);
  const requestHash = requestFingerprint(input as Record<string, unknown>);

  const owned = async (): Promise<TOutput> => {
    try {
      const output = await run();
      await db.pool.query(`UPDATE "IdempotencyRecord" SET "response" = $2::jsonb WHERE "key" = $1`, [
        key,
        JSON.stringify(output ?? {}),
      ]);
      return output;
    } catch (error) {
      await db.pool
        .query(`DELETE FROM "IdempotencyRecord" WHERE "key" = $1 AND "response" IS NULL`, [key])
        .catch(() => undefined);
      throw error;
    }
  };

  const deadline = Date.now() + MAX_WAIT_MS;
  while (Date.now() < deadline) {
    const claimed = await db.pool.query(CLAIM_SQL, [key, operation, requestHash, RETENTION_HOURS]);
    if (claimed.rowCount) return owned();
    const found = await db.pool.query<{ requestHash: string; response: unknown; ageMs: number }>(
      `SELECT "requestHash", "response", (extract(epoch FROM now() - "createdAt") * 1000)::float8 AS "ageMs"
       FROM "IdempotencyRecord" WHERE "key" = $1`,
      [key],
    );
    const record = found.rows[0];
    if (record) {
      if (record.requestHash !== requestHash) {
        throw new AppError(
          "CONFLICT",
          "This ClientToken was already used with different parameters. Use a new token for a new request.",
        );
      }
      if (record.response !== null) return record.response as TOutput;
      if (record.ageMs > ABANDONED_MS) {
        const taken = await db.pool.query(
          `UPDATE "IdempotencyRecord" SET "createdAt" = now() WHERE "key" = $1 AND "response" IS NULL
           AND "createdAt" < now() - make_interval(secs => $2) RETURNING "key"`,
          [key, ABANDONED_MS / 1000],
        );
        if (taken.rowCount) return owned();
      }
    }
    await sleep(POLL_MS);
  }
  throw new AppError(
    "CONFLICT",
    "A request with this ClientToken is still being processed. Retry in a moment with the same token.",
  );
}
