-- CreateTable
CREATE TABLE "PendingObjectDeletion" (
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingObjectDeletion_pkey" PRIMARY KEY ("key")
);

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
