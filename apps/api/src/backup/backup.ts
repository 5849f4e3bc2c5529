import type { Db } from "../db/dialect.js";
import { BackupWriter, backupFormat, backupVersion } from "./backup-file.js";
import { rowLine, TableDigest } from "./canonical.js";
import { inSnapshot } from "./snapshot.js";
import { appliedMigrations, forEachRow, readTableShapes } from "./tables.js";

/** What a backup wrote. */
export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  migrations: string[];
  millis: number;
}

/**
 * Writes every table of a running database to `file` from one consistent snapshot. The file appears
 * under its name only when complete and flushed to disk.
 */
export async function writeBackup(db: Db, file: string, now = () => new Date()): Promise<BackupSummary> {
  const started = Date.now();
  const writer = new BackupWriter(file);
  try {
    const { tables, rows, migrations } = await inSnapshot(db, async (trx) => {
      // The first read fixes the snapshot: everything below sees the database as of this moment.
      const migrations = await appliedMigrations(trx, db.dialect);
      const shapes = await readTableShapes(trx, db.dialect);
      await writer.line(
        JSON.stringify({
          format: backupFormat,
          version: backupVersion,
          createdAt: now().toISOString(),
          dialect: db.dialect,
          migrations,
        }),
      );
      let rows = 0;
      for (const shape of shapes) {
        await writer.line(
          JSON.stringify({ table: shape.name, columns: shape.columns, primaryKey: shape.primaryKey }),
        );
        const digest = new TableDigest();
        await forEachRow(trx, shape, async (row) => {
          const line = rowLine(shape.name, shape.columns, row);
          digest.add(line);
          await writer.line(line);
        });
        rows += digest.rows;
        await writer.line(JSON.stringify({ tableEnd: shape.name, rows: digest.rows, digest: digest.hex() }));
      }
      return { tables: shapes.length, rows, migrations };
    });
    const bytes = await writer.finish({ tables, rows });
    return { file, bytes, tables, rows, migrations, millis: Date.now() - started };
  } catch (error) {
    writer.abort();
    throw error;
  }
}
