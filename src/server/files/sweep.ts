import { deleteExpiredConnections } from "@/server/chats/chats";
import type { TDb } from "@/server/db";
import type { TObjectStore } from "@/server/storage/object-store";
import { deleteQueuedObjects, expireAbandonedUploads } from "./files";

/**
 * Housekeeping each app server runs: uploads never completed are expired and their objects removed,
 * queued objects (of deleted or settled files) are removed, and idempotency answers and participant
 * connections past their expiry are forgotten. Safe on several servers at once (each
 * expiry is a conditional update). A failed round is logged and tried again next time.
 */
export function startUploadSweeper({
  db,
  objects,
  intervalMs = 60_000,
}: {
  db: TDb;
  objects: TObjectStore;
  intervalMs?: number;
}) {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await expireAbandonedUploads({ db, objects });
      await deleteQueuedObjects({ db, objects });
      await db.idempotencyRecord.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      await deleteExpiredConnections({ db });
    } catch (error) {
      console.error("[attache] The upload sweep failed; it runs again in a minute:", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
