import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit";
import type { TDb } from "@/server/db";
import { AppError, isUniqueViolation } from "@/server/errors";
import { hasRole, ROLE_LABELS, ROLES, type TRole } from "./role-rules";
import type { TSignInPolicy } from "./sign-in-policy";
import { canManageRole } from "./team-rules";
import type {
  TChangeMemberRole,
  TInviteMember,
  TRemoveMember,
  TRevokeInvitation,
  TTeam,
  TTeamInvitation,
  TTeamMember,
} from "./team-schemas";

export const DEFAULT_TEAM = { slug: "default", name: "Attache" } as const;

/** A signed-in console user, resolved from the database on every call. */
export type TUserActor = { kind: "user"; userId: string; teamId: string; role: TRole; label: string };

/** A caller of the AWS-compatible API, by its API key; it reaches all or some of its team's instances. */
export type TApiKeyActor = {
  kind: "apiKey";
  apiKeyId: string;
  teamId: string;
  label: string;
  allInstances: boolean;
  instanceIds: readonly string[];
};

/** Who is calling the domain core. */
export type TActor = TUserActor | TApiKeyActor;

/** How an actor is recorded in history and audit rows. */
export function actorColumns(actor: TActor) {
  return actor.kind === "user"
    ? { actorKind: "USER" as const, actorUserId: actor.userId, actorApiKeyId: null, actorLabel: actor.label }
    : { actorKind: "API_KEY" as const, actorUserId: null, actorApiKeyId: actor.apiKeyId, actorLabel: actor.label };
}

/**
 * Users need at least `role`. API keys are scoped by instance instead, and act at most as an
 * editor: nothing that needs an admin (keys, team) is ever reachable with an API key.
 */
export function assertActorRole(actor: TActor, role: TRole) {
  if (actor.kind === "apiKey") {
    if (hasRole(role, "admin"))
      throw new AppError("FORBIDDEN", "API keys cannot do this; an admin can, in the console.");
    return;
  }
  if (!hasRole(actor.role, role)) {
    throw new AppError("FORBIDDEN", `This needs the ${role} role or higher; you are ${actor.role}.`);
  }
}

export async function getDefaultTeam(db: TDb) {
  return db.team.upsert({
    where: { slug: DEFAULT_TEAM.slug },
    update: {},
    create: { slug: DEFAULT_TEAM.slug, name: DEFAULT_TEAM.name },
    select: { id: true, slug: true, name: true },
  });
}

export async function findActor({ db, userId }: { db: TDb; userId: string }): Promise<TUserActor | null> {
  const membership = await db.membership.findFirst({
    where: { userId, team: { slug: DEFAULT_TEAM.slug } },
    select: { userId: true, teamId: true, role: true, user: { select: { email: true, name: true } } },
  });
  if (!membership) return null;
  const { user, ...rest } = membership;
  return userActor({ ...rest, email: user.email, name: user.name });
}

/** A member as the domain sees them; history and audit name them by email. */
export function userActor(member: {
  userId: string;
  teamId: string;
  role: TRole;
  email: string | null;
  name: string | null;
}): TUserActor {
  const { email, name, ...rest } = member;
  return { kind: "user", ...rest, label: email ?? name ?? rest.userId };
}

export const NOT_A_MEMBER = "You are not a member of this team. Ask an owner or admin to invite you.";

/** The caller's membership, if its role is at least `role`; FORBIDDEN otherwise. */
export async function requireActor({
  db,
  userId,
  role,
}: {
  db: TDb;
  userId: string;
  role: TRole;
}): Promise<TUserActor> {
  const actor = await findActor({ db, userId });
  if (!actor) throw new AppError("FORBIDDEN", NOT_A_MEMBER);
  assertActorRole(actor, role);
  return actor;
}

export async function hasPendingInvitation({ db, email }: { db: TDb; email: string }): Promise<boolean> {
  const count = await db.invitation.count({ where: { email: email.toLowerCase() } });
  return count > 0;
}

/**
 * Creates the user for a first SSO sign-in together with their membership: owner for the bootstrap
 * email, the invited role when invited (the invitation is then used up), viewer otherwise.
 */
export async function createUserWithMembership({
  db,
  user,
  policy,
}: {
  db: TDb;
  user: { name: string | null; email: string; image: string | null };
  policy: TSignInPolicy;
}) {
  const email = user.email.toLowerCase();
  const team = await getDefaultTeam(db);
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { teamId_email: { teamId: team.id, email } } });
    const bootstrap = email === policy.bootstrapOwnerEmail;
    const role: TRole = bootstrap ? "owner" : (invitation?.role ?? "viewer");
    const created = await tx.user.create({
      data: { name: user.name, email, image: user.image, emailVerified: new Date() },
    });
    await tx.membership.create({
      data: {
        userId: created.id,
        teamId: team.id,
        role,
        joinedVia: bootstrap ? "BOOTSTRAP" : invitation ? "INVITATION" : "DOMAIN",
        invitedByLabel: invitation && !bootstrap ? invitation.invitedByLabel || null : null,
      },
    });
    if (invitation) await tx.invitation.delete({ where: { id: invitation.id } });
    return created;
  });
}

/**
 * The configured bootstrap email is always an owner, even if it signed up before it was configured
 * or was demoted since (audited when it changes anything).
 */
export async function ensureBootstrapOwner({
  db,
  userId,
  email,
  policy,
}: {
  db: TDb;
  userId: string;
  email: string;
  policy: TSignInPolicy;
}) {
  if (email.toLowerCase() !== policy.bootstrapOwnerEmail) return;
  const team = await getDefaultTeam(db);
  await db.$transaction(async (tx) => {
    const before = await tx.membership.findUnique({
      where: { userId_teamId: { userId, teamId: team.id } },
      select: { role: true },
    });
    if (before?.role === "owner") return;
    await tx.membership.upsert({
      where: { userId_teamId: { userId, teamId: team.id } },
      update: { role: "owner", roleFromGroups: false },
      create: { userId, teamId: team.id, role: "owner", joinedVia: "BOOTSTRAP" },
    });
    await tx.auditEvent.create({
      data: {
        teamId: team.id,
        actorKind: "SYSTEM",
        actorLabel: "ATTACHE_BOOTSTRAP_OWNER_EMAIL",
        action: "team.role.change",
        targetType: "Member",
        targetId: userId,
        ...(before ? { before: { email, role: before.role } } : {}),
        after: { email, role: "owner" },
        reason: "The bootstrap owner's email is always an owner.",
      },
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Managing the team: admins and owners; only owners make, invite, change or remove owners; the last
// owner stays. Every change is audited in its own transaction.

const memberSelect = {
  userId: true,
  role: true,
  createdAt: true,
  joinedVia: true,
  roleFromGroups: true,
  invitedByLabel: true,
  user: { select: { name: true, email: true, lastSignInAt: true } },
} satisfies Prisma.MembershipSelect;

function toMember(row: Prisma.MembershipGetPayload<{ select: typeof memberSelect }>): TTeamMember {
  const { user, createdAt, ...rest } = row;
  return { ...rest, ...user, joinedAt: createdAt };
}

const invitationSelect = {
  id: true,
  email: true,
  role: true,
  invitedByLabel: true,
  createdAt: true,
} satisfies Prisma.InvitationSelect;

const roleName = (role: TRole) => ROLE_LABELS[role].toLowerCase();
const memberName = (member: { email: string | null; name: string | null }) =>
  member.email ?? member.name ?? "This member";

/**
 * Everyone on the team, owners first; pending invitations for admins and owners only (editors and
 * viewers see who is on the team, not who has been invited).
 */
export async function listTeam({ db, actor }: { db: TDb; actor: TActor }): Promise<TTeam> {
  assertActorRole(actor, "viewer");
  const canManage = actor.kind === "user" && hasRole(actor.role, "admin");
  const [rows, invitations] = await Promise.all([
    db.membership.findMany({ where: { teamId: actor.teamId }, select: memberSelect, orderBy: { createdAt: "asc" } }),
    canManage
      ? db.invitation.findMany({
          where: { teamId: actor.teamId },
          select: invitationSelect,
          orderBy: { createdAt: "desc" },
        })
      : null,
  ]);
  const members = rows
    .map(toMember)
    .sort(
      (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || (a.email ?? "").localeCompare(b.email ?? "", "en"),
    );
  return { members, invitations };
}

function assertMayAssign(actorRole: TRole, role: TRole, what: string) {
  if (role === "owner" && actorRole !== "owner") {
    throw new AppError("FORBIDDEN", `Only an owner can ${what}; you are an admin.`);
  }
}

/**
 * Invites someone by email with a role, which they get at their first sign-in. Inviting an address
 * that already has an invitation changes that invitation's role; inviting a member is a CONFLICT.
 */
export async function inviteMember({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TUserActor;
  input: TInviteMember;
}): Promise<TTeamInvitation> {
  assertActorRole(actor, "admin");
  const email = input.email.toLowerCase();
  assertMayAssign(actor.role, input.role, "invite an owner");
  return db
    .$transaction(async (tx) => {
      const member = await tx.membership.findFirst({
        where: { teamId: actor.teamId, user: { email } },
        select: { role: true },
      });
      if (member) {
        throw new AppError(
          "CONFLICT",
          `${email} is already on the team, as ${roleName(member.role)}. Change their role in the members list instead.`,
        );
      }
      const existing = await tx.invitation.findUnique({
        where: { teamId_email: { teamId: actor.teamId, email } },
        select: invitationSelect,
      });
      if (existing && !canManageRole(actor.role, existing.role)) {
        throw new AppError("FORBIDDEN", `${email} is invited as an owner; only an owner can change that invitation.`);
      }
      const invitation = existing
        ? await tx.invitation.update({
            where: { id: existing.id },
            data: { role: input.role, invitedByLabel: actor.label },
            select: invitationSelect,
          })
        : await tx.invitation.create({
            data: { teamId: actor.teamId, email, role: input.role, invitedByLabel: actor.label },
            select: invitationSelect,
          });
      await recordAudit(tx, {
        actor,
        action: "team.invite",
        targetType: "Invitation",
        targetId: invitation.id,
        ...(existing ? { before: { email, role: existing.role } } : {}),
        after: { email, role: invitation.role },
      });
      return invitation;
    })
    .catch((error: unknown) => {
      // Two admins inviting the same address at the same moment: the unique index decides.
      if (isUniqueViolation(error)) {
        throw new AppError("CONFLICT", `${email} was invited by someone else just now. Reload to see the invitation.`);
      }
      throw error;
    });
}

export async function revokeInvitation({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TUserActor;
  input: TRevokeInvitation;
}): Promise<TTeamInvitation> {
  assertActorRole(actor, "admin");
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: input.id, teamId: actor.teamId },
      select: invitationSelect,
    });
    if (!invitation) {
      throw new AppError("NOT_FOUND", "That invitation no longer exists: it was revoked, or the person has joined.");
    }
    if (!canManageRole(actor.role, invitation.role)) {
      throw new AppError("FORBIDDEN", "Only an owner can revoke an invitation to be an owner.");
    }
    await tx.invitation.delete({ where: { id: invitation.id } });
    await recordAudit(tx, {
      actor,
      action: "team.invitation.revoke",
      targetType: "Invitation",
      targetId: invitation.id,
      before: { email: invitation.email, role: invitation.role },
    });
    return invitation;
  });
}

/**
 * In the caller's transaction: locks the team's owner memberships first (every team change takes
 * them in the same order, so two changes cannot each take away one of the last two owners), then the
 * actor's and the target's. Returns the target, the number of owners, and the actor's role as it is
 * now (a role changed while this request was on its way counts).
 */
async function lockMember(tx: Prisma.TransactionClient, { actor, userId }: { actor: TUserActor; userId: string }) {
  const owners = await tx.$queryRaw<Array<{ userId: string }>>`
    SELECT "userId" FROM "Membership" WHERE "teamId" = ${actor.teamId}::uuid AND "role" = 'owner' ORDER BY "id" FOR UPDATE`;
  const locked = await tx.$queryRaw<Array<{ userId: string; role: TRole }>>`
    SELECT "userId", "role"::text AS "role" FROM "Membership"
    WHERE "teamId" = ${actor.teamId}::uuid AND "userId" IN (${actor.userId}, ${userId}) ORDER BY "id" FOR UPDATE`;
  const actorRole = locked.find((row) => row.userId === actor.userId)?.role;
  if (!actorRole || !hasRole(actorRole, "admin")) {
    throw new AppError("FORBIDDEN", "This needs the admin role or higher; your role changed a moment ago.");
  }
  const member = await tx.membership.findUnique({
    where: { userId_teamId: { userId, teamId: actor.teamId } },
    select: memberSelect,
  });
  if (!member) throw new AppError("NOT_FOUND", "That person is no longer on the team.");
  return { member: toMember(member), ownerCount: owners.length, actorRole };
}
/** Changes a member's role; it applies from their very next request (roles are read on every call). */
export async function changeMemberRole({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TUserActor;
  input: TChangeMemberRole;
}): Promise<TTeamMember> {
  assertActorRole(actor, "admin");
  assertMayAssign(actor.role, input.role, "make someone an owner");
  return db.$transaction(async (tx) => {
    const { member, ownerCount, actorRole } = await lockMember(tx, { actor, userId: input.userId });
    assertMayAssign(actorRole, input.role, "make someone an owner");
    if (!canManageRole(actorRole, member.role)) {
      throw new AppError("FORBIDDEN", "Only an owner can change an owner's role.");
    }
    if (member.role === input.role) return member;
    if (member.role === "owner" && ownerCount <= 1) {
      throw new AppError(
        "CONFLICT",
        `${memberName(member)} is the team's last owner, so they stay an owner. Make someone else an owner first.`,
      );
    }
    await tx.membership.update({
      where: { userId_teamId: { userId: member.userId, teamId: actor.teamId } },
      // Decided in the console now: leaving a mapped group no longer ends this member's access.
      data: { role: input.role, roleFromGroups: false },
    });
    await recordAudit(tx, {
      actor,
      action: "team.role.change",
      targetType: "Member",
      targetId: member.userId,
      before: { email: member.email, role: member.role },
      after: { email: member.email, role: input.role },
    });
    return { ...member, role: input.role };
  });
}

/**
 * Removes a member: their sessions end at once (an open browser is signed out at its next request)
 * and the user is forgotten with their IdP link, so should they sign in again they are treated as a
 * newcomer (joining through an invitation or an allowed domain), never as a member without a team.
 */
export async function removeMember({
  db,
  actor,
  input,
}: {
  db: TDb;
  actor: TUserActor;
  input: TRemoveMember;
}): Promise<TTeamMember> {
  assertActorRole(actor, "admin");
  return db.$transaction(async (tx) => {
    const { member, ownerCount, actorRole } = await lockMember(tx, { actor, userId: input.userId });
    if (!canManageRole(actorRole, member.role)) {
      throw new AppError("FORBIDDEN", "Only an owner can remove an owner.");
    }
    if (member.role === "owner" && ownerCount <= 1) {
      throw new AppError(
        "CONFLICT",
        `${memberName(member)} is the team's last owner and cannot be removed. Make someone else an owner first.`,
      );
    }
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId: member.userId } });
    await tx.membership.delete({ where: { userId_teamId: { userId: member.userId, teamId: actor.teamId } } });
    await tx.user.delete({ where: { id: member.userId } });
    await recordAudit(tx, {
      actor,
      action: "team.member.remove",
      targetType: "Member",
      targetId: member.userId,
      before: { email: member.email, role: member.role },
      after: { sessionsEnded },
    });
    return member;
  });
}
