-- CreateEnum
CREATE TYPE "JoinSource" AS ENUM ('BOOTSTRAP', 'INVITATION', 'DOMAIN', 'GROUPS');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ActorKind" ADD VALUE 'SYSTEM';
ALTER TYPE "ActorKind" ADD VALUE 'ANONYMOUS';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastSignInAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "authenticatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "invitedByLabel" TEXT,
ADD COLUMN     "joinedVia" "JoinSource" NOT NULL DEFAULT 'DOMAIN';

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "invitedByLabel" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "lastUsedAddress" TEXT,
ADD COLUMN     "previousSecretCiphertext" TEXT,
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMP(3),
ADD COLUMN     "rotatedAt" TIMESTAMP(3);
