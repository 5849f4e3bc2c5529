import type { Insertable, Selectable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type {
  AftercareAttendanceTable,
  AftercarePlansTable,
  AftercareReviewsTable,
  DischargeSummariesTable,
} from "../../db/schema.js";

export type AftercarePlanRow = Selectable<AftercarePlansTable>;
export type SummaryRow = Selectable<DischargeSummariesTable>;
export type AttendanceRow = Selectable<AftercareAttendanceTable>;

export async function findAftercarePlan(db: Executor, episodeId: string) {
  return db.selectFrom("aftercare_plans").selectAll().where("episode_id", "=", episodeId).executeTakeFirst();
}

export async function insertAftercarePlan(db: Executor, row: Insertable<AftercarePlansTable>) {
  await db.insertInto("aftercare_plans").values(row).execute();
}

export async function updateAftercarePlan(
  db: Executor,
  episodeId: string,
  changes: Updateable<AftercarePlansTable>,
) {
  await db.updateTable("aftercare_plans").set(changes).where("episode_id", "=", episodeId).execute();
}

/** The latest review of each item for an episode, newest first, with the reviewer's name. */
export async function reviewsOf(db: Executor, episodeId: string) {
  return db
    .selectFrom("aftercare_reviews")
    .innerJoin("users", "users.id", "aftercare_reviews.reviewed_by_user_id")
    .selectAll("aftercare_reviews")
    .select("users.name as reviewer_name")
    .where("aftercare_reviews.episode_id", "=", episodeId)
    .orderBy("aftercare_reviews.reviewed_at", "desc")
    .orderBy("aftercare_reviews.id", "desc")
    .execute();
}

export async function insertReview(db: Executor, row: Insertable<AftercareReviewsTable>) {
  await db.insertInto("aftercare_reviews").values(row).execute();
}

export async function currentPlanVersion(
  db: Executor,
  table: "safety_plan_versions" | "prevention_plan_versions",
  clientId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max("version").as("version"))
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function findSupportContact(db: Executor, clientId: string, id: string) {
  return db
    .selectFrom("support_contacts")
    .select(["id", "name", "phone", "email"])
    .where("client_id", "=", clientId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}

export async function findSummary(db: Executor, episodeId: string) {
  return db
    .selectFrom("discharge_summaries")
    .leftJoin("users", "users.id", "discharge_summaries.signed_by_user_id")
    .selectAll("discharge_summaries")
    .select("users.name as signer_name")
    .where("discharge_summaries.episode_id", "=", episodeId)
    .executeTakeFirst();
}

export async function insertSummary(db: Executor, row: Insertable<DischargeSummariesTable>) {
  await db.insertInto("discharge_summaries").values(row).execute();
}

/** Updates the summary only while it is unsigned and at the revision given; true when it did. */
export async function updateSummaryAt(
  db: Executor,
  episodeId: string,
  revision: number,
  changes: Updateable<DischargeSummariesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("discharge_summaries")
    .set(changes)
    .where("episode_id", "=", episodeId)
    .where("revision", "=", revision)
    .where("signed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Completed PHQ-9 and GAD-7 results, oldest first. */
export async function completedScores(db: Executor, clientId: string) {
  return db
    .selectFrom("assessments")
    .select(["instrument_id", "result", "completed_at"])
    .where("client_id", "=", clientId)
    .where("status", "=", "completed")
    .where("instrument_id", "in", ["phq-9", "gad-7"])
    .orderBy("completed_at", "asc")
    .execute();
}

export async function clientName(db: Executor, clientId: string) {
  const row = await db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select("users.name")
    .where("clients.id", "=", clientId)
    .executeTakeFirst();
  return row?.name ?? "";
}

/** The client's latest discharged episode that has an aftercare plan. */
export async function latestDischargedPlan(db: Executor, clientId: string) {
  return db
    .selectFrom("aftercare_plans")
    .innerJoin("episodes", "episodes.id", "aftercare_plans.episode_id")
    .selectAll("aftercare_plans")
    .select("episodes.discharged_on")
    .where("aftercare_plans.client_id", "=", clientId)
    .where("episodes.discharged_on", "is not", null)
    .orderBy("episodes.discharged_on", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function findAttendance(db: Executor, id: string) {
  return db.selectFrom("aftercare_attendance").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertAttendance(db: Executor, row: Insertable<AftercareAttendanceTable>) {
  await db.insertInto("aftercare_attendance").values(row).execute();
}

/** An episode's attendance, newest day first. */
export async function attendanceOf(db: Executor, episodeId: string) {
  return db
    .selectFrom("aftercare_attendance")
    .selectAll()
    .where("episode_id", "=", episodeId)
    .orderBy("on_day", "desc")
    .orderBy("created_at", "desc")
    .execute();
}

export async function findFeedOf(db: Executor, clientId: string) {
  return db.selectFrom("calendar_feeds").selectAll().where("client_id", "=", clientId).executeTakeFirst();
}

export async function findFeedByHash(db: Executor, tokenHash: string) {
  return db.selectFrom("calendar_feeds").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Sets (or replaces) the client's feed token; the old address stops working at once. */
export async function replaceFeed(db: Executor, clientId: string, tokenHash: string, now: Date) {
  await db.deleteFrom("calendar_feeds").where("client_id", "=", clientId).execute();
  await db
    .insertInto("calendar_feeds")
    .values({ client_id: clientId, token_hash: tokenHash, created_at: now })
    .execute();
}
