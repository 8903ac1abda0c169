import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TDb } from "@/server/db";
import { deleteInstance } from "@/server/instances/instances";
import { DEMO_INSTANCE_ALIAS, DEMO_INSTANCE_ID, seed } from "@/server/seed";
import type { TSignInPolicy } from "@/server/team/sign-in-policy";
import {
  createUserWithMembership,
  ensureBootstrapOwner,
  findActor,
  getDefaultTeam,
  hasPendingInvitation,
} from "@/server/team/team";
import { createSession, createTestDatabase } from "@/test/db";

let db: TDb;
let drop: () => Promise<void>;
const policy: TSignInPolicy = { allowedEmailDomains: ["attache.test"], bootstrapOwnerEmail: "boss@attache.test" };
const arnContext = { region: "eu-west-2", accountId: "123456789012" };

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
});
afterAll(() => drop());

const roleOf = async (userId: string) => (await db.membership.findFirstOrThrow({ where: { userId } })).role;
const joinedViaOf = async (userId: string) => (await db.membership.findFirstOrThrow({ where: { userId } })).joinedVia;

describe("first sign-in", () => {
  it("makes the bootstrap email an owner", async () => {
    const user = await createUserWithMembership({
      db,
      user: { name: "Boss", email: "Boss@Attache.test", image: null },
      policy,
    });
    expect(user.email).toBe("boss@attache.test");
    expect(await roleOf(user.id)).toBe("owner");
    expect(await joinedViaOf(user.id)).toBe("BOOTSTRAP");
  });

  it("gives an invited person the invited role and uses the invitation up", async () => {
    const team = await getDefaultTeam(db);
    await db.invitation.create({
      data: { teamId: team.id, email: "ed@attache.test", role: "editor", invitedByLabel: "boss@attache.test" },
    });
    expect(await hasPendingInvitation({ db, email: "ED@attache.test" })).toBe(true);
    const user = await createUserWithMembership({
      db,
      user: { name: "Ed", email: "ed@attache.test", image: null },
      policy,
    });
    expect(await roleOf(user.id)).toBe("editor");
    expect(await db.membership.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({
      joinedVia: "INVITATION",
      invitedByLabel: "boss@attache.test",
    });
    expect(await hasPendingInvitation({ db, email: "ed@attache.test" })).toBe(false);
  });

  it("makes anyone else a viewer", async () => {
    const user = await createUserWithMembership({
      db,
      user: { name: "Val", email: "val@attache.test", image: null },
      policy,
    });
    expect(await roleOf(user.id)).toBe("viewer");
    expect(await joinedViaOf(user.id)).toBe("DOMAIN");
  });

  it("promotes an existing bootstrap user back to owner, and nobody else", async () => {
    const boss = await db.user.findUniqueOrThrow({ where: { email: "boss@attache.test" } });
    await db.membership.updateMany({ where: { userId: boss.id }, data: { role: "viewer" } });
    await ensureBootstrapOwner({ db, userId: boss.id, email: "boss@attache.test", policy });
    expect(await roleOf(boss.id)).toBe("owner");
    // Audited as Attache's own doing, once: a second sign-in as owner changes nothing.
    await ensureBootstrapOwner({ db, userId: boss.id, email: "boss@attache.test", policy });
    expect(
      await db.auditEvent.findMany({
        where: { action: "team.role.change", targetId: boss.id },
        select: { actorKind: true, before: true, after: true },
      }),
    ).toEqual([
      {
        actorKind: "SYSTEM",
        before: { email: "boss@attache.test", role: "viewer" },
        after: { email: "boss@attache.test", role: "owner" },
      },
    ]);

    const val = await db.user.findUniqueOrThrow({ where: { email: "val@attache.test" } });
    await ensureBootstrapOwner({ db, userId: val.id, email: "val@attache.test", policy });
    expect(await roleOf(val.id)).toBe("viewer");
  });
});

describe("seed", () => {
  it("is idempotent and keeps a renamed demo instance renamed", async () => {
    await seed({ db, demo: true, arnContext });
    await seed({ db, demo: true, arnContext });
    const demo = await db.instance.findUniqueOrThrow({ where: { id: DEMO_INSTANCE_ID } });
    expect(demo.alias).toBe(DEMO_INSTANCE_ALIAS);
    expect(demo.arn).toBe(`arn:aws:connect:eu-west-2:123456789012:instance/${DEMO_INSTANCE_ID}`);
    expect(await db.team.count()).toBe(1);
    const invitations = await db.invitation.count();

    await db.instance.update({ where: { id: DEMO_INSTANCE_ID }, data: { alias: "my-renamed-demo" } });
    await seed({ db, demo: true, arnContext });
    expect(await db.instance.count({ where: { id: DEMO_INSTANCE_ID } })).toBe(1);
    expect((await db.instance.findUniqueOrThrow({ where: { id: DEMO_INSTANCE_ID } })).alias).toBe("my-renamed-demo");
    expect(await db.invitation.count()).toBe(invitations);
  });

  it("does not bring back a demo instance that was deleted", async () => {
    await seed({ db, demo: true, arnContext });
    const owner = await findActor({ db, userId: (await createSession(db, "owner")).user.id });
    if (!owner) throw new Error("no owner");
    const demo = await db.instance.findUniqueOrThrow({ where: { id: DEMO_INSTANCE_ID } });
    await deleteInstance({ db, actor: owner, input: { id: DEMO_INSTANCE_ID, confirmAlias: demo.alias } });
    await seed({ db, demo: true, arnContext });
    expect(await db.instance.count({ where: { id: DEMO_INSTANCE_ID } })).toBe(0);
  });

  it("does not invite demo people who have already signed up", async () => {
    await db.invitation.deleteMany({ where: { email: "editor@attache.test" } });
    await createUserWithMembership({ db, user: { name: "Edith", email: "editor@attache.test", image: null }, policy });
    await seed({ db, demo: true, arnContext });
    expect(await hasPendingInvitation({ db, email: "editor@attache.test" })).toBe(false);
  });
});
