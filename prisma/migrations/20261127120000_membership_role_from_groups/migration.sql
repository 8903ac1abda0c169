-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "roleFromGroups" BOOLEAN NOT NULL DEFAULT false;

-- Members who joined through their groups have a role from groups until someone changes it.
UPDATE "Membership" SET "roleFromGroups" = true WHERE "joinedVia" = 'GROUPS';
