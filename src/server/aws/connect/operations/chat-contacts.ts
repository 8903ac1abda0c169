import { z } from "zod";
import { startChatContact } from "@/server/chats/chats";
import { ZClientTokenSchema } from "@/server/files/file-schemas";
import { ZInstanceReferenceSchema } from "@/server/instances/instance-schemas";
import { ZBoundedTextSchema } from "@/server/text-schemas";
import { defineOperation } from "../operation";

/**
 * StartChatContact (PUT /contact/chat): a chat whose customer can upload attachments through the
 * Participant API. Attache runs no contact flows; the flow id is recorded. Members Attache has no use
 * for (Attributes, InitialMessage, …) are accepted within the body's bounds and not stored.
 */
export const startChatContactOperation = defineOperation({
  name: "StartChatContact",
  method: "PUT",
  path: "/contact/chat",
  validationError: "InvalidParameterException",
  jsonBody: true,
  members: z.object({
    InstanceId: ZInstanceReferenceSchema,
    ContactFlowId: ZBoundedTextSchema({ label: "ContactFlowId", max: 500, min: 1, trim: false }),
    ParticipantDetails: z.object(
      { DisplayName: ZBoundedTextSchema({ label: "ParticipantDetails.DisplayName", max: 256, min: 1 }) },
      { error: "ParticipantDetails must be an object with a DisplayName." },
    ),
    ChatDurationInMinutes: z
      .number({ error: "ChatDurationInMinutes must be a number." })
      .int("ChatDurationInMinutes must be a whole number.")
      .min(60, "ChatDurationInMinutes must be at least 60.")
      .max(10080, "ChatDurationInMinutes must be at most 10080 (7 days).")
      .optional(),
    ClientToken: ZClientTokenSchema.optional(),
  }),
  run: async (input, { db, actor, now }) => {
    const chat = await startChatContact({
      db,
      actor,
      instanceReference: input.InstanceId,
      contactFlowId: input.ContactFlowId,
      displayName: input.ParticipantDetails.DisplayName,
      durationMinutes: input.ChatDurationInMinutes,
      now: now(),
    });
    return { ContactId: chat.contactId, ParticipantId: chat.participantId, ParticipantToken: chat.participantToken };
  },
});
