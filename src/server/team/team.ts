import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { hasRole, type TRole } from "./roles";
import type { TSignInPolicy } from "./sign-in-policy";

export const DEFAULT_TEAM = { slug: "default", name: "Attache" } as const;

/** Who is calling the domain core, resolved from the database on every call. */
export type TActor = { userId: string; teamId: string; role: TRole };

export async function getDefaultTeam(db: TDb) {
  return db.team.upsert({
    where: { slug: DEFAULT_TEAM.slug },
    update: {},
    create: { slug: DEFAULT_TEAM.slug, name: DEFAULT_TEAM.name },
    select: { id: true, slug: true, name: true },
  });
}

export async function findActor({ db, userId }: { db: TDb; userId: string }): Promise<TActor | null> {
  const membership = await db.membership.findFirst({
    where: { userId, team: { slug: DEFAULT_TEAM.slug } },
    select: { userId: true, teamId: true, role: true },
  });
  return membership;
}

/** The caller's membership, if its role is at least `role`; FORBIDDEN otherwise. */
export async function requireActor({ db, userId, role }: { db: TDb; userId: string; role: TRole }): Promise<TActor> {
  const actor = await findActor({ db, userId });
  if (!actor)
    throw new AppError("FORBIDDEN", "You are not a member of this team. Ask an owner or admin to invite you.");
  if (!hasRole(actor.role, role)) {
    throw new AppError("FORBIDDEN", `This needs the ${role} role or higher; you are ${actor.role}.`);
  }
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
    const role: TRole = email === policy.bootstrapOwnerEmail ? "owner" : (invitation?.role ?? "viewer");
    const created = await tx.user.create({
      data: { name: user.name, email, image: user.image, emailVerified: new Date() },
    });
    await tx.membership.create({ data: { userId: created.id, teamId: team.id, role } });
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
