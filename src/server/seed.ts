import type { TDb } from "@/server/db";
import { DEMO_USERS } from "@/server/dev-idp/demo-users";
import { instanceArn, type TArnContext } from "@/server/instances/instances";
import { getDefaultTeam } from "@/server/team/team";

/** Fixed, so seeding is idempotent and a renamed demo instance stays renamed. */
export const DEMO_INSTANCE_ID = "6f0c1d3e-8a52-4c1b-9d7e-2b4a5c6d7e8f";
export const DEMO_INSTANCE_ALIAS = "attache-demo";

/**
 * Idempotent: the default team always; with `demo`, the demo instance (unless someone deleted it) and
 * invitations that give the dev IdP's demo people their roles on first sign-in (never downgrading
 * anyone who already signed in).
 */
export async function seed({ db, demo, arnContext }: { db: TDb; demo: boolean; arnContext: TArnContext }) {
  const team = await getDefaultTeam(db);
  if (!demo) return;
  // Someone deleted the demo instance on purpose: the next start must not bring it back.
  const deleted = await db.auditEvent.count({
    where: { teamId: team.id, action: "instance.delete", targetType: "Instance", targetId: DEMO_INSTANCE_ID },
  });
  if (!deleted) await seedDemoInstance(db, team.id, arnContext);
  const invitable = DEMO_USERS.filter((user) => user.role && user.role !== "owner");
  const existing = await db.user.findMany({
    where: { email: { in: invitable.map((user) => user.email) } },
    select: { email: true },
  });
  const signedUp = new Set(existing.map((user) => user.email));
  await db.invitation.createMany({
    data: invitable
      .filter((user) => !signedUp.has(user.email))
      .map((user) => ({ teamId: team.id, email: user.email, role: user.role ?? "viewer" })),
    skipDuplicates: true,
  });
}

async function seedDemoInstance(db: TDb, teamId: string, arnContext: TArnContext) {
  await db.instance.createMany({
    data: [
      { id: DEMO_INSTANCE_ID, alias: DEMO_INSTANCE_ALIAS, arn: instanceArn(DEMO_INSTANCE_ID, arnContext), teamId },
    ],
    skipDuplicates: true,
  });
}
