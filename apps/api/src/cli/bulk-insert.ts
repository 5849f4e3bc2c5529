import type { Insertable } from "kysely";
import type { DialectName } from "../db/dialect.js";
import type { Executor } from "../db/executor.js";
import type { Database } from "../db/schema.js";

/**
 * Bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766 since 3.32)
 * and PostgreSQL's protocol limit (65535, a 16-bit count). Kept a little under both.
 */
export const maxParameters: Record<DialectName, number> = { sqlite: 32_000, postgres: 65_000 };

/** Rows per statement beyond which bigger statements stop paying for themselves. */
const maxRowsPerStatement = 500;

/** The tables the generator fills, parents before children, so a flush never breaks a foreign key. */
export const fillOrder = [
  "users",
  "accounts",
  "memberships",
  "clients",
  "care_team_members",
  "tracks",
  "staff_credentials",
  "episodes",
  "episode_segments",
  "assessment_schedules",
  "assessments",
  "circle_versions",
  "circle_items",
  "circle_comments",
  "coping_strategies",
  "triggers",
  "ledger_events",
  "check_ins",
  "urges",
  "slip_reviews",
  "prevention_lessons",
  "journal_entries",
] as const satisfies readonly (keyof Database)[];

export type FilledTable = (typeof fillOrder)[number];

/** Rows that fit in one statement for a table with this many columns. */
export function rowsPerStatement(dialect: DialectName, columns: number): number {
  return Math.max(
    1,
    Math.min(maxRowsPerStatement, Math.floor(maxParameters[dialect] / Math.max(1, columns))),
  );
}

/**
 * Buffers rows per table and writes them as multi-row INSERTs inside the caller's transaction.
 * When one table's buffer is full, the tables before it in `fillOrder` are written first, so a
 * child row is never inserted before the parent it references.
 */
export class BulkWriter {
  private readonly buffers = new Map<FilledTable, Record<string, unknown>[]>();
  /** Rows written per table since the writer was made. */
  readonly written = new Map<FilledTable, number>();

  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName,
  ) {}

  /** Queues one row; writes the table (and its parents) once a statement's worth is queued. */
  async add<T extends FilledTable>(table: T, row: Insertable<Database[T]>): Promise<void> {
    const buffer = this.buffers.get(table) ?? [];
    if (buffer.length === 0) this.buffers.set(table, buffer);
    buffer.push(row as Record<string, unknown>);
    if (buffer.length >= rowsPerStatement(this.dialect, Object.keys(row).length)) await this.flushUpTo(table);
  }

  /** Writes everything still queued, parents first. */
  async flush(): Promise<void> {
    for (const table of fillOrder) await this.write(table);
  }

  private async flushUpTo(table: FilledTable): Promise<void> {
    for (const t of fillOrder) {
      await this.write(t);
      if (t === table) return;
    }
  }

  private async write(table: FilledTable): Promise<void> {
    const rows = this.buffers.get(table);
    if (!rows || rows.length === 0) return;
    this.buffers.set(table, []);
    const perStatement = rowsPerStatement(this.dialect, Object.keys(rows[0] ?? {}).length);
    for (let i = 0; i < rows.length; i += perStatement) {
      // The rows were type-checked against the table when they were added.
      await this.db
        .insertInto(table)
        .values(rows.slice(i, i + perStatement) as never)
        .execute();
    }
    this.written.set(table, (this.written.get(table) ?? 0) + rows.length);
  }
}
