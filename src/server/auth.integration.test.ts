import { randomUUID } from "node:crypto";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attacheAdapter, guardSessionLookups, sessionFromCookies } from "@/server/auth";
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
      await expect(adapter.deleteSession?.(forged)).resolves.toBeNull();
      expect(await adapter.updateSession?.({ sessionToken: forged, expires: new Date() })).toBeNull();
    }
    expect(await db.session.count()).toBe(sessions);

    await adapter.deleteSession?.(sessionToken);
    expect(await adapter.getSessionAndUser?.(sessionToken)).toBeNull();
  });
});

describe("the session behind a tRPC request's cookies", () => {
  const cookie = (token: string) => `theme=dark; next-auth.session-token=${encodeURIComponent(token)}; other=1`;

  it("is the person and their membership, read together", async () => {
    const { user } = await createSession(db, "editor");
    const token = randomUUID();
    await db.session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(Date.now() + 60_000) } });
    const found = await sessionFromCookies(db, cookie(token));
    expect(found?.session.user).toEqual({ id: user.id, name: user.name, email: user.email, image: null });
    expect(found?.actor).toMatchObject({ kind: "user", userId: user.id, role: "editor", label: user.email });

    // A demotion shows on the very next request.
    await db.membership.updateMany({ where: { userId: user.id }, data: { role: "viewer" } });
    expect((await sessionFromCookies(db, cookie(token)))?.actor?.role).toBe("viewer");
  });

  it("has no membership for someone on no team, and is no session when expired, unknown, forged or absent", async () => {
    const { user } = await createSession(db, null);
    const token = randomUUID();
    await db.session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(Date.now() + 60_000) } });
    expect(await sessionFromCookies(db, cookie(token))).toMatchObject({
      actor: null,
      session: { user: { id: user.id } },
    });

    const expired = randomUUID();
    await db.session.create({ data: { sessionToken: expired, userId: user.id, expires: new Date(Date.now() - 1000) } });
    for (const header of [
      cookie(expired),
      cookie(randomUUID()),
      cookie("forged\u0000"),
      cookie("x".repeat(10_000)),
      "next-auth.session-token=%E0%A4%A",
      `__Secure-next-auth.session-token=${token}`,
      "",
    ]) {
      expect(await sessionFromCookies(db, header)).toBeNull();
    }
    expect(await sessionFromCookies(db, null)).toBeNull();
  });
});

describe("session lifetimes", () => {
  const cookie = (token: string) => `next-auth.session-token=${encodeURIComponent(token)}`;
  const minutes = (count: number) => count * 60_000;

  it("ends a session past its idle deadline, and one past its absolute lifetime even while in use", async () => {
    const { user } = await createSession(db, "editor");
    const idle = randomUUID();
    await db.session.create({
      data: { sessionToken: idle, userId: user.id, expires: new Date(Date.now() - 1000), createdAt: new Date() },
    });
    expect(await sessionFromCookies(db, cookie(idle))).toBeNull();

    // Created 12 hours and a minute ago (ATTACHE_SESSION_MAX_HOURS defaults to 12), idle deadline ahead.
    const old = randomUUID();
    await db.session.create({
      data: {
        sessionToken: old,
        userId: user.id,
        expires: new Date(Date.now() + minutes(30)),
        createdAt: new Date(Date.now() - minutes(12 * 60 + 1)),
      },
    });
    expect(await sessionFromCookies(db, cookie(old))).toBeNull();
    // next-auth's own lookup (pages) keeps the same rule, and forgets the session.
    expect(await attacheAdapter(db).getSessionAndUser?.(old)).toBeNull();
    expect(await db.session.count({ where: { sessionToken: old } })).toBe(0);
  });

  it("moves the idle deadline forward when the console is used through tRPC, at most every few minutes", async () => {
    const { user } = await createSession(db, "viewer");
    const token = randomUUID();
    const soon = new Date(Date.now() + minutes(10));
    await db.session.create({ data: { sessionToken: token, userId: user.id, expires: soon, createdAt: new Date() } });
    expect(await sessionFromCookies(db, cookie(token))).not.toBeNull();
    const moved = (await db.session.findUniqueOrThrow({ where: { sessionToken: token } })).expires;
    // ATTACHE_SESSION_IDLE_MINUTES defaults to 60.
    expect(moved.getTime()).toBeGreaterThan(Date.now() + minutes(59));

    await sessionFromCookies(db, cookie(token));
    expect((await db.session.findUniqueOrThrow({ where: { sessionToken: token } })).expires).toEqual(moved);
  });
});
