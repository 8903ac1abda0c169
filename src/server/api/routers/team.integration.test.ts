import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ZodError } from "zod";
import { RECENT_SIGN_IN_MESSAGE } from "@/server/api/trpc";
import { sessionFromCookies, type TSession } from "@/server/auth";
import type { TDb } from "@/server/db";
import type { AppError } from "@/server/errors";
import type { TRole } from "@/server/team/role-rules";
import type { TSignInPolicy } from "@/server/team/sign-in-policy";
import { createUserWithMembership } from "@/server/team/team";
import { countWrites, createSession, createTestDatabase } from "@/test/db";
import { callerFor, trpcErrorOf } from "@/test/trpc";

let db: TDb;
let drop: () => Promise<void>;
let ownerSession: TSession;
let owner: ReturnType<typeof callerFor>;
let adminSession: TSession;
let admin: ReturnType<typeof callerFor>;
const policy: TSignInPolicy = { allowedEmailDomains: ["attache.test"], bootstrapOwnerEmail: "boss@attache.test" };
const hourAgo = () => new Date(Date.now() - 60 * 60_000);
const newEmail = (prefix = "invitee") => `${prefix}-${randomUUID().slice(0, 8)}@example.org`;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  ownerSession = await createSession(db, "owner");
  owner = callerFor(db, ownerSession);
  adminSession = await createSession(db, "admin");
  admin = callerFor(db, adminSession);
});
afterAll(() => drop());

/** A member with `role`, and their caller. */
async function member(role: TRole, options?: { authenticatedAt?: Date }) {
  const session = await createSession(db, role, options);
  return { session, caller: callerFor(db, session), userId: session.user.id, email: session.user.email };
}

const roleOf = async (userId: string) => (await db.membership.findFirst({ where: { userId } }))?.role ?? null;
const auditsFor = (targetId: string) => db.auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

describe("inviting", () => {
  it("lists the invitation, and the invited person's first sign-in gets the role and joins through the invitation", async () => {
    const email = newEmail();
    const invitation = await admin.team.invite({ email: `  ${email.toUpperCase()} `, role: "editor" });
    expect(invitation).toMatchObject({ email, role: "editor", invitedByLabel: adminSession.user.email });

    const team = await admin.team.list();
    expect(team.invitations).toContainEqual(invitation);

    const user = await createUserWithMembership({ db, user: { name: "Invitee", email, image: null }, policy });
    const listed = (await admin.team.list()).members.find((candidate) => candidate.userId === user.id);
    expect(listed).toMatchObject({
      email,
      role: "editor",
      joinedVia: "INVITATION",
      invitedByLabel: adminSession.user.email,
      lastSignInAt: null,
    });
    expect((await admin.team.list()).invitations?.some((candidate) => candidate.email === email)).toBe(false);

    const [audit] = await auditsFor(invitation.id);
    expect(audit).toMatchObject({
      action: "team.invite",
      targetType: "Invitation",
      actorUserId: adminSession.user.id,
      before: null,
      after: { email, role: "editor" },
    });
  });

  it("changes the role of an existing invitation instead of adding another", async () => {
    const email = newEmail();
    const first = await admin.team.invite({ email, role: "viewer" });
    const second = await admin.team.invite({ email, role: "editor" });
    expect(second).toMatchObject({ id: first.id, role: "editor" });
    expect(await db.invitation.count({ where: { email } })).toBe(1);
    const audits = await auditsFor(first.id);
    expect(audits.map((event) => [event.before, event.after])).toEqual([
      [null, { email, role: "viewer" }],
      [
        { email, role: "viewer" },
        { email, role: "editor" },
      ],
    ]);
  });

  it("refuses to invite someone who is already a member, with CONFLICT", async () => {
    const { email } = await member("viewer");
    const error = await trpcErrorOf(admin.team.invite({ email, role: "editor" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(
      `${email} is already on the team, as viewer. Change their role in the members list instead.`,
    );
  });

  it("refuses bad emails and roles with BAD_REQUEST and a clear message, writing nothing", async () => {
    const before = { ...(await countWrites(db)), invitations: await db.invitation.count() };
    const cases: Array<[unknown, string]> = [
      [{ email: "not-an-email", role: "viewer" }, "Enter an email address such as name@example.com."],
      [{ email: "   ", role: "viewer" }, "Enter the email address of the person to invite."],
      [{ email: `${"a".repeat(320)}@example.org`, role: "viewer" }, "An email address has at most 320 characters."],
      [
        { email: "nul\u0000@example.org", role: "viewer" },
        "An email address cannot contain control characters such as NUL or line breaks.",
      ],
      [{ email: 42, role: "viewer" }, "An email address must be text."],
      [{ email: newEmail(), role: "superuser" }, "Choose a role: owner, admin, editor or viewer."],
      [{ email: newEmail() }, "Choose a role: owner, admin, editor or viewer."],
    ];
    for (const [input, message] of cases) {
      const error = await trpcErrorOf(owner.team.invite(input as { email: string; role: TRole }));
      expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      // The message the console shows: the schema's own sentence (the error formatter sends these).
      expect(
        (error.cause as ZodError).issues.map((issue) => issue.message),
        JSON.stringify(input),
      ).toEqual([message]);
    }
    const bad = await trpcErrorOf(owner.team.changeRole({ userId: adminSession.user.id, role: "root" as TRole }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect({ ...(await countWrites(db)), invitations: await db.invitation.count() }).toEqual(before);
  });

  it("revokes an invitation, audited; revoking it again is NOT_FOUND", async () => {
    const email = newEmail();
    const invitation = await admin.team.invite({ email, role: "viewer" });
    await expect(admin.team.revokeInvitation({ id: invitation.id })).resolves.toMatchObject({ email });
    expect(await db.invitation.count({ where: { email } })).toBe(0);
    const audits = await auditsFor(invitation.id);
    expect(audits.at(-1)).toMatchObject({
      action: "team.invitation.revoke",
      targetType: "Invitation",
      before: { email, role: "viewer" },
    });
    expect((await trpcErrorOf(admin.team.revokeInvitation({ id: invitation.id }))).code).toBe("NOT_FOUND");
  });

  it("hides invitations from editors and viewers, who still see the members", async () => {
    for (const role of ["editor", "viewer"] as const) {
      const { caller, userId } = await member(role);
      const team = await caller.team.list();
      expect(team.invitations).toBeNull();
      expect(team.members.some((candidate) => candidate.userId === userId)).toBe(true);
      expect((await trpcErrorOf(caller.team.invite({ email: newEmail(), role: "viewer" }))).code).toBe("FORBIDDEN");
    }
  });
});

describe("changing a role", () => {
  it("applies on the member's very next request, audited with before and after", async () => {
    const editor = await member("editor");
    await expect(editor.caller.instance.create({ alias: `team-${randomUUID().slice(0, 8)}` })).resolves.toBeTruthy();

    const changed = await admin.team.changeRole({ userId: editor.userId, role: "viewer" });
    expect(changed).toMatchObject({ userId: editor.userId, role: "viewer" });

    const refused = await trpcErrorOf(editor.caller.instance.create({ alias: `team-${randomUUID().slice(0, 8)}` }));
    expect(refused.code).toBe("FORBIDDEN");

    const [audit] = await auditsFor(editor.userId);
    expect(audit).toMatchObject({
      action: "team.role.change",
      targetType: "Member",
      actorUserId: adminSession.user.id,
      before: { email: editor.email, role: "editor" },
      after: { email: editor.email, role: "viewer" },
    });
  });

  it("needs a recent sign-in: FORBIDDEN with detail RECENT_SIGN_IN after an old one, writing nothing", async () => {
    const stale = await member("owner", { authenticatedAt: hourAgo() });
    const target = await member("viewer");
    const before = await countWrites(db);
    const attempts = [
      () => stale.caller.team.changeRole({ userId: target.userId, role: "editor" }),
      () => stale.caller.team.invite({ email: newEmail(), role: "admin" }),
      () => stale.caller.team.invite({ email: newEmail(), role: "owner" }),
      // Removing, then inviting back lower, would be a role change without the check.
      () => stale.caller.team.remove({ userId: target.userId }),
    ];
    for (const attempt of attempts) {
      const error = await trpcErrorOf(attempt());
      expect(error.code).toBe("FORBIDDEN");
      expect((error.cause as AppError).detail).toBe("RECENT_SIGN_IN");
      expect(error.message).toBe(RECENT_SIGN_IN_MESSAGE);
    }
    expect(await countWrites(db)).toEqual(before);
    expect(await roleOf(target.userId)).toBe("viewer");
    // Inviting an editor or viewer and revoking do not need one.
    const invitation = await stale.caller.team.invite({ email: newEmail(), role: "editor" });
    await stale.caller.team.revokeInvitation({ id: invitation.id });
  });

  it("keeps admins away from owners: no making, inviting, changing or removing one", async () => {
    const editor = await member("editor");
    const otherOwner = await member("owner");
    const before = { ...(await countWrites(db)), invitations: await db.invitation.count() };
    const attempts: Array<[() => Promise<unknown>, string]> = [
      [
        () => admin.team.changeRole({ userId: editor.userId, role: "owner" }),
        "Only an owner can make someone an owner; you are an admin.",
      ],
      [
        () => admin.team.invite({ email: newEmail(), role: "owner" }),
        "Only an owner can invite an owner; you are an admin.",
      ],
      [
        () => admin.team.changeRole({ userId: otherOwner.userId, role: "viewer" }),
        "Only an owner can change an owner's role.",
      ],
      [() => admin.team.remove({ userId: otherOwner.userId }), "Only an owner can remove an owner."],
    ];
    for (const [attempt, message] of attempts) {
      const error = await trpcErrorOf(attempt());
      expect(error.code, message).toBe("FORBIDDEN");
      expect(error.message).toBe(message);
    }
    expect({ ...(await countWrites(db)), invitations: await db.invitation.count() }).toEqual(before);

    // An owner's invitation is an owner's to change or revoke.
    const ownerInvite = await owner.team.invite({ email: newEmail(), role: "owner" });
    expect((await trpcErrorOf(admin.team.invite({ email: ownerInvite.email, role: "viewer" }))).code).toBe("FORBIDDEN");
    expect((await trpcErrorOf(admin.team.revokeInvitation({ id: ownerInvite.id }))).code).toBe("FORBIDDEN");

    // An owner may do all of it.
    await expect(owner.team.changeRole({ userId: editor.userId, role: "owner" })).resolves.toMatchObject({
      role: "owner",
    });
    await expect(owner.team.changeRole({ userId: editor.userId, role: "admin" })).resolves.toMatchObject({
      role: "admin",
    });
    await expect(owner.team.remove({ userId: otherOwner.userId })).resolves.toMatchObject({ role: "owner" });
  });

  it("is NOT_FOUND for someone who is not on the team", async () => {
    const error = await trpcErrorOf(admin.team.changeRole({ userId: "nobody", role: "viewer" }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("removing a member", () => {
  it("deletes the membership and every session at once: the member's cookie is signed out", async () => {
    const leaving = await member("editor");
    const secondSession = await db.session.create({
      data: { sessionToken: randomUUID(), userId: leaving.userId, expires: new Date(Date.now() + 3_600_000) },
    });
    const cookie = `next-auth.session-token=${leaving.session.sessionToken}`;
    expect(await sessionFromCookies(db, cookie)).not.toBeNull();

    const removed = await admin.team.remove({ userId: leaving.userId });
    expect(removed).toMatchObject({ userId: leaving.userId, role: "editor", email: leaving.email });

    expect(await db.session.count({ where: { userId: leaving.userId } })).toBe(0);
    expect(await db.session.count({ where: { id: secondSession.id } })).toBe(0);
    expect(await db.membership.count({ where: { userId: leaving.userId } })).toBe(0);
    expect(await sessionFromCookies(db, cookie)).toBeNull();
    expect((await admin.team.list()).members.some((candidate) => candidate.userId === leaving.userId)).toBe(false);

    const [audit] = await auditsFor(leaving.userId);
    expect(audit).toMatchObject({
      action: "team.member.remove",
      targetType: "Member",
      before: { email: leaving.email, role: "editor" },
      after: { sessionsEnded: 2 },
    });
  });

  it("lets a removed person come back only as a newcomer: invited again, they get the new invitation's role", async () => {
    const leaving = await member("editor");
    await admin.team.remove({ userId: leaving.userId });
    await admin.team.invite({ email: leaving.email, role: "viewer" });
    const user = await createUserWithMembership({
      db,
      user: { name: null, email: leaving.email, image: null },
      policy,
    });
    expect(await roleOf(user.id)).toBe("viewer");
  });
});

describe("the last owner", () => {
  let lastOwner: Awaited<ReturnType<typeof member>>;

  beforeEach(async () => {
    // Leave exactly one owner on the team.
    lastOwner = await member("owner");
    await db.membership.updateMany({
      where: { role: "owner", userId: { not: lastOwner.userId } },
      data: { role: "admin" },
    });
  });

  it("can be neither demoted nor removed, even by themselves", async () => {
    const before = await countWrites(db);
    for (const attempt of [
      () => lastOwner.caller.team.changeRole({ userId: lastOwner.userId, role: "admin" }),
      () => lastOwner.caller.team.remove({ userId: lastOwner.userId }),
    ]) {
      const error = await trpcErrorOf(attempt());
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/is the team's last owner.*Make someone else an owner first\.$/);
    }
    expect(await countWrites(db)).toEqual(before);
    expect(await roleOf(lastOwner.userId)).toBe("owner");
  });

  it("stays when the last two owners demote each other at the same moment: exactly one demotion succeeds", async () => {
    const second = await member("owner");
    const results = await Promise.allSettled([
      lastOwner.caller.team.changeRole({ userId: second.userId, role: "admin" }),
      second.caller.team.changeRole({ userId: lastOwner.userId, role: "admin" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { role: "owner" } })).toBe(1);
  });

  it("stays when the last two owners remove each other at the same moment", async () => {
    const second = await member("owner");
    const results = await Promise.allSettled([
      lastOwner.caller.team.remove({ userId: second.userId }),
      second.caller.team.remove({ userId: lastOwner.userId }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { role: "owner" } })).toBe(1);
  });
});

describe("signed out", () => {
  it("is UNAUTHORIZED", async () => {
    const anonymous = callerFor(db, null);
    expect((await trpcErrorOf(anonymous.team.list())).code).toBe("UNAUTHORIZED");
    expect((await trpcErrorOf(anonymous.team.remove({ userId: ownerSession.user.id }))).code).toBe("UNAUTHORIZED");
  });
});
