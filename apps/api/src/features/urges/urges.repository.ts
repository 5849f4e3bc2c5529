import type { Insertable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { UrgesTable } from "../../db/schema.js";

/** One urge by id, whoever it belongs to (the service compares the owner). */
export async function findUrge(db: Executor, id: string) {
  return db.selectFrom("urges").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Stores one urge. */
export async function insertUrge(db: Executor, urge: Insertable<UrgesTable>): Promise<void> {
  await db.insertInto("urges").values(urge).execute();
}

/** A client's urges between two local days (inclusive), newest first, with the trigger's label. */
export async function urgesOf(db: Executor, clientId: string, from: string, to: string) {
  return db
    .selectFrom("urges")
    .leftJoin("triggers", "triggers.id", "urges.trigger_id")
    .selectAll("urges")
    .select("triggers.label as trigger_label")
    .where("urges.client_id", "=", clientId)
    .where("urges.date", ">=", from)
    .where("urges.date", "<=", to)
    .orderBy("urges.started_at", "desc")
    .orderBy("urges.id", "desc")
    .execute();
}

/** A trigger of this client that is not archived, or undefined. */
export async function findLiveTrigger(db: Executor, clientId: string, triggerId: string) {
  return db
    .selectFrom("triggers")
    .select(["id", "label"])
    .where("id", "=", triggerId)
    .where("client_id", "=", clientId)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}
