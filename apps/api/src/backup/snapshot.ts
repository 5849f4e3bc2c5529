import type { Kysely, Transaction } from "kysely";
import type { Db } from "../db/dialect.js";

export type AnyTrx = Transaction<any>;

/**
 * Runs `read` inside one consistent snapshot of the database while it stays online: on PostgreSQL a
 * REPEATABLE READ, READ ONLY transaction; on SQLite a read transaction, which WAL keeps at the
 * moment of its first read while the server goes on writing.
 */
export async function inSnapshot<T>(db: Db, read: (trx: AnyTrx) => Promise<T>): Promise<T> {
  const kysely = db.kysely as unknown as Kysely<any>;
  const builder =
    db.dialect === "postgres"
      ? kysely.transaction().setIsolationLevel("repeatable read").setAccessMode("read only")
      : kysely.transaction();
  return builder.execute(read);
}
