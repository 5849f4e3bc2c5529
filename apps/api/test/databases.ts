import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { type Db, type DialectName, openDatabase } from "../src/db/dialect.js";
import { migrateToLatest } from "../src/db/migrate.js";

export type { Db };

declare module "vitest" {
  export interface ProvidedContext {
    /** The admin URL of the run's PostgreSQL server, or "pglite" when none could be started. */
    postgresUrl: string;
  }
}

/** A fresh, empty, migrated-or-not database of one dialect, with its clean-up. */
export interface TestDatabase {
  db: Db;
  /** A configuration that opens the same database again (for a second process or app). */
  database: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };
  dispose(): Promise<void>;
}

/** Creates an empty database: a temp SQLite file, or a new database on the run's PostgreSQL. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-sqlite-"));
    const database = { kind: "sqlite" as const, file: path.join(dir, "lantern.sqlite") };
    const db = await openDatabase(database);
    return {
      db,
      database,
      async dispose() {
        await db.close().catch(() => {});
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = inject("postgresUrl");
  if (admin === "pglite") return createPgliteDatabase();
  const name = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  const database = { kind: "postgres" as const, url };
  const db = await openDatabase(database);
  return {
    db,
    database,
    async dispose() {
      await db.close().catch(() => {});
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * A URL for a new, empty PostgreSQL database that another process (the built server) can open.
 * On the PGlite fallback the socket server lives in this process until `dispose`.
 */
export async function createPostgresUrl(): Promise<{ url: string; dispose(): Promise<void> }> {
  const test = await createTestDatabase("postgres");
  await test.db.close();
  const url = test.database.kind === "postgres" ? test.database.url : "";
  return { url, dispose: () => test.dispose() };
}

/** PostgreSQL in-process (PGlite) behind a loopback socket, so the pg driver is used unchanged. */
async function createPgliteDatabase(): Promise<TestDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const { freePort } = await import("./postgres-server.js");
  const lite = await PGlite.create();
  const port = await freePort();
  const server = new PGLiteSocketServer({ db: lite, port, host: "127.0.0.1", maxConnections: 20 });
  await server.start();
  const database = { kind: "postgres" as const, url: `postgres://postgres@127.0.0.1:${port}/postgres` };
  const db = await openDatabase(database, { poolSize: 4 });
  return {
    db,
    database,
    async dispose() {
      await db.close().catch(() => {});
      await server.stop();
      await lite.close();
    },
  };
}

export const dialects: DialectName[] = ["sqlite", "postgres"];

/**
 * Runs a suite once per dialect against a fresh database (migrated unless told otherwise).
 * Titles carry the dialect, so the output shows that PostgreSQL ran.
 */
export function describeEachDialect(
  title: string,
  body: (ctx: { get: () => TestDatabase; dialect: DialectName }) => void,
  options: { migrate?: boolean } = {},
): void {
  for (const dialect of dialects) {
    describe(`${title} [${dialect}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(dialect);
        if (options.migrate !== false) await migrateToLatest(current.db);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      body({
        dialect,
        get: () => {
          if (!current) throw new Error("test database not ready");
          return current;
        },
      });
    });
  }
}
