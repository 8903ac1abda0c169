/**
 * Drives Prisma's official schema engine through its WebAssembly build, so migrations work on a
 * machine without the native engine (see ../shared/ENVIRONMENT.md). The package is internal to
 * Prisma and its API can change without notice: its version is pinned exactly in package.json and
 * every use of it stays in this module, covered by src/server/db/migrations.integration.test.ts.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, DriverAdapterError } from "@prisma/driver-adapter-utils";
import type * as EngineModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { parseDatabaseUrl, pgConnectionConfig } from "./connection";

type TEngineModule = typeof EngineModule;
type TSchemaEngine = EngineModule.SchemaEngine;

export type TMigrationDirectory = { name: string; sql: string };
export type TMigrationSource = {
  baseDir: string;
  lockfileContent: string | null;
  migrations: TMigrationDirectory[];
};

const NO_FILTERS = { externalTables: [], externalEnums: [] };
let enginePromise: Promise<TEngineModule> | undefined;

// Node refuses the package entry (it imports the .wasm as an ES module), so instantiate it here.
function loadEngineModule(): Promise<TEngineModule> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg: TEngineModule = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmBytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const module = await WebAssembly.compile(wasmBytes);
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return enginePromise;
}

/**
 * The pg adapter runs a migration script by splitting it on every ";", which breaks a function body
 * in dollar quotes. A script with "$$" is sent whole instead, as one simple query: PostgreSQL parses
 * the quoting itself and runs the statements as one transaction.
 */
class WholeScriptPrismaPg extends PrismaPg {
  constructor(
    private readonly scriptPool: pg.Pool,
    schema: string,
  ) {
    // `schema`: where the engine keeps `_prisma_migrations` and what it inspects (the pool's search_path
    // puts the migrations' unqualified tables, types and functions there too).
    super(scriptPool, { schema });
  }

  override async connect() {
    const adapter = await super.connect();
    const splitting = adapter.executeScript.bind(adapter);
    adapter.executeScript = async (script: string) => {
      if (!script.includes("$$")) return splitting(script);
      try {
        await this.scriptPool.query(script);
      } catch (error) {
        const failure = error as pg.DatabaseError;
        throw new DriverAdapterError({
          kind: "postgres",
          code: failure.code ?? "",
          severity: failure.severity ?? "ERROR",
          message: failure.message,
          detail: failure.detail,
          column: failure.column,
          hint: failure.hint,
        });
      }
    };
    return adapter;
  }
}

/** The engine's failure, without its Rust backtrace; `engineLogs` keeps its last log lines. */
export class SchemaEngineError extends Error {
  constructor(
    message: string,
    readonly engineLogs: string[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** How long to wait for a connection by default (a migration statement may take as long as it needs). */
const ENGINE_CONNECT_TIMEOUT_MS = 10_000;

async function withEngine<T>(
  databaseUrl: string,
  schema: { path: string; content: string },
  run: (engine: TSchemaEngine) => Promise<T>,
  connectTimeoutMs = ENGINE_CONNECT_TIMEOUT_MS,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const logs: string[] = [];
  const target = parseDatabaseUrl(databaseUrl);
  // Our own pool, so it can be closed: the engine never disposes its adapter, and an idle pool
  // would keep the process alive for its idle timeout.
  const pool = new pg.Pool({
    ...pgConnectionConfig(target, { connectTimeoutMs, statementTimeoutMs: 0 }),
    max: 2,
  });
  pool.on("error", () => undefined);
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new WholeScriptPrismaPg(pool, target.schema));
  let engine: TSchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      (line: string) => logs.push(line),
      adapterFactory,
    );
    return await run(engine);
  } catch (error) {
    throw new SchemaEngineError(
      `Prisma schema engine failed: ${withoutBacktrace(describeEngineError(error))}`,
      logs.slice(-5),
      {
        cause: error,
      },
    );
  } finally {
    engine?.free();
    await pool.end();
  }
}

/**
 * The engine's message up to its backtrace ("   0: sql_schema_connector::…" lines and their "at …"
 * lines), plus the migration it was applying, which only the backtrace names.
 */
export function withoutBacktrace(message: string): string {
  const lines = message.split("\n");
  const end = lines.findIndex((line) => /^\s*\d+: \S+::/.test(line));
  const text = (end === -1 ? lines : lines.slice(0, end)).join("\n").trim();
  const migration = /migration_name="([^"]+)"/.exec(message)?.[1];
  return migration && !text.includes(migration) ? `${text} (applying migration ${migration})` : text;
}

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}

/** Applies pending migrations and records them in `_prisma_migrations` as `prisma migrate deploy` does. */
export async function applyMigrations(input: {
  databaseUrl: string;
  schema: { path: string; content: string };
  source: TMigrationSource;
  connectTimeoutMs?: number;
}): Promise<string[]> {
  return withEngine(
    input.databaseUrl,
    input.schema,
    async (engine) => {
      const output = await engine.applyMigrations({
        migrationsList: {
          baseDir: input.source.baseDir,
          lockfile: { path: "migration_lock.toml", content: input.source.lockfileContent },
          shadowDbInitScript: "",
          migrationDirectories: input.source.migrations.map((migration) => ({
            path: migration.name,
            migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
          })),
        },
        filters: NO_FILTERS,
      });
      return output.appliedMigrationNames;
    },
    input.connectTimeoutMs,
  );
}

/**
 * The SQL that takes a database from the `from` datamodel (null: an empty database) to `to`.
 * Pure schema-to-schema diffing: the engine needs a reachable database to start but does not read it.
 */
export async function diffSchemas(input: {
  databaseUrl: string;
  from: { path: string; content: string } | null;
  to: { path: string; content: string };
}): Promise<string> {
  return withEngine(input.databaseUrl, input.to, async (engine) => {
    const result = await engine.diff({
      from: input.from ? { tag: "schemaDatamodel", files: [input.from] } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [input.to] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  });
}
