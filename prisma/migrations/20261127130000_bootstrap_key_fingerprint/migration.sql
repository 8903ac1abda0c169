-- A bootstrap key remembers a one-way fingerprint of the values it was configured with, so a start
-- with the same values leaves a key revoked in the console revoked (null: written at the next start).
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "bootstrapFingerprint" TEXT;
