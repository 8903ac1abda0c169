import { EnvError, type TServerEnv } from "@/env";
import { parseBootstrapKey } from "@/server/api-keys/api-key-schemas";
import {
  assertServerKeyOpensApiKeys,
  ensureBootstrapApiKey,
  releaseUnconfiguredBootstrapKeys,
  type TBootstrapKeyResult,
} from "@/server/api-keys/api-keys";
import { createDb } from "@/server/db";
import { migrateDatabase, pendingMigrations } from "@/server/db/migrations";
import type { TArnContext } from "@/server/instances/instances";
import { seed } from "@/server/seed";

/**
 * What every start does to the database before serving, for `npm start` (scripts/start.ts) and
 * `npm run serve` (scripts/serve.ts) alike: the schema (migrated under an advisory lock, or only
 * checked when migrations run elsewhere), the default team (and demo data when asked), the check that
 * this server's ATTACHE_ENCRYPTION_KEY opens the stored API keys, and the configured bootstrap key.
 */
export async function prepareDatabase(input: {
  databaseUrl: string;
  /** Apply pending migrations (true), or refuse to start when there are any (false). */
  migrate: boolean;
  demo: boolean;
  arnContext: TArnContext;
  serverEnv: Pick<TServerEnv, "ATTACHE_ENCRYPTION_KEY">;
  bootstrapKey: { accessKeyId: string; secretAccessKey: string } | undefined;
  log: (line: string) => void;
}): Promise<void> {
  const { databaseUrl, log } = input;
  if (input.migrate) {
    const applied = await migrateDatabase(databaseUrl);
    log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
  } else {
    const pending = await pendingMigrations(databaseUrl);
    if (pending.length) {
      throw new EnvError(
        `The database schema is behind this release (${pending.length} migration${pending.length === 1 ? "" : "s"} pending: ${pending.join(", ")}). ` +
          "Run `npm run db:migrate` with DATABASE_URL set to a role that owns the schema, or set ATTACHE_MIGRATE_ON_START=true.",
      );
    }
    log("Database schema is up to date.");
  }

  const db = createDb(databaseUrl);
  try {
    await seed({ db, demo: input.demo, arnContext: input.arnContext });
    await assertServerKeyOpensApiKeys({ db, serverKey: input.serverEnv.ATTACHE_ENCRYPTION_KEY });
    const released = await releaseUnconfiguredBootstrapKeys({
      db,
      configuredAccessKeyId: input.bootstrapKey?.accessKeyId,
    });
    for (const accessKeyId of released) {
      log(
        `API key ${accessKeyId} is no longer ATTACHE_BOOTSTRAP_ACCESS_KEY_ID: it stays as it is, as an ordinary key.`,
      );
    }
    if (input.bootstrapKey) {
      const key = await ensureBootstrapApiKey({
        db,
        ...parseBootstrapKey(input.bootstrapKey),
        serverKey: input.serverEnv.ATTACHE_ENCRYPTION_KEY,
      });
      log(bootstrapKeyLine(key));
    }
  } finally {
    await db.$disconnect();
  }
}

/** What the start did with the configured bootstrap key, in one line. */
export function bootstrapKeyLine(key: TBootstrapKeyResult): string {
  const which = `API key ${key.accessKeyId} (from ATTACHE_BOOTSTRAP_ACCESS_KEY_ID)`;
  switch (key.status) {
    case "created":
      return `${which} was created; it reaches every instance.`;
    case "unchanged":
      return `${which} reaches every instance.`;
    case "updated":
      return `${which} now has the configured secret; the previous one no longer works.`;
    case "reactivated":
      return `${which} was revoked; its configured secret changed, so it is active again.`;
    case "revoked":
      return `${which} stays revoked, as it was in the console. Change its configured secret, or reinstate it on the API keys page, to use it again.`;
  }
}
