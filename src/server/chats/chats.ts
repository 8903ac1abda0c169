import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { TDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { requireInstance } from "@/server/instances/instances";
import { assertActorRole, type TApiKeyActor } from "@/server/team/team";

/**
 * Chats as far as attachments need them: StartChatContact creates a contact and its customer
 * participant (Attache runs no contact flows; the flow id is recorded). The participant token only
 * creates connections; a connection token only reaches its own chat's attachments. Tokens are
 * random, shown once, and stored as SHA-256 hashes; their prefix says which kind they are.
 */

const PARTICIPANT_PREFIX = "AttacheParticipant.";
const CONNECTION_PREFIX = "AttacheConnection.";
/** How long a connection token works (the real service's connections last about a day). */
export const CONNECTION_LIFETIME_MS = 24 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString("base64url")}`;

export type TChatCaller = {
  kind: "participant" | "connection";
  participantId: string;
  contactId: string;
  contactArn: string;
  instanceId: string;
  instanceArn: string;
  teamId: string;
  displayName: string;
};

export async function startChatContact({
  db,
  actor,
  instanceReference,
  contactFlowId,
  displayName,
}: {
  db: TDb;
  actor: TApiKeyActor;
  instanceReference: string;
  contactFlowId: string;
  displayName: string;
}) {
  assertActorRole(actor, "editor");
  const instance = await requireInstance({ db, actor, reference: instanceReference });
  const contactId = randomUUID();
  const participantToken = newToken(PARTICIPANT_PREFIX);
  const contact = await db.chatContact.create({
    data: {
      id: contactId,
      instanceId: instance.id,
      arn: `${instance.arn}/contact/${contactId}`,
      contactFlowId,
      participants: { create: { displayName, tokenHash: hashToken(participantToken) } },
    },
    select: { id: true, participants: { select: { id: true } } },
  });
  return { contactId: contact.id, participantId: contact.participants[0]?.id ?? "", participantToken };
}

/** Who holds this bearer token, or null for an unknown, expired or malformed one. */
export async function findChatCaller({
  db,
  token,
  now,
}: {
  db: TDb;
  token: string;
  now: Date;
}): Promise<TChatCaller | null> {
  if (token.startsWith(PARTICIPANT_PREFIX)) {
    const participant = await db.chatParticipant.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        id: true,
        displayName: true,
        contact: { select: { id: true, arn: true, instance: { select: { id: true, arn: true, teamId: true } } } },
      },
    });
    if (!participant) return null;
    const { contact } = participant;
    return {
      kind: "participant",
      participantId: participant.id,
      contactId: contact.id,
      contactArn: contact.arn,
      instanceId: contact.instance.id,
      instanceArn: contact.instance.arn,
      teamId: contact.instance.teamId,
      displayName: participant.displayName,
    };
  }
  if (token.startsWith(CONNECTION_PREFIX)) {
    const connection = await db.participantConnection.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        expiresAt: true,
        participant: {
          select: {
            id: true,
            displayName: true,
            contact: { select: { id: true, arn: true, instance: { select: { id: true, arn: true, teamId: true } } } },
          },
        },
      },
    });
    if (!connection || connection.expiresAt <= now) return null;
    const { participant } = connection;
    return {
      kind: "connection",
      participantId: participant.id,
      contactId: participant.contact.id,
      contactArn: participant.contact.arn,
      instanceId: participant.contact.instance.id,
      instanceArn: participant.contact.instance.arn,
      teamId: participant.contact.instance.teamId,
      displayName: participant.displayName,
    };
  }
  return null;
}

export function assertCallerKind(caller: TChatCaller, kind: TChatCaller["kind"]) {
  if (caller.kind === kind) return;
  throw new AppError(
    "FORBIDDEN",
    kind === "participant"
      ? "CreateParticipantConnection takes the ParticipantToken from StartChatContact, not a ConnectionToken."
      : "This operation takes the ConnectionToken from CreateParticipantConnection, not the ParticipantToken.",
  );
}

export async function createParticipantConnection({
  db,
  caller,
  now,
}: {
  db: TDb;
  caller: TChatCaller;
  now: Date;
}): Promise<{ connectionToken: string; expiresAt: Date }> {
  assertCallerKind(caller, "participant");
  const connectionToken = newToken(CONNECTION_PREFIX);
  const expiresAt = new Date(now.getTime() + CONNECTION_LIFETIME_MS);
  await db.participantConnection.create({
    data: { participantId: caller.participantId, tokenHash: hashToken(connectionToken), expiresAt },
  });
  return { connectionToken, expiresAt };
}
