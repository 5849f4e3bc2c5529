import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { AssessmentsTable } from "../../db/schema.js";

/** One assessment by id, whoever it belongs to (the service compares the owner). */
export async function findAssessment(db: Executor, id: string) {
  return db.selectFrom("assessments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Stores a newly assigned assessment. */
export async function insertAssessment(db: Executor, row: Insertable<AssessmentsTable>): Promise<void> {
  await db.insertInto("assessments").values(row).execute();
}

/**
 * Saves answers (and, on submit, the result) unless the assessment was completed meanwhile.
 * Returns false when nothing changed, so a second submit racing the first loses cleanly.
 */
export async function updateOpenAssessment(
  db: Executor,
  id: string,
  clientId: string,
  changes: Updateable<AssessmentsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("assessments")
    .set(changes)
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .where("status", "!=", "completed")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A client's assessments, newest first. */
export async function assessmentsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("assessments")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** Completed assessments with a safety flag since an instant, for a whole caseload in one query. */
export async function safetyFlagsOfClients(
  db: Executor,
  clientIds: readonly string[],
  instrumentId: string,
  since: Date,
) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom("assessments")
    .select(["client_id", "completed_at"])
    .where("client_id", "in", clientIds)
    .where("instrument_id", "=", instrumentId)
    .where("status", "=", "completed")
    .where("safety_flag", "=", true)
    .where("completed_at", ">=", since)
    .orderBy("completed_at", "desc")
    .execute();
}
