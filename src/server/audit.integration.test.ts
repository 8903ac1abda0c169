import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/server/audit";
import type { TDb } from "@/server/db";
import { findActor } from "@/server/team/team";
import { createSession, createTestDatabase } from "@/test/db";

let db: TDb;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
});

afterAll(async () => {
  await drop?.();
});

describe("audit events", () => {
  it("are append-only: an UPDATE, a DELETE or a TRUNCATE by the application's role fails, an INSERT works", async () => {
    const session = await createSession(db, "admin");
    const actor = await findActor({ db, userId: session.user.id });
    if (!actor) throw new Error("admin actor missing");
    await recordAudit(db, { actor, action: "test.append-only", targetType: "test", targetId: "t1", after: { n: 1 } });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "test.append-only" } });

    const refusals = await Promise.allSettled([
      db.auditEvent.update({ where: { id: event.id }, data: { action: "test.rewritten" } }),
      db.auditEvent.delete({ where: { id: event.id } }),
      db.pool.query(`UPDATE "AuditEvent" SET "after" = '{"n": 2}' WHERE "id" = $1`, [event.id]),
      db.pool.query(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [event.id]),
      db.pool.query(`TRUNCATE "AuditEvent"`),
    ]);
    for (const refusal of refusals) {
      expect(refusal.status).toBe("rejected");
      expect(String((refusal as PromiseRejectedResult).reason)).toMatch(/append-only/);
    }
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      action: "test.append-only",
      after: { n: 1 },
    });
    await recordAudit(db, { actor, action: "test.append-only", targetType: "test", targetId: "t2" });
    expect(await db.auditEvent.count({ where: { action: "test.append-only" } })).toBe(2);
  });
});
