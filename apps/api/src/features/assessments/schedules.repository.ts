import type { Insertable, Selectable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { AssessmentSchedulesTable, AssessmentsTable, InstrumentSettingsTable } from "../../db/schema.js";

/** One schedule by id, whoever it belongs to (the service compares the owner). */
export async function findSchedule(db: Executor, id: string) {
  return db.selectFrom("assessment_schedules").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertSchedule(db: Executor, row: Insertable<AssessmentSchedulesTable>): Promise<void> {
  await db.insertInto("assessment_schedules").values(row).execute();
}

/** A client's schedules, newest first. */
export async function schedulesOf(db: Executor, clientId: string) {
  return db
    .selectFrom("assessment_schedules")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function updateSchedule(
  db: Executor,
  id: string,
  changes: Updateable<AssessmentSchedulesTable>,
): Promise<void> {
  await db.updateTable("assessment_schedules").set(changes).where("id", "=", id).execute();
}

/** Moves a schedule's next day on, unless it was stopped meanwhile. */
export async function advanceSchedule(db: Executor, id: string, nextDay: string | null): Promise<void> {
  await db
    .updateTable("assessment_schedules")
    .set({ next_day: nextDay })
    .where("id", "=", id)
    .where("stopped_on", "is", null)
    .execute();
}

/**
 * Running schedules with an occurrence due by `latestDay` (the latest "today" of any time zone), with
 * the client's time zone and the email of the client's account: all of them, or of some clients.
 */
export async function schedulesWithDue(db: Executor, latestDay: string, clientIds?: readonly string[]) {
  if (clientIds && clientIds.length === 0) return [];
  let query = db
    .selectFrom("assessment_schedules")
    .innerJoin("clients", "clients.id", "assessment_schedules.client_id")
    .innerJoin("users", "users.id", "clients.user_id")
    .selectAll("assessment_schedules")
    .select(["clients.time_zone", "clients.user_id", "users.email"])
    .where("assessment_schedules.next_day", "is not", null)
    .where("assessment_schedules.next_day", "<=", latestDay);
  if (clientIds) query = query.where("assessment_schedules.client_id", "in", clientIds);
  return query.orderBy("assessment_schedules.id").limit(1000).execute();
}

/**
 * Stores occurrences, skipping any another process stored first (the unique index on schedule,
 * day and instrument). Returns only the rows this call inserted.
 */
export async function insertOccurrences(db: Executor, rows: Insertable<AssessmentsTable>[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto("assessments")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning(["id", "client_id", "schedule_id", "occurrence_day"])
    .execute();
}

/**
 * Each client's latest completed result per instrument, for a whole caseload in one query (a
 * grouped subquery of the latest completion joined back; ties at the same instant both come back).
 */
export async function latestCompletedOfClients(
  db: Executor,
  clientIds: readonly string[],
  instrumentIds: string[],
) {
  if (clientIds.length === 0) return [];
  const latest = db
    .selectFrom("assessments")
    .select(["client_id", "instrument_id"])
    .select((eb) => eb.fn.max("completed_at").as("latest"))
    .where("client_id", "in", clientIds)
    .where("instrument_id", "in", instrumentIds)
    .where("status", "=", "completed")
    .groupBy(["client_id", "instrument_id"])
    .as("latest");
  return db
    .selectFrom("assessments")
    .innerJoin(latest, (join) =>
      join
        .onRef("latest.client_id", "=", "assessments.client_id")
        .onRef("latest.instrument_id", "=", "assessments.instrument_id")
        .onRef("latest.latest", "=", "assessments.completed_at"),
    )
    .select([
      "assessments.client_id",
      "assessments.instrument_id",
      "assessments.result",
      "assessments.completed_at",
    ])
    .where("assessments.status", "=", "completed")
    .execute();
}

/** Open (due or started) assessments of a whole caseload, with their due day. */
export async function openOfClients(db: Executor, clientIds: readonly string[]) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom("assessments")
    .select(["client_id", "due_date"])
    .where("client_id", "in", clientIds)
    .where("status", "!=", "completed")
    .execute();
}

/** A client's completed assessments, oldest first (the trend). */
export async function completedOf(db: Executor, clientId: string) {
  return db
    .selectFrom("assessments")
    .select(["id", "instrument_id", "result", "completed_at"])
    .where("client_id", "=", clientId)
    .where("status", "=", "completed")
    .orderBy("completed_at", "asc")
    .orderBy("id", "asc")
    .execute();
}

/** The programme's reliable-change thresholds. */
export async function instrumentSettingsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("instrument_settings")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .execute();
}

export async function upsertInstrumentSetting(
  db: Executor,
  row: Selectable<InstrumentSettingsTable> & { updated_at: Date },
): Promise<void> {
  await db
    .insertInto("instrument_settings")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["organisation_id", "instrument_id"]).doUpdateSet({
        reliable_change_points: row.reliable_change_points,
        reliable_change_source: row.reliable_change_source,
        updated_by_user_id: row.updated_by_user_id,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteInstrumentSetting(db: Executor, organisationId: string, instrumentId: string) {
  await db
    .deleteFrom("instrument_settings")
    .where("organisation_id", "=", organisationId)
    .where("instrument_id", "=", instrumentId)
    .execute();
}
