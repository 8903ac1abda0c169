import { findChatCaller, type TChatCaller } from "@/server/chats/chats";
import type { TDb } from "@/server/db";
import { AwsError } from "../protocol/errors";
import type { TAwsService } from "../protocol/service";
import { participantErrors } from "./errors";
import { PARTICIPANT_OPERATIONS } from "./operations";

/** The Participant SDK signs with SigV4 as "execute-api"; that signature proves nothing and is ignored. */
export const PARTICIPANT_SIGNING_NAME = "execute-api";

/**
 * Amazon Connect Participant (`@aws-sdk/client-connectparticipant`): the caller is whoever holds the
 * bearer token in X-Amz-Bearer (spec §2.3) — a participant token for CreateParticipantConnection, a
 * connection token for the attachment operations. Rate limits count per participant.
 */
export function createParticipantService({ db }: { db: TDb }): TAwsService<TChatCaller> {
  return {
    name: "participant",
    signingName: PARTICIPANT_SIGNING_NAME,
    errors: participantErrors,
    operations: PARTICIPANT_OPERATIONS,
    async authenticate(request, at) {
      const token = request.headers.get("x-amz-bearer")?.trim() ?? "";
      if (!token) {
        throw new AwsError(
          "AccessDeniedException",
          "The request has no X-Amz-Bearer token. Send the ParticipantToken or ConnectionToken.",
        );
      }
      const caller = token.length <= 1000 ? await findChatCaller({ db, token, now: at }) : null;
      if (!caller) throw new AwsError("AccessDeniedException", "The token is not valid or has expired.");
      return { actor: caller, rateLimitKey: `participant:${caller.participantId}` };
    },
  };
}
