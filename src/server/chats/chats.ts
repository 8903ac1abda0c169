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
/** How long a connection token works (the real service's connections last about a day), at most the chat's life. */
export const CONNECTION_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** The model's default chat duration (ChatDurationInMinutes 60..10080). */
export const DEFAULT_CHAT_MINUTES = 1500;

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
  chatExpiresAt: Date;
};

export async function startChatContact({
  db,
  actor,
  instanceReference,
  contactFlowId,
  displayName,
  durationMinutes = DEFAULT_CHAT_MINUTES,
  now,
}: {
  db: TDb;
  actor: TApiKeyActor;
  instanceReference: string;
  contactFlowId: string;
  displayName: string;
  /** How long the chat (and so its tokens) lasts: the model's ChatDurationInMinutes. */
  durationMinutes?: number;
  now: Date;
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
      expiresAt: new Date(now.getTime() + durationMinutes * 60_000),
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
        contact: {
          select: { id: true, arn: true, expiresAt: true, instance: { select: { id: true, arn: true, teamId: true } } },
        },
      },
    });
    if (!participant || participant.contact.expiresAt <= now) return null;
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
      chatExpiresAt: participant.contact.expiresAt,
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
            contact: {
              select: {
                id: true,
                arn: true,
                expiresAt: true,
                instance: { select: { id: true, arn: true, teamId: true } },
              },
            },
          },
        },
      },
    });
    if (!connection || connection.expiresAt <= now || connection.participant.contact.expiresAt <= now) return null;
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
      chatExpiresAt: participant.contact.expiresAt,
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
  const expiresAt = new Date(Math.min(now.getTime() + CONNECTION_LIFETIME_MS, caller.chatExpiresAt.getTime()));
  await db.participantConnection.create({
    data: { participantId: caller.participantId, tokenHash: hashToken(connectionToken), expiresAt },
  });
  return { connectionToken, expiresAt };
}

/** Forgets connections past their expiry (their tokens no longer work); returns how many. */
export async function deleteExpiredConnections({ db, now = new Date() }: { db: TDb; now?: Date }): Promise<number> {
  const deleted = await db.participantConnection.deleteMany({ where: { expiresAt: { lt: now } } });
  return deleted.count;
}
