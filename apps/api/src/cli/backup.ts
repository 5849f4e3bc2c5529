import fs from "node:fs";
import { parseArgs } from "node:util";
import { writeBackup } from "../backup/backup.js";
import { restoreBackup } from "../backup/restore.js";
import { verifyBackup } from "../backup/verify.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/dialect.js";

export const backupHelp = `Usage:
  npm run lantern -- backup <file>            Write an online, consistent backup of the database.
  npm run lantern -- restore <file> [--force] Restore a backup into an empty database.
  npm run lantern -- verify <file>            Compare the database with a backup, row by row.

A backup is one gzip'd file of JSON lines that either dialect can restore (docs/adr/0011).
backup   runs while Lantern serves; it reads one snapshot and never blocks writers. It will not
         overwrite an existing file.
restore  checks the whole file first (a damaged or truncated file changes nothing), migrates the
         target, then loads every row in one transaction and compares each table with the file.
         It refuses a database that holds data; --force replaces everything in it.
verify   compares every table's rows with the file (counts and SHA-256 digests, then row by row by
         primary key for a table that differs) and walks the audit chain. Exit code 2 on a difference.

The database comes from DATA_DIR or DATABASE_URL, as for npm start.`;

/** Thrown for a usage mistake; the CLI prints the message as one line. */
export class BackupUsageError extends Error {}

const kb = (bytes: number) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function fileArgument(command: string, rest: string[], options: { force?: boolean } = {}) {
  const { positionals, values } = parseArgs({
    args: rest,
    options: options.force ? { force: { type: "boolean" } } : {},
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1)
    throw new BackupUsageError(
      `usage: npm run lantern -- ${command} <file>${options.force ? " [--force]" : ""}`,
    );
  return { file: positionals[0] as string, force: (values as { force?: boolean }).force === true };
}

/** `backup <file>`, `restore <file> [--force]` and `verify <file>`; resolves to the exit code. */
export async function runBackupCommand(
  command: "backup" | "restore" | "verify",
  rest: string[],
  say: (text: string) => void,
  complain: (text: string) => void,
): Promise<number> {
  if (rest.includes("--help")) return (say(backupHelp), 0);
  const { file, force } = fileArgument(command, rest, { force: command === "restore" });
  if (command === "backup" && fs.existsSync(file))
    throw new BackupUsageError(`${file} already exists; give the backup a new file name`);
  const db = await openDatabase(loadConfig().database);
  try {
    if (command === "backup") {
      const s = await writeBackup(db, file);
      say(
        `Backup of ${db.location} written to ${file}: ${s.tables} tables, ${s.rows} rows, ${kb(s.bytes)}, in ${secs(s.millis)}.`,
      );
      return 0;
    }
    if (command === "restore") {
      const s = await restoreBackup(db, file, { force });
      say(
        `Restored ${file} into ${db.location}: ${s.tables} tables, ${s.rows} rows, each table checked against the backup; audit log intact (${s.auditEvents} events); ${secs(s.millis)}.`,
      );
      if (s.migratedAfter.length > 0) say(`Then applied newer migrations: ${s.migratedAfter.join(", ")}.`);
      return 0;
    }
    const report = await verifyBackup(db, file);
    if (report.ok) {
      const rows = report.tables.reduce((n, t) => n + t.liveRows, 0);
      const events = report.audit.ok ? report.audit.count : 0;
      say(
        `${db.location} matches ${file}: ${report.tables.length} tables, ${rows} rows identical; audit log intact (${events} events).`,
      );
      return 0;
    }
    for (const problem of report.problems) complain(`lantern: ${problem}`);
    return 2;
  } finally {
    await db.close();
  }
}
