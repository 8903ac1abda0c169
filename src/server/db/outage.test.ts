import { type AddressInfo, connect, createServer } from "node:net";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { AppError, DatabaseUnavailableError } from "@/server/errors";
import { asDatabaseUnavailable, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "./outage";

const CLIENT_VERSION = "7.10.0";

/** A PostgreSQL error as `pg` reports it, with its SQLSTATE. */
function postgresError(code: string, message = `PostgreSQL said ${code}`) {
  const error = new pg.DatabaseError(message, message.length, "error");
  error.code = code;
  error.severity = "FATAL";
  return error;
}

/** A socket error as Node reports it (what `pg` passes on). */
function socketError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), {
    code,
    errno: -111,
    syscall: "connect",
    address: "127.0.0.1",
    port: 5432,
  });
}

/** Prisma's error for a query that failed in its pg driver adapter (as `db.user.findFirst()` throws it). */
function prismaError(code: string, adapterCause: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError("Invalid `db.user.findFirst()` invocation", {
    code,
    clientVersion: CLIENT_VERSION,
    meta: { modelName: "User", driverAdapterError: new DriverAdapterError(adapterCause as never) },
  });
}

describe("isDatabaseUnavailable", () => {
  it("knows Node's socket errors for a server that is not there or went away", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]) {
      expect(isDatabaseUnavailable(socketError(code)), code).toBe(true);
    }
  });

  it("knows a real refused connection on loopback", async () => {
    // A loopback port that was just listening, now closed.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const refused = await new Promise<Error>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.on("error", resolve);
      socket.on("connect", () => {
        socket.destroy();
        resolve(new Error("unexpectedly connected"));
      });
    });
    expect((refused as { code?: string }).code).toBe("ECONNREFUSED");
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });

  it("knows pg's messages for lost and timed-out connections and queries", () => {
    for (const message of [
      "Connection terminated",
      "Connection terminated unexpectedly",
      "Connection terminated due to connection timeout",
      "timeout exceeded when trying to connect",
      "Query read timeout",
      "Client has encountered a connection error and is not queryable",
    ]) {
      expect(isDatabaseUnavailable(new Error(message)), message).toBe(true);
    }
    // pg's connectionTimeoutMillis: the timeout, caused by the terminated connection.
    const timeout = new Error("Connection terminated due to connection timeout", {
      cause: new Error("Connection terminated unexpectedly"),
    });
    expect(isDatabaseUnavailable(timeout)).toBe(true);
  });

  it("knows PostgreSQL's SQLSTATEs for connection exceptions, shutdowns and too many connections", () => {
    for (const code of ["08000", "08001", "08003", "08004", "08006", "08P01", "57P01", "57P02", "57P03", "53300"]) {
      expect(isDatabaseUnavailable(postgresError(code)), code).toBe(true);
    }
    // A statement cancelled at statement_timeout: the database answered; the query was too slow.
    expect(isDatabaseUnavailable(postgresError("57014"))).toBe(false);
  });

  it("leaves PostgreSQL's other errors alone: constraint violations, syntax, missing tables, auth", () => {
    for (const code of ["23505", "23503", "42601", "42P01", "22P02", "40001", "28P01", "57000"]) {
      expect(isDatabaseUnavailable(postgresError(code)), code).toBe(false);
    }
  });

  it("knows Prisma's codes for unreachable, timed-out and closed connections, and its initialization error", () => {
    for (const code of ["P1001", "P1002", "P1008", "P1017", "P2024"]) {
      const error = new Prisma.PrismaClientKnownRequestError("failed", { code, clientVersion: CLIENT_VERSION });
      expect(isDatabaseUnavailable(error), code).toBe(true);
    }
    expect(
      isDatabaseUnavailable(new Prisma.PrismaClientInitializationError("Can't connect", CLIENT_VERSION, "P1000")),
    ).toBe(true);
    for (const code of ["P2002", "P2025", "P2003"]) {
      const error = new Prisma.PrismaClientKnownRequestError("failed", { code, clientVersion: CLIENT_VERSION });
      expect(isDatabaseUnavailable(error), code).toBe(false);
    }
  });

  it("knows the pg driver adapter's errors, inside Prisma's and alone", () => {
    // What a Prisma query on a database that refuses connections throws (P1001 with the adapter's cause).
    expect(
      isDatabaseUnavailable(prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 9 })),
    ).toBe(true);
    // A raw query's failure (P2010) names only the adapter's error.
    for (const cause of [
      { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 9 },
      { kind: "ConnectionClosed" },
      { kind: "SocketTimeout" },
      { kind: "TooManyConnections", cause: "sorry, too many clients already" },
      { kind: "postgres", code: "57P01", originalCode: "57P01", severity: "FATAL", message: "terminating connection" },
    ]) {
      expect(isDatabaseUnavailable(prismaError("P2010", cause)), cause.kind).toBe(true);
      expect(isDatabaseUnavailable(new DriverAdapterError(cause as never)), cause.kind).toBe(true);
    }
    const unique = { kind: "UniqueConstraintViolation", constraint: { fields: ["email"] }, originalCode: "23505" };
    expect(isDatabaseUnavailable(prismaError("P2002", unique))).toBe(false);
    const syntax = { kind: "postgres", code: "42601", originalCode: "42601", severity: "ERROR", message: "syntax" };
    expect(isDatabaseUnavailable(prismaError("P2010", syntax))).toBe(false);
  });

  it("walks `cause` chains, a bounded number of levels, and survives a cycle", () => {
    let wrapped: Error = postgresError("57P01");
    for (let level = 0; level < 5; level++) wrapped = new Error(`level ${level}`, { cause: wrapped });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);

    let deep: Error = socketError("ECONNREFUSED");
    for (let level = 0; level < 20; level++) deep = new Error(`level ${level}`, { cause: deep });
    expect(isDatabaseUnavailable(deep)).toBe(false);

    const cyclic = new Error("a") as Error & { cause?: unknown };
    cyclic.cause = new Error("b", { cause: cyclic });
    expect(isDatabaseUnavailable(cyclic)).toBe(false);
  });

  it("leaves errors that are not the database's alone, whatever they wrap", () => {
    for (const value of [null, undefined, "ECONNREFUSED", 42, {}, new Error("Something else"), new TypeError("x")]) {
      expect(isDatabaseUnavailable(value)).toBe(false);
    }
    // A media URL's host refusing a connection is the domain's refusal, not an outage.
    const refusal = new AppError("UNPROCESSABLE", "The media URL's host could not be reached (ECONNREFUSED).", {
      cause: socketError("ECONNREFUSED"),
    });
    expect(isDatabaseUnavailable(refusal)).toBe(false);
    // The object store (AWS SDK errors carry $metadata) and fetch are not the database either.
    const s3 = Object.assign(socketError("ECONNREFUSED"), { $metadata: { attempts: 3 } });
    expect(isDatabaseUnavailable(s3)).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("fetch failed", { cause: socketError("ECONNREFUSED") }))).toBe(false);
  });

  it("knows its own outage error, and makes one from an outage (only)", () => {
    const outage = new DatabaseUnavailableError({ cause: socketError("ECONNREFUSED") });
    expect(outage).toBeInstanceOf(AppError);
    expect(outage).toMatchObject({
      code: "INTERNAL",
      detail: "DATABASE_UNAVAILABLE",
      message: DATABASE_UNAVAILABLE_MESSAGE,
    });
    expect(isDatabaseUnavailable(outage)).toBe(true);
    expect(isDatabaseUnavailable(new DatabaseUnavailableError())).toBe(true);

    const converted = asDatabaseUnavailable(postgresError("57P03"));
    expect(converted).toBeInstanceOf(DatabaseUnavailableError);
    expect((converted as Error).cause).toBeInstanceOf(pg.DatabaseError);
    expect(asDatabaseUnavailable(outage)).toBe(outage);
    const other = postgresError("23505");
    expect(asDatabaseUnavailable(other)).toBe(other);
  });
});
