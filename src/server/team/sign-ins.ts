import { recordAudit } from "@/server/audit";
import type { TDb } from "@/server/db";
import { sanitizeText } from "@/server/text-schemas";
import type { TRole } from "./role-rules";
import type { TSignInPolicy, TSignInRefusal } from "./sign-in-policy";
import { ensureBootstrapOwner, getDefaultTeam, type TUserActor, userActor } from "./team";

/** How a member's earlier sign-ins bear on this one: whether their role comes from the groups claim. */
export async function findSignInMember({ db, email }: { db: TDb; email: string }) {
  const user = await db.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { memberships: { where: { team: { slug: "default" } }, select: { roleFromGroups: true } } },
  });
  return { roleFromGroups: user?.memberships[0]?.roleFromGroups === true };
}

/**
 * What a completed sign-in changes, audited: the person's last sign-in time; their role from the
 * groups claim when group mapping gives one (never demoting the team's last owner), remembered as
 * coming from groups; the bootstrap owner's role (always owner, whatever the groups say).
 */
export async function recordSignIn({
  db,
  userId,
  email,
  groupRole: claimedRole,
  isNewUser,
  policy,
}: {
  db: TDb;
  userId: string;
  email: string;
  groupRole: TRole | null;
  isNewUser: boolean;
  policy: TSignInPolicy;
}) {
  const team = await getDefaultTeam(db);
  const groupRole = email.toLowerCase() === policy.bootstrapOwnerEmail ? null : claimedRole;
  await db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { lastSignInAt: new Date() },
      select: { email: true, name: true },
    });
    const membership = await tx.membership.findUnique({
      where: { userId_teamId: { userId, teamId: team.id } },
      select: { role: true, roleFromGroups: true },
    });
    const actor = membership
      ? userActor({ userId, teamId: team.id, role: membership.role, email: user.email, name: user.name })
      : null;
    if (groupRole && membership && membership.role !== groupRole) {
      // Lock the owners first, so two sign-ins cannot each demote one of the last two owners.
      const owners = await tx.$queryRaw<Array<{ userId: string }>>`
        SELECT "userId" FROM "Membership" WHERE "teamId" = ${team.id}::uuid AND "role" = 'owner' FOR UPDATE`;
      const lastOwner = membership.role === "owner" && owners.length <= 1;
      if (!lastOwner) {
        await tx.membership.update({
          where: { userId_teamId: { userId, teamId: team.id } },
          data: { role: groupRole, roleFromGroups: true, ...(isNewUser ? { joinedVia: "GROUPS" } : {}) },
        });
        await tx.auditEvent.create({
          data: {
            teamId: team.id,
            actorKind: "SYSTEM",
            actorLabel: "Identity provider groups",
            action: "team.role.change",
            targetType: "Member",
            targetId: userId,
            before: { email, role: membership.role },
            after: { email, role: groupRole },
            reason: `At sign-in, ${email}'s groups give the ${groupRole} role.`,
          },
        });
      }
    } else if (groupRole && membership && (isNewUser || !membership.roleFromGroups)) {
      await tx.membership.update({
        where: { userId_teamId: { userId, teamId: team.id } },
        data: { roleFromGroups: true, ...(isNewUser ? { joinedVia: "GROUPS" } : {}) },
      });
    }
    if (actor) {
      await recordAudit(tx, {
        actor,
        action: "session.signIn",
        targetType: "Member",
        targetId: userId,
        ...(isNewUser ? { reason: "First sign-in: joined the team." } : {}),
      });
    }
  });
  await ensureBootstrapOwner({ db, userId, email, policy });
}

const REFUSAL_REASONS: Record<TSignInRefusal, string> = {
  EmailNotVerified: "The identity provider has not verified the email address.",
  DomainNotAllowed: "The email domain is not allowed, and there is no invitation.",
  NoEmail: "The identity provider sent no email address.",
  NoMappedGroup: "The person is no longer in any group that gives a role.",
};

/** Refused sign-ins are kept once per identity and hour, and at most this many an hour in all. */
const MAX_REFUSED_SIGN_INS_PER_HOUR = 100;

/**
 * A refused sign-in, in the audit log: who tried (as the IdP named them) and why they were refused.
 * Audit rows can never be deleted, so repeats are not: one row per identity and hour, and at most
 * MAX_REFUSED_SIGN_INS_PER_HOUR rows an hour, so someone who can sign in at the IdP cannot grow the log.
 */
export async function recordRefusedSignIn({
  db,
  email,
  subject,
  reason,
}: {
  db: TDb;
  email: string | null;
  subject: string;
  reason: TSignInRefusal;
}) {
  const team = await getDefaultTeam(db);
  const targetId = sanitizeText(subject, { max: 255 }) || "(none)";
  const recent = {
    teamId: team.id,
    action: "session.signInRefused",
    createdAt: { gt: new Date(Date.now() - 3_600_000) },
  };
  if (await db.auditEvent.findFirst({ where: { ...recent, targetId }, select: { id: true } })) return;
  if ((await db.auditEvent.count({ where: recent })) >= MAX_REFUSED_SIGN_INS_PER_HOUR) return;
  await db.auditEvent.create({
    data: {
      teamId: team.id,
      actorKind: "ANONYMOUS",
      actorLabel: email ?? "(no email)",
      action: "session.signInRefused",
      targetType: "Identity",
      targetId,
      reason: REFUSAL_REASONS[reason],
    },
  });
}

/** Ends every session of the caller (all browsers and devices), audited. */
export async function signOutEverywhere({ db, actor, userId }: { db: TDb; actor: TUserActor | null; userId: string }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId } });
    if (actor) {
      await recordAudit(tx, {
        actor,
        action: "session.signOutEverywhere",
        targetType: "Member",
        targetId: userId,
        after: { sessionsEnded: count },
      });
    }
    return { sessionsEnded: count };
  });
}
