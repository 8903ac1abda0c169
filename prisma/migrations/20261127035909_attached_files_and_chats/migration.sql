-- CreateEnum
CREATE TYPE "FileStatus" AS ENUM ('PROCESSING', 'APPROVED', 'REJECTED', 'FAILED');

-- CreateEnum
CREATE TYPE "FileOrigin" AS ENUM ('ATTACHED_FILE', 'CHAT');

-- CreateTable
CREATE TABLE "AttachedFile" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "origin" "FileOrigin" NOT NULL,
    "scope" "AttachmentScope",
    "associatedResourceArn" TEXT NOT NULL,
    "chatContactId" UUID,
    "participantId" UUID,
    "fileName" TEXT NOT NULL,
    "sizeInBytes" BIGINT NOT NULL,
    "contentType" TEXT NOT NULL,
    "useCaseType" TEXT NOT NULL,
    "status" "FileStatus" NOT NULL,
    "reasonCode" TEXT,
    "reason" TEXT,
    "objectKey" TEXT,
    "createdByConnectUser" TEXT,
    "createdByIdentity" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "apiKeyId" UUID,
    "tags" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadExpiresAt" TIMESTAMP(3),
    "checkingSince" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "AttachedFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatContact" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "arn" TEXT NOT NULL,
    "contactFlowId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatParticipant" (
    "id" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'CUSTOMER',
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipantConnection" (
    "id" UUID NOT NULL,
    "participantId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParticipantConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "response" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "PendingObjectDeletion" (
    "key" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingObjectDeletion_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "AttachedFile_objectKey_key" ON "AttachedFile"("objectKey");

-- CreateIndex
CREATE INDEX "AttachedFile_instanceId_createdAt_idx" ON "AttachedFile"("instanceId", "createdAt");

-- CreateIndex
CREATE INDEX "AttachedFile_instanceId_associatedResourceArn_idx" ON "AttachedFile"("instanceId", "associatedResourceArn");

-- CreateIndex
CREATE INDEX "AttachedFile_chatContactId_idx" ON "AttachedFile"("chatContactId");

-- CreateIndex
CREATE INDEX "AttachedFile_status_uploadExpiresAt_idx" ON "AttachedFile"("status", "uploadExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChatContact_arn_key" ON "ChatContact"("arn");

-- CreateIndex
CREATE INDEX "ChatContact_instanceId_createdAt_idx" ON "ChatContact"("instanceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChatParticipant_tokenHash_key" ON "ChatParticipant"("tokenHash");

-- CreateIndex
CREATE INDEX "ChatParticipant_contactId_idx" ON "ChatParticipant"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "ParticipantConnection_tokenHash_key" ON "ParticipantConnection"("tokenHash");

-- CreateIndex
CREATE INDEX "ParticipantConnection_participantId_idx" ON "ParticipantConnection"("participantId");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_expiresAt_idx" ON "IdempotencyRecord"("expiresAt");

-- CreateIndex
CREATE INDEX "PendingObjectDeletion_notBefore_idx" ON "PendingObjectDeletion"("notBefore");

-- AddForeignKey
ALTER TABLE "AttachedFile" ADD CONSTRAINT "AttachedFile_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttachedFile" ADD CONSTRAINT "AttachedFile_chatContactId_fkey" FOREIGN KEY ("chatContactId") REFERENCES "ChatContact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatContact" ADD CONSTRAINT "ChatContact_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatParticipant" ADD CONSTRAINT "ChatParticipant_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "ChatContact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipantConnection" ADD CONSTRAINT "ParticipantConnection_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "ChatParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Whatever deletes a file row (DeleteAttachedFile, the console, an instance's deletion cascading),
-- its stored object is queued for removal in the same transaction; the sweeper empties the queue.
CREATE FUNCTION "attache_queue_object_deletion"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PendingObjectDeletion" ("key") VALUES (OLD."objectKey") ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "AttachedFile_queue_object_deletion"
AFTER DELETE ON "AttachedFile"
FOR EACH ROW WHEN (OLD."objectKey" IS NOT NULL)
EXECUTE FUNCTION "attache_queue_object_deletion"();
