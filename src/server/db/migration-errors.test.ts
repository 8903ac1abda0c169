import { describe, expect, it } from "vitest";
import { describeMigrationFailure, MigrationError, toMigrationError } from "@/server/db/migration-errors";
import { withoutBacktrace } from "@/server/db/schema-engine";

const context = { role: "app", database: "attache", schema: "public", host: "db:5432", connectTimeoutMs: 5_000 };

/** What the WebAssembly schema engine throws (see schema-engine.ts), backtrace included. */
const engineError = (text: string) =>
  new Error(`Prisma schema engine failed: ${text}`, {
    cause: { name: "SchemaConnectorError" },
  });

describe("describeMigrationFailure", () => {
  it("reads a privilege error inside the schema engine's message", () => {
    expect(
      describeMigrationFailure(
        engineError(
          "external connector error\nError querying the database: ERROR: permission denied for database attache\n   0: sql_schema_connector::apply_migration::apply_script",
        ),
        context,
      ),
    ).toBe(
      'The database role "app" may not create schemas in database "attache": run GRANT CREATE ON DATABASE attache TO app (or make it the owner of the database) and start again.',
    );
    expect(describeMigrationFailure(engineError("ERROR: permission denied for schema public"), context)).toBe(
      'The database role "app" may not create tables in schema "public": run GRANT CREATE ON SCHEMA public TO app (or make it the owner of the database) and start again.',
    );
  });

  it("names the owner problem when the role may not alter another role's table", () => {
    expect(describeMigrationFailure(engineError('ERROR: must be owner of table "ApiKey"'), context)).toBe(
      'The database role "app" may not change table "ApiKey", which another role owns: migrate as that owner (or transfer ownership to app) and start again.',
    );
  });

  it("reads pg's codes, also inside an AggregateError (localhost tried on ::1 and 127.0.0.1)", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(describeMigrationFailure(new AggregateError([refused]), context)).toMatch(
      /^Nothing accepts connections on db:5432/,
    );
    expect(describeMigrationFailure(Object.assign(new Error("x"), { code: "3D000" }), context)).toBe(
      'The database "attache" does not exist on db:5432: create it (CREATE DATABASE attache OWNER app) and start again.',
    );
    expect(describeMigrationFailure(new Error("Connection terminated due to connection timeout"), context)).toBe(
      "PostgreSQL on db:5432 did not answer within 5 s: check that it is running and reachable, then start again.",
    );
  });

  it("leaves anything else as it was", () => {
    const other = new Error("syntax error at or near");
    expect(toMigrationError(other, context)).toBe(other);
    expect(toMigrationError(Object.assign(new Error("x"), { code: "28P01" }), context)).toBeInstanceOf(MigrationError);
  });
});

describe("withoutBacktrace", () => {
  it("keeps the engine's message and the migration it was applying, not the Rust backtrace", () => {
    expect(
      withoutBacktrace(
        `external connector error
Error querying the database: ERROR: syntax error at or near "TABEL"
   0: sql_schema_connector::apply_migration::apply_script
           with migration_name="20300101000000_broken"
             at schema-engine/connectors/sql-schema-connector/src/apply_migration.rs:113
   1: schema_engine_wasm::wasm::engine::ApplyMigrations
             at schema-engine/schema-engine-wasm/src/wasm/engine.rs:167`,
      ),
    ).toBe(
      'external connector error\nError querying the database: ERROR: syntax error at or near "TABEL" (applying migration 20300101000000_broken)',
    );
  });
});
