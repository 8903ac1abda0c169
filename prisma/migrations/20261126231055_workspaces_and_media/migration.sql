-- CreateEnum
CREATE TYPE "WorkspaceVisibility" AS ENUM ('ALL', 'ASSIGNED', 'NONE');

-- CreateEnum
CREATE TYPE "WorkspaceMediaType" AS ENUM ('IMAGE_LOGO_LIGHT_FAVICON', 'IMAGE_LOGO_DARK_FAVICON', 'IMAGE_LOGO_LIGHT_HORIZONTAL', 'IMAGE_LOGO_DARK_HORIZONTAL');

-- CreateTable
CREATE TABLE "Workspace" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "arn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "visibility" "WorkspaceVisibility" NOT NULL DEFAULT 'ALL',
    "theme" JSONB NOT NULL DEFAULT '{}',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkspaceMedia" (
    "workspaceId" UUID NOT NULL,
    "type" "WorkspaceMediaType" NOT NULL,
    "contentHash" TEXT NOT NULL,
    "previousContentHash" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkspaceMedia_pkey" PRIMARY KEY ("workspaceId","type")
);

-- CreateTable
CREATE TABLE "MediaBlob" (
    "contentHash" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaBlob_pkey" PRIMARY KEY ("contentHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_arn_key" ON "Workspace"("arn");

-- CreateIndex
CREATE INDEX "Workspace_instanceId_createdAt_idx" ON "Workspace"("instanceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_instanceId_nameKey_key" ON "Workspace"("instanceId", "nameKey");

-- CreateIndex
CREATE INDEX "WorkspaceMedia_contentHash_idx" ON "WorkspaceMedia"("contentHash");

-- CreateIndex
CREATE INDEX "WorkspaceMedia_previousContentHash_idx" ON "WorkspaceMedia"("previousContentHash");

-- AddForeignKey
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkspaceMedia" ADD CONSTRAINT "WorkspaceMedia_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkspaceMedia" ADD CONSTRAINT "WorkspaceMedia_contentHash_fkey" FOREIGN KEY ("contentHash") REFERENCES "MediaBlob"("contentHash") ON DELETE RESTRICT ON UPDATE CASCADE;
