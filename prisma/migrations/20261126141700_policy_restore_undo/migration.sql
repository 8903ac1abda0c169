-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PolicyChangeKind" ADD VALUE 'RESTORE';
ALTER TYPE "PolicyChangeKind" ADD VALUE 'UNDO';

-- CreateIndex
CREATE INDEX "PolicyRevision_instanceId_createdAt_idx" ON "PolicyRevision"("instanceId", "createdAt");

-- CreateIndex
CREATE INDEX "PolicyRevision_createdAt_idx" ON "PolicyRevision"("createdAt");
