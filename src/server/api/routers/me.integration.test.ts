import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionFromCookies } from "@/server/auth";
import type { TDb } from "@/server/db";
import { createSession, createTestDatabase } from "@/test/db";
import { callerFor, trpcErrorOf } from "@/test/trpc";

let db: TDb;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
});
afterAll(() => drop());

const cookie = (token: string) => `next-auth.session-token=${token}`;

describe("me.signOutEverywhere", () => {
  it("ends every session of the caller, in every browser, and no one else's; audited", async () => {
    const session = await createSession(db, "viewer");
    const otherBrowser = randomUUID();
    await db.session.create({
      data: { sessionToken: otherBrowser, userId: session.user.id, expires: new Date(Date.now() + 3_600_000) },
    });
    const someoneElse = await createSession(db, "editor");

    expect(await callerFor(db, session).me.signOutEverywhere()).toEqual({ sessionsEnded: 2 });
    expect(await sessionFromCookies(db, cookie(session.sessionToken))).toBeNull();
    expect(await sessionFromCookies(db, cookie(otherBrowser))).toBeNull();
    expect(await sessionFromCookies(db, cookie(someoneElse.sessionToken))).not.toBeNull();
    expect(
      await db.auditEvent.findFirst({
        where: { action: "session.signOutEverywhere", actorUserId: session.user.id },
        select: { actorKind: true, after: true },
      }),
    ).toEqual({ actorKind: "USER", after: { sessionsEnded: 2 } });
  });

  it("needs a session", async () => {
    expect((await trpcErrorOf(callerFor(db, null).me.signOutEverywhere())).code).toBe("UNAUTHORIZED");
  });
});
