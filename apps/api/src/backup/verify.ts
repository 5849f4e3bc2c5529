import { type VerifyResult, verifyAuditChain } from "../audit/audit.js";
import type { Db } from "../db/dialect.js";
import { readBackup } from "./backup-file.js";
import { canonicalValue, rowHash, rowLine, TableDigest } from "./canonical.js";
import { type AnyTrx, inSnapshot } from "./snapshot.js";
import { appliedMigrations, forEachRow, readTableShapes, type TableShape } from "./tables.js";

/** How one table compares with the backup. */
export interface TableComparison {
  name: string;
  backupRows: number;
  liveRows: number;
  identical: boolean;
  /** For a table that differs: rows missing from the database, extra in it, changed, and a few keys. */
  missing?: number;
  extra?: number;
  changed?: number;
  examples?: string[];
}

export interface VerifyReport {
  ok: boolean;
  tables: TableComparison[];
  problems: string[];
  audit: VerifyResult;
}

/** The count and order-independent digest of a live table, its rows written as in the backup file. */
export async function digestLive(trx: AnyTrx, shape: TableShape, columns: string[]): Promise<TableDigest> {
  const digest = new TableDigest();
  await forEachRow(trx, shape, (row) => digest.add(rowLine(shape.name, columns, row)));
  return digest;
}

/**
 * Compares a database with a backup file table by table (counts and digests of every row) and, for
 * a table that differs, row by row by primary key; then walks the audit chain.
 */
export async function verifyBackup(db: Db, file: string): Promise<VerifyReport> {
  const contents = await readBackup(file);
  const problems: string[] = [];
  const tables = await inSnapshot(db, async (trx) => {
    const migrations = await appliedMigrations(trx, db.dialect);
    if (migrations.join(",") !== contents.header.migrations.join(","))
      problems.push(
        `the database has migrations up to ${migrations.at(-1) ?? "(none)"}, the backup up to ${contents.header.migrations.at(-1) ?? "(none)"}`,
      );
    const shapes = await readTableShapes(trx, db.dialect);
    const out: TableComparison[] = [];
    for (const table of contents.tables) {
      const shape = shapes.find((s) => s.name === table.name);
      if (!shape) {
        problems.push(`table ${table.name} is missing from the database`);
        out.push({ name: table.name, backupRows: table.rows, liveRows: 0, identical: false });
        continue;
      }
      if (shape.columns.join(",") !== [...table.columns].sort().join(",")) {
        problems.push(`table ${table.name} has other columns in the database than in the backup`);
        out.push({ name: table.name, backupRows: table.rows, liveRows: -1, identical: false });
        continue;
      }
      const live = await digestLive(trx, shape, table.columns);
      const identical = live.rows === table.rows && live.hex() === table.digest;
      const comparison: TableComparison = {
        name: table.name,
        backupRows: table.rows,
        liveRows: live.rows,
        identical,
      };
      if (!identical) {
        Object.assign(comparison, await rowDifferences(trx, file, shape, table.columns, table.primaryKey));
        problems.push(
          `table ${table.name} differs: ${comparison.missing} missing, ${comparison.extra} extra, ${comparison.changed} changed (e.g. ${comparison.examples?.join("; ")})`,
        );
      }
      out.push(comparison);
    }
    for (const shape of shapes)
      if (!contents.tables.some((t) => t.name === shape.name))
        problems.push(`table ${shape.name} is in the database but not in the backup`);
    return out;
  });
  const audit = await verifyAuditChain(db);
  if (!audit.ok) problems.push(`the audit log is broken at event ${audit.seq}: ${audit.problem}`);
  return { ok: problems.length === 0, tables, problems, audit };
}

/** Row-by-row differences of one table, keyed by primary key (only run for a table that differs). */
async function rowDifferences(
  trx: AnyTrx,
  file: string,
  shape: TableShape,
  columns: string[],
  primaryKey: string[],
): Promise<Pick<TableComparison, "missing" | "extra" | "changed" | "examples">> {
  const key = primaryKey.length > 0 ? primaryKey : columns;
  const keyIndexes = key.map((k) => columns.indexOf(k));
  const inFile = new Map<string, bigint>();
  await readBackup(file, (table, values) => {
    if (table.name !== shape.name) return;
    inFile.set(JSON.stringify(keyIndexes.map((i) => values[i])), rowHash(JSON.stringify(values)));
  });
  let extra = 0;
  let changed = 0;
  const examples: string[] = [];
  const note = (what: string, k: string) => {
    if (examples.length < 3) examples.push(`${what} ${k}`);
  };
  await forEachRow(trx, shape, (row) => {
    const k = JSON.stringify(key.map((c) => canonicalValue(row[c], `${shape.name}.${c}`)));
    const expected = inFile.get(k);
    if (expected === undefined) {
      extra += 1;
      note("extra", k);
    } else {
      if (expected !== rowHash(rowLine(shape.name, columns, row))) {
        changed += 1;
        note("changed", k);
      }
      inFile.delete(k);
    }
  });
  for (const k of inFile.keys()) note("missing", k);
  return { missing: inFile.size, extra, changed, examples };
}
