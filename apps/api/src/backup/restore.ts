import { type Kysely, Migrator, sql } from "kysely";
import { verifyAuditChain } from "../audit/audit.js";
import { type Db, openDatabase } from "../db/dialect.js";
import { migrateToLatest } from "../db/migrate.js";
import { migrations } from "../db/migrations/index.js";
import { type BackupTable, readBackup } from "./backup-file.js";
import { type CanonicalValue, insertableValue } from "./canonical.js";
import { appliedMigrations, readTableShapes, type TableShape } from "./tables.js";
import { digestLive } from "./verify.js";

/** A restore that was refused before anything was written; the message says why and what to do. */
export class RestoreRefused extends Error {}

export interface RestoreSummary {
  tables: number;
  rows: number;
  /** Migrations applied after the restore, when the backup came from an older Lantern. */
  migratedAfter: string[];
  auditEvents: number;
  millis: number;
}

type AnyDb = Kysely<any>;

const last = (list: string[]) => list[list.length - 1] ?? "(none)";

/**
 * Restores a backup into an empty database (or, with `force`, replaces everything in a database).
 * The whole file is checked before anything is written; the rows go in inside one transaction that
 * also compares every table's count and digest with the file before it commits.
 */
export async function restoreBackup(
  db: Db,
  file: string,
  options: { force?: boolean } = {},
): Promise<RestoreSummary> {
  const started = Date.now();
  const contents = await readBackup(file);
  const kysely = db.kysely as unknown as AnyDb;

  const known = Object.keys(migrations);
  const wanted = contents.header.migrations;
  wanted.forEach((name, i) => {
    if (known[i] !== name)
      throw new RestoreRefused(
        `the backup was made by a newer Lantern (it has migration ${name}, which this version does not); restore it with that version or later`,
      );
  });
  const applied = await appliedMigrations(kysely, db.dialect);
  if (applied.length > wanted.length || applied.some((name, i) => wanted[i] !== name))
    throw new RestoreRefused(
      `the target database is at migration ${last(applied)}, newer than the backup (${last(wanted)}); restore into a new, empty database`,
    );
  if (applied.length > 0) {
    const extra = await rowsBeyondFreshInstall(kysely, db.dialect);
    if (extra.length > 0 && !options.force)
      throw new RestoreRefused(
        `the target database ${db.location} is not empty (${extra.slice(0, 3).join(", ")}${extra.length > 3 ? ", …" : ""}); restore into an empty database, or add --force to replace everything in it`,
      );
  }

  // Bring an empty database to the backup's schema, fill it, then on to this version's schema.
  if (wanted.length > 0) await migrateTo(kysely, last(wanted));
  const shapes = await readTableShapes(kysely, db.dialect);
  checkShapes(contents.tables, shapes);

  await kysely.transaction().execute(async (trx) => {
    // SQLite checks foreign keys at commit; PostgreSQL gets the tables parents first, as written.
    if (db.dialect === "sqlite") await sql`pragma defer_foreign_keys = on`.execute(trx);
    for (const shape of [...shapes].reverse()) await sql`delete from ${sql.id(shape.name)}`.execute(trx);

    let pending: { table: BackupTable; rows: CanonicalValue[][] } | undefined;
    const flush = async () => {
      if (!pending || pending.rows.length === 0) return;
      const { table, rows } = pending;
      await sql`insert into ${sql.id(table.name)} (${sql.join(table.columns.map((c) => sql.id(c)))})
        values ${sql.join(rows.map((r) => sql`(${sql.join(r.map(insertableValue))})`))}`.execute(trx);
      pending.rows = [];
    };
    await readBackup(file, async (table, values) => {
      if (pending?.table.name !== table.name) {
        await flush();
        pending = { table, rows: [] };
      }
      pending.rows.push(values);
      // Stay well under SQLite's 32 766 and PostgreSQL's 65 535 bound parameters per statement.
      if (pending.rows.length * table.columns.length >= 16_000) await flush();
    });
    await flush();

    for (const table of contents.tables) {
      const shape = shapes.find((s) => s.name === table.name) as TableShape;
      const live = await digestLive(trx, shape, table.columns);
      if (live.rows !== table.rows || live.hex() !== table.digest)
        throw new Error(`restored table ${table.name} does not match the backup; nothing was restored`);
    }
  });

  const migratedAfter = await migrateToLatest(db);
  const audit = await verifyAuditChain(db);
  if (!audit.ok)
    throw new Error(
      `the restored audit log is broken at event ${audit.seq}: ${audit.problem} (the backup itself holds it so)`,
    );
  return {
    tables: contents.tables.length,
    rows: contents.rows,
    migratedAfter,
    auditEvents: audit.count,
    millis: Date.now() - started,
  };
}

async function migrateTo(kysely: AnyDb, name: string): Promise<void> {
  const migrator = new Migrator({
    db: kysely,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });
  const { error } = await migrator.migrateTo(name);
  if (error) throw new Error(`migrating the target failed: ${(error as Error).message ?? String(error)}`);
}

function checkShapes(tables: BackupTable[], shapes: TableShape[]): void {
  for (const table of tables) {
    const shape = shapes.find((s) => s.name === table.name);
    if (!shape) throw new RestoreRefused(`the target database has no table ${table.name}`);
    if (shape.columns.join(",") !== [...table.columns].sort().join(","))
      throw new RestoreRefused(`table ${table.name} has other columns in the target than in the backup`);
  }
  for (const shape of shapes)
    if (!tables.some((t) => t.name === shape.name))
      throw new RestoreRefused(`the backup has no table ${shape.name}, which the target database has`);
}

let freshCounts: Promise<Map<string, number>> | undefined;

/** The row count of every table right after the migrations (seed rows such as the audit chain head). */
function freshInstallCounts(): Promise<Map<string, number>> {
  freshCounts ??= (async () => {
    const fresh = await openDatabase({ kind: "sqlite", file: ":memory:" });
    try {
      await migrateToLatest(fresh);
      return await countRows(fresh.kysely as unknown as AnyDb, "sqlite");
    } finally {
      await fresh.close();
    }
  })();
  return freshCounts;
}

async function countRows(kysely: AnyDb, dialect: Db["dialect"]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const shape of await readTableShapes(kysely, dialect)) {
    const { rows } = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.id(shape.name)}`.execute(kysely);
    counts.set(shape.name, Number(rows[0]?.n ?? 0));
  }
  return counts;
}

/** Tables holding more than a fresh installation does, as "name: N rows". */
async function rowsBeyondFreshInstall(kysely: AnyDb, dialect: Db["dialect"]): Promise<string[]> {
  const fresh = await freshInstallCounts();
  const counts = await countRows(kysely, dialect);
  return [...counts]
    .filter(([name, n]) => n !== (fresh.get(name) ?? 0))
    .map(([name, n]) => `${name}: ${n} row${n === 1 ? "" : "s"}`);
}
