import { PrismaPg } from "@prisma/adapter-pg";
import { serverEnv } from "@/env";
import { PrismaClient } from "@/generated/prisma/client";

export type TDb = PrismaClient;

export function createDb(databaseUrl: string): TDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

// One client per process; in development Next.js reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { attacheDb?: TDb };

export function getDb(): TDb {
  globalForDb.attacheDb ??= createDb(serverEnv().DATABASE_URL);
  return globalForDb.attacheDb;
}
