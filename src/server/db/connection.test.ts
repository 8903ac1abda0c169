import { describe, expect, it } from "vitest";
import { DatabaseUrlError, parseDatabaseUrl, pgConnectionConfig, queryTimeoutMs } from "@/server/db/connection";
import { missingPrivilegeSentence } from "@/server/db/migration-errors";

describe("parseDatabaseUrl", () => {
  it("takes ?schema= out of the URL pg sees, keeping the other parameters", () => {
    const target = parseDatabaseUrl("postgresql://u:p%40ss@127.0.0.1:5432/db?sslmode=disable&schema=tenant_a");
    expect(target).toEqual({
      connectionString: "postgresql://u:p%40ss@127.0.0.1:5432/db?sslmode=disable",
      schema: "tenant_a",
      role: "u",
      database: "db",
      host: "127.0.0.1:5432",
      options: "",
    });
  });

  it("keeps the URL's own ?options= ahead of the search_path (pg would let the URL's replace Attache's)", () => {
    const target = parseDatabaseUrl("postgresql://u@h/db?options=endpoint%3Dabc&schema=tenant_a");
    expect(target.connectionString).toBe("postgresql://u@h/db");
    const config = pgConnectionConfig(target, { connectTimeoutMs: 1_000, statementTimeoutMs: 1_000 });
    expect(config.options).toBe('endpoint=abc -c search_path="tenant_a"');
  });

  it("refuses URL parameters that would override Attache's timeouts or search_path, naming the setting to use", () => {
    expect(() => parseDatabaseUrl("postgresql://u@h/db?statement_timeout=0")).toThrow(
      "DATABASE_URL sets ?statement_timeout=, which Attache sets itself: remove it and set ATTACHE_DB_STATEMENT_TIMEOUT_SECONDS instead.",
    );
    expect(() => parseDatabaseUrl("postgresql://u@h/db?connect_timeout=30")).toThrow(
      "ATTACHE_DB_CONNECT_TIMEOUT_SECONDS",
    );
    for (const parameter of ["query_timeout", "idle_in_transaction_session_timeout"]) {
      expect(() => parseDatabaseUrl(`postgresql://u@h/db?${parameter}=1`), parameter).toThrow(DatabaseUrlError);
    }
    expect(() => parseDatabaseUrl("postgresql://u@h/db?options=-c%20search_path%3Devil")).toThrow("?schema=");
  });

  it("is public without ?schema=", () => {
    expect(parseDatabaseUrl("postgresql://u@localhost/db").schema).toBe("public");
  });

  it("refuses a name that is not a plain identifier of at most 63 characters, or is given twice", () => {
    for (const bad of ["", "tenant-a", "a b", '"x"', "1abc", "pg_catalog", "a".repeat(64), "tenänt"]) {
      expect(() => parseDatabaseUrl(`postgresql://u@h/db?schema=${encodeURIComponent(bad)}`), bad).toThrow(
        DatabaseUrlError,
      );
    }
    expect(parseDatabaseUrl(`postgresql://u@h/db?schema=${"a".repeat(63)}`).schema).toHaveLength(63);
    expect(() => parseDatabaseUrl("postgresql://u@h/db?schema=a&schema=b")).toThrow("more than once");
    expect(() => parseDatabaseUrl("not a url")).toThrow(DatabaseUrlError);
  });
});

describe("pgConnectionConfig", () => {
  it("sends search_path and the server-side timeouts in the startup message, with a client timeout above them", () => {
    const config = pgConnectionConfig(parseDatabaseUrl("postgresql://u@h/db?schema=Tenant_A"), {
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 10_000,
    });
    expect(config).toMatchObject({
      connectionString: "postgresql://u@h/db",
      options: '-c search_path="Tenant_A"',
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      statement_timeout: 10_000,
      idle_in_transaction_session_timeout: 20_000,
      query_timeout: 11_000,
    });
    expect(queryTimeoutMs(1_000)).toBe(1_500);
  });

  it("leaves statements unbounded when asked (migrations)", () => {
    const config = pgConnectionConfig(parseDatabaseUrl("postgresql://u@h/db"), {
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 0,
    });
    expect(config).not.toHaveProperty("statement_timeout");
    expect(config).not.toHaveProperty("query_timeout");
  });
});

describe("missingPrivilegeSentence", () => {
  const context = { role: "app", database: "attache", schema: "public", host: "h:5432", connectTimeoutMs: 5_000 };
  it("names the grant", () => {
    expect(missingPrivilegeSentence(context, { createInSchema: true, createInDatabase: false })).toBe(
      'The database role "app" may not create tables in schema "public": run GRANT CREATE ON SCHEMA public TO app (or make it the owner of the database) and start again.',
    );
    expect(
      missingPrivilegeSentence(
        { ...context, role: "App-Role", schema: "tenant_a" },
        { createInSchema: true, createInDatabase: false },
      ),
    ).toBe(
      'The database role "App-Role" may not create tables in schema "tenant_a": run GRANT CREATE ON SCHEMA tenant_a TO "App-Role" (or make it the owner of schema "tenant_a") and start again.',
    );
  });
});
