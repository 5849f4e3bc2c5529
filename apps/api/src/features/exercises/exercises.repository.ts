import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { ExerciseAssignmentsTable, ExerciseReviewsTable } from "../../db/schema.js";

/** One exercise by id, whoever it belongs to (the service compares the owner). */
export async function findExercise(db: Executor, id: string) {
  return db.selectFrom("exercise_assignments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A client's exercises, newest first. */
export async function exercisesOf(db: Executor, clientId: string) {
  return db
    .selectFrom("exercise_assignments")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** Reviews of these exercises, oldest first, with the reviewer's name. */
export async function reviewsOf(db: Executor, exerciseIds: readonly string[]) {
  if (exerciseIds.length === 0) return [];
  return db
    .selectFrom("exercise_reviews")
    .innerJoin("users", "users.id", "exercise_reviews.reviewer_user_id")
    .select([
      "exercise_reviews.exercise_id",
      "exercise_reviews.decision",
      "exercise_reviews.comment",
      "exercise_reviews.created_at",
      "users.name as reviewer",
    ])
    .where("exercise_reviews.exercise_id", "in", exerciseIds)
    .orderBy("exercise_reviews.created_at")
    .orderBy("exercise_reviews.id")
    .execute();
}

export async function insertExercise(db: Executor, row: Insertable<ExerciseAssignmentsTable>): Promise<void> {
  await db.insertInto("exercise_assignments").values(row).execute();
}

/**
 * Changes an exercise only while it is in one of the given states. False when it moved on meanwhile,
 * so a racing second request loses cleanly.
 */
export async function updateExerciseIn(
  db: Executor,
  id: string,
  clientId: string,
  states: readonly ExerciseAssignmentsTable["status"][],
  changes: Updateable<ExerciseAssignmentsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("exercise_assignments")
    .set(changes)
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .where("status", "in", states)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findReview(db: Executor, id: string) {
  return db.selectFrom("exercise_reviews").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertReview(db: Executor, row: Insertable<ExerciseReviewsTable>): Promise<void> {
  await db.insertInto("exercise_reviews").values(row).execute();
}

/** How many of the client's exercises assigned against each of these objectives have been reviewed. */
export async function reviewedCountsByObjective(
  db: Executor,
  clientId: string,
  objectiveIds: readonly string[],
): Promise<Map<string, number>> {
  if (objectiveIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("exercise_assignments")
    .select(["objective_id", (eb) => eb.fn.countAll<string | number>().as("count")])
    .where("client_id", "=", clientId)
    .where("status", "=", "reviewed")
    .where("objective_id", "in", [...objectiveIds])
    .groupBy("objective_id")
    .execute();
  return new Map(rows.map((row) => [row.objective_id ?? "", Number(row.count)]));
}
