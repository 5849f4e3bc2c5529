import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDialectConfig, sql } from "kysely";
import pg from "pg";
import type { Config } from "../config.js";
import type { Database } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, with any password removed; safe to print. */
  location: string;
  close(): Promise<void>;
}

/** A database that could not be opened; the message is one line naming the path or URL and why. */
export class DatabaseOpenError extends Error {}

// int8 (counts, sums) as numbers: Lantern's counts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

/** Removes the password from a PostgreSQL URL so it can be shown. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://(unparseable URL)";
  }
}

/** Opens the database named by the configuration and checks that it answers. */
export async function openDatabase(
  database: Config["database"],
  options: { poolSize?: number } = {},
): Promise<Db> {
  if (database.kind === "sqlite") return openSqlite(database.file);
  return openPostgres(database.url, options.poolSize ?? 10);
}

function openSqlite(file: string): Db {
  let raw: SqliteDatabase.Database;
  try {
    ensureDir(path.dirname(file));
    raw = new SqliteDatabase(file);
    // A 2xx must survive power loss: WAL with a full sync on every commit.
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = FULL");
    raw.pragma("foreign_keys = ON");
    raw.pragma("busy_timeout = 5000");
    raw.prepare("select 1").get();
  } catch (error) {
    throw new DatabaseOpenError(`Cannot open the SQLite database at ${file}: ${reason(error)}`);
  }
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withPortableParameters(raw) }),
  });
  return {
    kysely,
    dialect: "sqlite",
    location: file,
    close: () => kysely.destroy(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => {});
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(kysely);
  } catch (error) {
    await kysely.destroy().catch(() => {});
    throw new DatabaseOpenError(`Cannot open the PostgreSQL database at ${redactUrl(url)}: ${reason(error)}`);
  }
  return { kysely, dialect: "postgres", location: redactUrl(url), close: () => kysely.destroy() };
}

/**
 * Creates a folder and its missing parents one level at a time. (Node's recursive mkdir spins
 * forever on some unwritable trees such as /proc on Node 20; this fails with a clear error.)
 */
function ensureDir(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (fs.existsSync(current) && !fs.statSync(current).isDirectory()) {
    throw new Error(`${current} is not a folder`);
  }
  for (const folder of missing) fs.mkdirSync(folder);
}

/** SQLite binds neither Date nor boolean: store instants as ISO-8601 text and booleans as 0/1. */
function toSqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function withPortableParameters(raw: SqliteDatabase.Database): SqliteDialectConfig["database"] {
  const convert = (parameters: ReadonlyArray<unknown>) => parameters.map(toSqliteValue);
  return {
    close: () => raw.close(),
    prepare(text: string) {
      const statement = raw.prepare(text);
      return {
        reader: statement.reader,
        all: (parameters: ReadonlyArray<unknown>) => statement.all(convert(parameters)),
        run: (parameters: ReadonlyArray<unknown>) => statement.run(convert(parameters)),
        iterate: (parameters: ReadonlyArray<unknown>) => statement.iterate(convert(parameters)),
      };
    },
  };
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) return error.message.split("\n")[0] || error.name;
  return String(error);
}
