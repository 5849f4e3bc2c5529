import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { CheckInsTable } from "../../db/schema.js";

/** One check-in by its id. */
export async function findCheckIn(db: Executor, id: string) {
  return db.selectFrom("check_ins").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The client's check-in for one local day. */
export async function findCheckInOn(db: Executor, clientId: string, date: string) {
  return db
    .selectFrom("check_ins")
    .selectAll()
    .where("client_id", "=", clientId)
    .where("date", "=", date)
    .executeTakeFirst();
}

/** The client's check-ins between two local days (inclusive), newest first. */
export async function checkInsBetween(db: Executor, clientId: string, from: string, to: string) {
  return db
    .selectFrom("check_ins")
    .selectAll()
    .where("client_id", "=", clientId)
    .where("date", ">=", from)
    .where("date", "<=", to)
    .orderBy("date", "desc")
    .execute();
}

/** Just the days the client checked in between two local days (inclusive). */
export async function checkInDatesBetween(db: Executor, clientId: string, from: string, to: string) {
  const rows = await db
    .selectFrom("check_ins")
    .select("date")
    .where("client_id", "=", clientId)
    .where("date", ">=", from)
    .where("date", "<=", to)
    .execute();
  return rows.map((r) => r.date);
}

/** Stores a new check-in. */
export async function insertCheckIn(db: Executor, row: Insertable<CheckInsTable>): Promise<void> {
  await db.insertInto("check_ins").values(row).execute();
}

/** Changes a check-in's answers. */
export async function updateCheckIn(
  db: Executor,
  id: string,
  changes: Updateable<CheckInsTable>,
): Promise<void> {
  await db.updateTable("check_ins").set(changes).where("id", "=", id).execute();
}
