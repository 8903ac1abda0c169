import type { TAuditEvent } from "@/server/audit-log-schemas";
import { SCOPE_LABELS, type TAttachmentScope } from "@/server/policies/policy-rules";

/** How the Audit page names actions, actors and targets. Browser-safe; recorded text is shown as text only. */

/** Every action the code records, in words (a unit test reads the sources to keep this complete). */
export const ACTION_LABELS: Record<string, string> = {
  "policy.update": "Changed a policy",
  "policy.revert": "Reverted a policy",
  "policy.copy": "Copied a policy",
  "policy.import": "Imported a policy",
  "policy.reset": "Reset a policy to the default",
  "policy.restore": "Restored a policy version",
  "policy.undo": "Undid a policy change",
  "instance.create": "Created an instance",
  "instance.rename": "Renamed an instance",
  "instance.delete": "Deleted an instance",
  "workspace.create": "Created a workspace",
  "workspace.update": "Changed a workspace's details",
  "workspace.theme": "Changed a workspace's theme",
  "workspace.visibility": "Changed a workspace's visibility",
  "workspace.delete": "Deleted a workspace",
  "workspace.media.import": "Imported a workspace image",
  "workspace.media.restore": "Restored a workspace image",
  "workspace.media.delete": "Removed a workspace image",
  "file.delete": "Deleted a file",
  "apiKey.create": "Created an API key",
  "apiKey.revoke": "Revoked an API key",
  "apiKey.rotate": "Rotated an API key",
  "apiKey.scope": "Changed an API key's instances",
  "apiKey.reactivate": "Re-activated an API key",
  "apiKey.reinstate": "Reinstated an API key",
  "apiKey.release": "Released a former bootstrap API key",
  "team.invite": "Invited a member",
  "team.invitation.revoke": "Revoked an invitation",
  "team.role.change": "Changed a member's role",
  "team.member.remove": "Removed a member",
  "session.signIn": "Signed in",
  "session.signInRefused": "Sign-in refused",
  "session.signOut": "Signed out",
  "session.signOutEverywhere": "Signed out everywhere",
};

/** "Changed a policy" for policy.update; an action this console does not know yet is shown as recorded. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

type TActorFields = Pick<TAuditEvent, "actorKind" | "actorLabel">;

/**
 * Who did it: a person by their email, an API key by its id and name, the system, or someone who
 * was not signed in (a refused sign-in), with what the event recorded about them as `detail`.
 */
export function actorText(event: TActorFields): { text: string; detail: string | null } {
  switch (event.actorKind) {
    case "USER":
      return { text: event.actorLabel, detail: null };
    case "API_KEY":
      return {
        text: /^API key\b/.test(event.actorLabel) ? event.actorLabel : `API key ${event.actorLabel}`,
        detail: null,
      };
    case "SYSTEM":
      return { text: "System", detail: event.actorLabel || null };
    case "ANONYMOUS":
      return { text: "Not signed in", detail: event.actorLabel || null };
  }
}

const TARGET_TYPE_LABELS: Record<string, string> = {
  AttachedFilesConfiguration: "Policy",
  Instance: "Instance",
  Workspace: "Workspace",
  file: "File",
  ApiKey: "API key",
  Member: "Member",
  Invitation: "Invitation",
  Identity: "Identity",
};

const NAME_KEYS = ["alias", "name", "fileName", "email"] as const;

function nameIn(value: TAuditEvent["before"]): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  for (const key of NAME_KEYS) {
    const name = value[key];
    if (typeof name === "string" && name) return name;
  }
  return null;
}

/**
 * What was changed: the kind of thing and a name for it (from the event's own before/after, so a
 * deleted thing keeps its name), with the recorded id.
 */
export function targetText(event: Pick<TAuditEvent, "targetType" | "targetId" | "before" | "after">): {
  kind: string;
  name: string | null;
  id: string;
} {
  const kind = TARGET_TYPE_LABELS[event.targetType] ?? event.targetType;
  if (event.targetType === "AttachedFilesConfiguration") {
    const scope = event.targetId.split("/").at(-1) as TAttachmentScope;
    return { kind, name: SCOPE_LABELS[scope] ? `${SCOPE_LABELS[scope]} scope` : null, id: event.targetId };
  }
  return { kind, name: nameIn(event.after) ?? nameIn(event.before), id: event.targetId };
}
