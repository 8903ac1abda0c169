import pg from "pg";
import type { TDb } from "@/server/db";

export type TChangeListener = {
  /** Resolves once the first LISTEN is in place (or failed: the caller's expiry still bounds staleness). */
  ready: Promise<void>;
  close: () => Promise<void>;
};

const MAX_BACKOFF_MS = 5000;

/**
 * PostgreSQL LISTEN on `channel` over a dedicated connection (LISTEN needs a session of its own,
 * not a pooled one). `onChange` runs for every notification and also on each (re)connection and
 * disconnection, because notifications sent while not listening are lost: a cache that clears
 * itself then never serves something it could have missed. Reconnects with a capped backoff.
 */
export function listenForChanges(db: TDb, channel: string, onChange: () => void): TChangeListener {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  function scheduleReconnect() {
    onChange();
    if (closed || retry) return;
    const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures++, 6));
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delay);
    retry.unref();
  }

  async function connect() {
    const candidate = new pg.Client({ ...db.pool.options, keepAlive: true });
    candidate.on("notification", (message) => {
      if (message.channel === channel) onChange();
    });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (client === candidate) client = undefined;
      candidate.end().catch(() => undefined);
      scheduleReconnect();
    };
    candidate.on("error", onLost);
    candidate.on("end", onLost);
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (closed) {
        await candidate.end();
        return;
      }
      client = candidate;
      failures = 0;
      onChange();
    } catch {
      onLost();
    } finally {
      markReady();
    }
  }

  void connect();
  return {
    ready,
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
