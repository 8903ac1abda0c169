import type { TDb } from "@/server/db";

/** Unreferenced images older than this are removed by any later collection, whatever left them behind. */
const SWEEP_AFTER = "1 hour";

/**
 * Removes stored images no slot uses any more (neither as its image nor as its Undo): the ones a change
 * just released, and any older ones left unreferenced (by a deleted instance, or a collection that
 * failed). Best effort, after the change has committed: an import racing to reuse an image wins (the
 * delete then fails its foreign key check, the image stays, and a later collection takes it).
 */
export async function collectUnusedBlobs(db: TDb, hashes: readonly string[]) {
  try {
    await db.$executeRawUnsafe(
      `DELETE FROM "MediaBlob" b
       WHERE (b."contentHash" = ANY($1::text[]) OR b."createdAt" < (now() AT TIME ZONE 'UTC') - interval '${SWEEP_AFTER}')
         AND NOT EXISTS (
           SELECT 1 FROM "WorkspaceMedia" m
           WHERE m."contentHash" = b."contentHash" OR m."previousContentHash" = b."contentHash")`,
      [...new Set(hashes)],
    );
  } catch (error) {
    console.warn("[attache] Unused images were not collected this time:", error);
  }
}
