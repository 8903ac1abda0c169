/**
 * Why migrating failed, in one sentence that says what to do: a missing privilege names the GRANT,
 * a missing database the CREATE DATABASE, a refused password or an unreachable server the setting to
 * check. Everything else keeps its own message (the schema engine's without its Rust backtrace).
 */
import { sqlIdentifier } from "./connection";

export type TMigrationContext = {
  /** The role migrating, as PostgreSQL knows it (current_user when connected, else the URL's). */
  role: string;
  database: string;
  schema: string;
  /** host:port, for "nothing answers on …". */
  host: string;
  connectTimeoutMs: number;
};

/** Migration failed for a reason the operator can fix; the message is the whole story. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

export type TMissingPrivileges = { createInSchema: boolean; createInDatabase: boolean };

const ownerHint = (context: TMigrationContext) =>
  context.schema === "public" ? "make it the owner of the database" : `make it the owner of schema "${context.schema}"`;

/** The role may not create what migrating creates: in the schema (tables), in the database (schemas), or both. */
export function missingPrivilegeSentence(context: TMigrationContext, missing: TMissingPrivileges): string {
  const role = sqlIdentifier(context.role);
  const grants = [
    ...(missing.createInDatabase ? [`GRANT CREATE ON DATABASE ${sqlIdentifier(context.database)} TO ${role}`] : []),
    ...(missing.createInSchema ? [`GRANT CREATE ON SCHEMA ${sqlIdentifier(context.schema)} TO ${role}`] : []),
  ];
  const what = `create ${[
    ...(missing.createInSchema ? [`tables in schema "${context.schema}"`] : []),
    ...(missing.createInDatabase ? [`schemas in database "${context.database}"`] : []),
  ].join(" nor ")}`;
  const owner = missing.createInSchema ? ownerHint(context) : "make it the owner of the database";
  return `The database role "${context.role}" may not ${what}: run ${grants.join("; ")} (or ${owner}) and start again.`;
}

type TErrorFacts = { code?: string; message: string };

/** Every error in the `cause` chain (and an AggregateError's errors), outermost first. */
function chain(error: unknown): TErrorFacts[] {
  const facts: TErrorFacts[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if (value === null || value === undefined || seen.has(value) || seen.size > 20) return;
    seen.add(value);
    if (typeof value === "object") {
      const record = value as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
      facts.push({
        code: typeof record.code === "string" ? record.code : undefined,
        message: typeof record.message === "string" ? record.message : "",
      });
      visit(record.cause);
      if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner);
    } else {
      facts.push({ message: String(value) });
    }
  };
  visit(error);
  return facts;
}

/** One sentence for a failure the operator can fix, or undefined. */
export function describeMigrationFailure(error: unknown, context: TMigrationContext): string | undefined {
  const facts = chain(error);
  const has = (test: (fact: TErrorFacts) => boolean) => facts.find(test);
  const text = facts.map((fact) => fact.message).join("\n");

  // Privileges: from PostgreSQL directly (SQLSTATE 42501) or inside the schema engine's message.
  const schemaDenied = /permission denied for schema "?([^"\s]+)"?/.exec(text);
  const databaseDenied = /permission denied for database "?([^"\s]+)"?/.exec(text);
  if (schemaDenied || databaseDenied) {
    return missingPrivilegeSentence(
      { ...context, schema: schemaDenied?.[1] ?? context.schema, database: databaseDenied?.[1] ?? context.database },
      { createInSchema: Boolean(schemaDenied), createInDatabase: Boolean(databaseDenied) },
    );
  }
  const notOwner = /must be owner of (table|relation|type|function|index|sequence|schema|view) "?([^"\s]+)"?/.exec(
    text,
  );
  if (notOwner) {
    return `The database role "${context.role}" may not change ${notOwner[1]} "${notOwner[2]}", which another role owns: migrate as that owner (or transfer ownership to ${sqlIdentifier(context.role)}) and start again.`;
  }
  if (has((fact) => fact.code === "3D000") || /database "[^"]+" does not exist/.test(text)) {
    return `The database "${context.database}" does not exist on ${context.host}: create it (CREATE DATABASE ${sqlIdentifier(context.database)} OWNER ${sqlIdentifier(context.role)}) and start again.`;
  }
  if (has((fact) => fact.code === "28P01") || /password authentication failed/.test(text)) {
    return `PostgreSQL on ${context.host} refused the password of role "${context.role}": correct the user and password in DATABASE_URL and start again.`;
  }
  const refused = has((fact) => fact.code === "28000");
  if (refused) {
    return `PostgreSQL on ${context.host} refused role "${context.role}" (${refused.message}): correct DATABASE_URL or the server's pg_hba.conf and start again.`;
  }
  if (has((fact) => fact.code === "ECONNREFUSED")) {
    return `Nothing accepts connections on ${context.host} (connection refused): start PostgreSQL or correct the host and port in DATABASE_URL, then start again.`;
  }
  if (has((fact) => fact.code === "ENOTFOUND" || fact.code === "EAI_AGAIN")) {
    return `The database host in DATABASE_URL (${context.host}) does not resolve: correct it and start again.`;
  }
  if (
    has(
      (fact) =>
        fact.code === "ETIMEDOUT" ||
        /^Connection terminated due to connection timeout/.test(fact.message) ||
        /^timeout exceeded when trying to connect/.test(fact.message),
    )
  ) {
    return `PostgreSQL on ${context.host} did not answer within ${Math.round(context.connectTimeoutMs / 1000)} s: check that it is running and reachable, then start again.`;
  }
  return undefined;
}

/** `error` as a MigrationError with one sentence when it is a failure the operator can fix; else itself. */
export function toMigrationError(error: unknown, context: TMigrationContext): unknown {
  if (error instanceof MigrationError) return error;
  const sentence = describeMigrationFailure(error, context);
  return sentence ? new MigrationError(sentence, { cause: error }) : error;
}
