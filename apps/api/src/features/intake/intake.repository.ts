import { intakeAreaIds } from "@lantern/domain";
import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { IntakeAreasTable, IntakeProblemsTable, IntakesTable } from "../../db/schema.js";

/** The client's intake row, or undefined before anyone wrote in it. */
export async function findIntake(db: Executor, clientId: string) {
  return db.selectFrom("intakes").selectAll().where("client_id", "=", clientId).executeTakeFirst();
}

/** Creates the intake row if it does not exist yet (two first writes at once make one row). */
export async function ensureIntake(db: Executor, row: Insertable<IntakesTable>): Promise<void> {
  await db
    .insertInto("intakes")
    .values(row)
    .onConflict((oc) => oc.column("client_id").doNothing())
    .execute();
}

/** Changes the intake row; `whileStatus` makes the change only if the status is still that one. */
export async function updateIntake(
  db: Executor,
  clientId: string,
  changes: Updateable<IntakesTable>,
  whileStatus?: IntakesTable["status"],
): Promise<boolean> {
  let query = db.updateTable("intakes").set(changes).where("client_id", "=", clientId);
  if (whileStatus) query = query.where("status", "=", whileStatus);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Every area written so far for the client. */
export async function areasOfIntake(db: Executor, clientId: string) {
  return db.selectFrom("intake_areas").selectAll().where("client_id", "=", clientId).execute();
}

/** Writes one area: inserts it, or changes only the given columns of the stored one. */
export async function upsertArea(
  db: Executor,
  row: Insertable<IntakeAreasTable>,
  changes: Updateable<IntakeAreasTable>,
): Promise<void> {
  await db
    .insertInto("intake_areas")
    .values(row)
    .onConflict((oc) => oc.columns(["client_id", "area"]).doUpdateSet(changes))
    .execute();
}

/** The name of a user, for "signed off by". */
export async function userName(db: Executor, userId: string) {
  return (await db.selectFrom("users").select("name").where("id", "=", userId).executeTakeFirst())?.name;
}

/**
 * The client's problem list, most severe first, then in the intake's area order. The treatment plan
 * imports problems through this function.
 */
export async function problemsOfClient(db: Executor, clientId: string) {
  return db
    .selectFrom("intake_problems")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy((eb) =>
      eb.case("severity").when("severe").then(0).when("moderate").then(1).when("mild").then(2).else(3).end(),
    )
    .orderBy((eb) => {
      let order = eb
        .case("area")
        .when(intakeAreaIds[0] ?? "")
        .then(0);
      intakeAreaIds.slice(1).forEach((area, index) => {
        order = order.when(area).then(index + 1);
      });
      return order.else(intakeAreaIds.length).end();
    })
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** One problem by id, whoever it belongs to (the service compares the owner). */
export async function findProblem(db: Executor, id: string) {
  return db.selectFrom("intake_problems").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertProblems(db: Executor, rows: Insertable<IntakeProblemsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto("intake_problems").values(rows).execute();
}

export async function updateProblem(
  db: Executor,
  id: string,
  clientId: string,
  changes: Updateable<IntakeProblemsTable>,
): Promise<void> {
  await db
    .updateTable("intake_problems")
    .set(changes)
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .execute();
}

/** Removes a problem; false when there was none with this id for the client. */
export async function deleteProblem(db: Executor, id: string, clientId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("intake_problems")
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
