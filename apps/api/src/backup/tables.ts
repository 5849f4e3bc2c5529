import { type Kysely, sql } from "kysely";
import type { Db, DialectName } from "../db/dialect.js";

/** One table as a backup sees it: its columns (sorted by name), primary key and the tables it references. */
export interface TableShape {
  name: string;
  columns: string[];
  primaryKey: string[];
  references: string[];
}

/** The migrator's own bookkeeping: never backed up, restored or compared. */
const bookkeeping = new Set(["schema_migrations", "schema_migrations_lock"]);

type AnyDb = Kysely<any>;

/**
 * Every data table with its columns, primary key and foreign-key parents, in an order where each
 * table comes after the tables it references (so inserts can go front to back, deletes back to front).
 */
export async function readTableShapes(db: AnyDb, dialect: DialectName): Promise<TableShape[]> {
  const shapes = dialect === "sqlite" ? await sqliteShapes(db) : await postgresShapes(db);
  return parentsFirst(shapes.filter((t) => !bookkeeping.has(t.name)));
}

async function sqliteShapes(db: AnyDb): Promise<TableShape[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
    db,
  );
  const shapes: TableShape[] = [];
  for (const { name } of tables) {
    const { rows: cols } = await sql<{ name: string; pk: number }>`
      select name, pk from pragma_table_info(${name})`.execute(db);
    const { rows: fks } = await sql<{ table: string }>`
      select "table" from pragma_foreign_key_list(${name})`.execute(db);
    shapes.push({
      name,
      columns: cols.map((c) => c.name).sort(),
      primaryKey: cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      references: [...new Set(fks.map((f) => f.table))],
    });
  }
  return shapes;
}

async function postgresShapes(db: AnyDb): Promise<TableShape[]> {
  const { rows: cols } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() order by table_name, column_name`.execute(db);
  const { rows: pks } = await sql<{ table_name: string; column_name: string }>`
    select cl.relname as table_name, a.attname as column_name
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace and n.nspname = current_schema()
    cross join lateral unnest(c.conkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.contype = 'p' order by cl.relname, k.ord`.execute(db);
  const { rows: fks } = await sql<{ table_name: string; parent: string }>`
    select cl.relname as table_name, p.relname as parent
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace and n.nspname = current_schema()
    join pg_class p on p.oid = c.confrelid
    where c.contype = 'f'`.execute(db);
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return tables.map(({ table_name: name }) => ({
    name,
    columns: cols
      .filter((c) => c.table_name === name)
      .map((c) => c.column_name)
      .sort(),
    primaryKey: pks.filter((p) => p.table_name === name).map((p) => p.column_name),
    references: [...new Set(fks.filter((f) => f.table_name === name).map((f) => f.parent))],
  }));
}

/** Orders tables so every table follows its parents; ties (and cycles) fall back to the name. */
function parentsFirst(shapes: TableShape[]): TableShape[] {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const done = new Set<string>();
  const out: TableShape[] = [];
  const visit = (shape: TableShape, path: Set<string>) => {
    if (done.has(shape.name) || path.has(shape.name)) return;
    path.add(shape.name);
    for (const parent of [...shape.references].sort()) {
      const p = byName.get(parent);
      if (p && p.name !== shape.name) visit(p, path);
    }
    done.add(shape.name);
    out.push(shape);
  };
  for (const shape of [...shapes].sort((a, b) => a.name.localeCompare(b.name))) visit(shape, new Set());
  return out;
}

/** The migrations applied to a database, in order; empty when it was never migrated. */
export async function appliedMigrations(db: AnyDb, dialect: DialectName): Promise<string[]> {
  const exists =
    dialect === "sqlite"
      ? await sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'schema_migrations'`.execute(
          db,
        )
      : await sql<{
          n: number;
        }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name = 'schema_migrations'`.execute(
          db,
        );
  if (Number(exists.rows[0]?.n ?? 0) === 0) return [];
  const { rows } = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** Reads one page of a table in primary-key order, after the key of the previous page's last row. */
export async function readPage(
  db: AnyDb,
  table: TableShape,
  after: unknown[] | null,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const key = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  const keyList = sql.join(key.map((k) => sql.id(k)));
  const where = after ? sql`where (${keyList}) > (${sql.join(after)})` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.join(table.columns.map((c) => sql.id(c)))} from ${sql.id(table.name)}
    ${where} order by ${keyList} limit ${sql.lit(limit)}`.execute(db);
  return rows;
}

/** Visits every row of a table in pages, in primary-key order. */
export async function forEachRow(
  db: AnyDb,
  table: TableShape,
  visit: (row: Record<string, unknown>) => Promise<void> | void,
  pageSize = 2000,
): Promise<void> {
  let after: unknown[] | null = null;
  for (;;) {
    const page = await readPage(db, table, after, pageSize);
    for (const row of page) await visit(row);
    if (page.length < pageSize) return;
    after = keyOf(table, page[page.length - 1] as Record<string, unknown>);
  }
}

/** The key values of a row, for the next page. */
export function keyOf(table: TableShape, row: Record<string, unknown>): unknown[] {
  const key = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  return key.map((k) => row[k]);
}

export type { Db };
