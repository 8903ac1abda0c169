import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { hasRole, type TRole } from "./role-rules";
import type { TSignInPolicy } from "./sign-in-policy";

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

/** The configured bootstrap email is always an owner, even if it signed up before it was configured. */
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
  await db.membership.upsert({
    where: { userId_teamId: { userId, teamId: team.id } },
    update: { role: "owner" },
    create: { userId, teamId: team.id, role: "owner" },
  });
}
