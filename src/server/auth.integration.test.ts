import { randomUUID } from "node:crypto";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardSessionLookups } from "@/server/auth";
import type { TDb } from "@/server/db";
import { createSession, createTestDatabase } from "@/test/db";

let db: TDb;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
});
afterAll(() => drop());

describe("session lookups from a cookie", () => {
  it("find a real session, and treat a forged token with NUL or of any length as no session instead of failing", async () => {
    const base = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);
    const adapter = guardSessionLookups(base);
    const { user } = await createSession(db, "viewer");
    const sessionToken = randomUUID();
    await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 60_000) } });

    expect((await adapter.getSessionAndUser?.(sessionToken))?.user.id).toBe(user.id);
    // Unguarded, the lookup fails: PostgreSQL refuses the NUL byte.
    await expect(base.getSessionAndUser?.("forged\u0000")).rejects.toThrow();

    const sessions = await db.session.count();
    for (const forged of ["forged\u0000", "x".repeat(10_000), "line\nbreak", ""]) {
      expect(await adapter.getSessionAndUser?.(forged)).toBeNull();
      await expect(adapter.deleteSession?.(forged)).resolves.toBeUndefined();
      expect(await adapter.updateSession?.({ sessionToken: forged, expires: new Date() })).toBeNull();
    }
    expect(await db.session.count()).toBe(sessions);

    await adapter.deleteSession?.(sessionToken);
    expect(await adapter.getSessionAndUser?.(sessionToken)).toBeNull();
  });
});
