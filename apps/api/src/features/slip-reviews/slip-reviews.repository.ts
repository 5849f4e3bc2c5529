import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { SlipReviewsTable } from "../../db/schema.js";

/** One review by id, whoever it belongs to (the service compares the owner). */
export async function findSlipReview(db: Executor, id: string) {
  return db.selectFrom("slip_reviews").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Stores a new review. */
export async function insertSlipReview(db: Executor, row: Insertable<SlipReviewsTable>): Promise<void> {
  await db.insertInto("slip_reviews").values(row).execute();
}

/** Changes a review of this client. */
export async function updateSlipReview(
  db: Executor,
  clientId: string,
  id: string,
  changes: Updateable<SlipReviewsTable>,
): Promise<void> {
  await db
    .updateTable("slip_reviews")
    .set(changes)
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .execute();
}

/** Whether the id names an inner-circle act of this client that no correction has voided. */
export async function isLiveActOf(db: Executor, clientId: string, eventId: string): Promise<boolean> {
  const row = await db
    .selectFrom("ledger_events")
    .select("id")
    .where("id", "=", eventId)
    .where("client_id", "=", clientId)
    .where("kind", "=", "inner_circle_act")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("ledger_events as v")
            .select("v.id")
            .where("v.kind", "=", "void")
            .where("v.target_id", "=", eventId),
        ),
      ),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** The lesson texts already recorded for one review. */
export async function lessonTextsOf(db: Executor, reviewId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("prevention_lessons")
    .select("text")
    .where("slip_review_id", "=", reviewId)
    .execute();
  return rows.map((r) => r.text);
}

/** Adds lessons to the client's prevention plan. */
export async function insertLessons(
  db: Executor,
  rows: { id: string; client_id: string; text: string; slip_review_id: string | null; created_at: Date }[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto("prevention_lessons").values(rows).execute();
}

/** A client's reviews, newest first; only the shared ones when `sharedOnly`. */
export async function slipReviewsOf(db: Executor, clientId: string, sharedOnly: boolean) {
  let query = db.selectFrom("slip_reviews").selectAll().where("client_id", "=", clientId);
  if (sharedOnly) query = query.where("shared_with_care_team", "=", true);
  return query.orderBy("date", "desc").orderBy("created_at", "desc").orderBy("id", "desc").execute();
}

/**
 * A client's prevention lessons, oldest first. With `sharedOnly`, lessons from reviews the client
 * kept private are left out (lessons written on their own stay in).
 */
export async function lessonsOf(db: Executor, clientId: string, sharedOnly: boolean) {
  let query = db
    .selectFrom("prevention_lessons")
    .leftJoin("slip_reviews", "slip_reviews.id", "prevention_lessons.slip_review_id")
    .selectAll("prevention_lessons")
    .where("prevention_lessons.client_id", "=", clientId);
  if (sharedOnly)
    query = query.where((eb) =>
      eb.or([
        eb("prevention_lessons.slip_review_id", "is", null),
        eb("slip_reviews.shared_with_care_team", "=", true),
      ]),
    );
  return query.orderBy("prevention_lessons.created_at").orderBy("prevention_lessons.id").execute();
}
