import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import type { TSession } from "@/server/auth";
import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { hasRole, type TRole } from "@/server/team/role-rules";
import { countWrites, createSession, createTestDatabase } from "@/test/db";
import { callerFor, trpcErrorOf } from "@/test/trpc";

/**
 * Every tRPC mutation against every role. The role each mutation needs is kept here by hand, and the
 * table must name exactly the app's mutations (read from the router), so a new mutation fails this
 * file until someone decides who may call it.
 *
 * "signedIn": any signed-in person, member or not (self-service on their own account).
 */
type TGate = "signedIn" | TRole;

const MUTATION_GATES: Record<string, TGate> = {
  // Self-service: ends the caller's own sessions, whatever their role.
  "me.signOutEverywhere": "signedIn",

  "instance.create": "editor",
  "instance.rename": "editor",
  "instance.delete": "admin",

  "policy.update": "editor",
  "policy.reset": "editor",
  "policy.restore": "editor",
  "policy.undo": "editor",
  "policy.copy": "editor",
  "policy.import": "editor",

  "apiKey.create": "admin",
  "apiKey.rotate": "admin",
  "apiKey.updateInstances": "admin",
  "apiKey.revoke": "admin",
  "apiKey.reinstate": "admin",

  "workspace.create": "editor",
  "workspace.updateMetadata": "editor",
  "workspace.updateVisibility": "editor",
  "workspace.updateTheme": "editor",
  "workspace.delete": "editor",
  "workspace.checkMedia": "editor",
  "workspace.importMedia": "editor",
  "workspace.restoreMedia": "editor",
  "workspace.deleteMedia": "editor",

  // A mutation only because every call signs a new one-minute download URL: reading files is a viewer's right.
  "file.download": "viewer",
  "file.delete": "editor",

  "team.invite": "admin",
  "team.revokeInvitation": "admin",
  "team.changeRole": "admin",
  "team.remove": "admin",
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const mutations = Object.keys(procedures)
  .filter((path) => procedures[path]?._def.type === "mutation")
  .sort();

let db: TDb;
let drop: () => Promise<void>;
const sessions = {} as Record<"viewer" | "editor" | "nobody", TSession>;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  sessions.viewer = await createSession(db, "viewer");
  sessions.editor = await createSession(db, "editor");
  sessions.nobody = await createSession(db, null);
});
afterAll(() => drop());

/**
 * Calls a mutation by its path with a minimal input: the role gate runs before the input is parsed,
 * so a refusal here is the gate's and nothing else's.
 */
function call(session: TSession | null, path: string) {
  const caller = callerFor(db, session) as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<unknown>>
  >;
  const [router = "", procedure = ""] = path.split(".");
  const run = caller[router]?.[procedure];
  if (!run) throw new Error(`no procedure at ${path}`);
  return run({});
}

/** Refused by the role gate: FORBIDDEN, and not for another reason (such as a recent sign-in). */
async function expectForbiddenByRole(session: TSession, path: string) {
  const error = await trpcErrorOf(call(session, path));
  expect(error.code, path).toBe("FORBIDDEN");
  expect(error.cause, path).toBeInstanceOf(AppError);
  expect((error.cause as AppError).detail, path).toBeUndefined();
}

describe("every tRPC mutation", () => {
  it("has a gate in this file's table, and the table names no mutation that is gone", () => {
    expect(mutations.length).toBeGreaterThan(0);
    expect(Object.keys(MUTATION_GATES).sort()).toEqual(mutations);
  });

  it("is UNAUTHORIZED when signed out", async () => {
    for (const path of mutations) {
      expect((await trpcErrorOf(call(null, path))).code, path).toBe("UNAUTHORIZED");
    }
  });

  it("is FORBIDDEN for a signed-in person who is on no team, except self-service", async () => {
    for (const path of mutations.filter((candidate) => MUTATION_GATES[candidate] !== "signedIn")) {
      await expectForbiddenByRole(sessions.nobody, path);
    }
  });

  it("is FORBIDDEN for a viewer, except the few a viewer may call", async () => {
    const allowed = mutations.filter((path) => {
      const gate = MUTATION_GATES[path];
      return gate === "signedIn" || gate === "viewer";
    });
    // Reviewed by hand: a change to this list is a change to what viewers can do.
    expect(allowed).toEqual(["file.download", "me.signOutEverywhere"]);
    for (const path of mutations.filter((candidate) => !allowed.includes(candidate))) {
      await expectForbiddenByRole(sessions.viewer, path);
    }
  });

  it("is FORBIDDEN for an editor on every mutation that needs an admin or owner", async () => {
    const adminOnly = mutations.filter((path) => {
      const gate = MUTATION_GATES[path];
      return gate !== undefined && gate !== "signedIn" && hasRole(gate, "admin");
    });
    expect(adminOnly.length).toBeGreaterThan(0);
    for (const path of adminOnly) await expectForbiddenByRole(sessions.editor, path);
  });

  it("wrote nothing while refusing", async () => {
    const before = await countWrites(db);
    for (const path of mutations.filter((candidate) => MUTATION_GATES[candidate] !== "signedIn")) {
      await trpcErrorOf(call(sessions.viewer, path)).catch(() => undefined);
    }
    expect(await countWrites(db)).toEqual(before);
  });
});
