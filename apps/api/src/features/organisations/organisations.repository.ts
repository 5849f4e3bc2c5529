import type { Executor } from "../../db/executor.js";
import type { NewOrganisation } from "../../db/schema.js";

/** Inserts a programme (organisation). */
export async function insertOrganisation(db: Executor, organisation: NewOrganisation): Promise<void> {
  await db.insertInto("organisations").values(organisation).execute();
}

/** Every programme, oldest first. */
export async function listOrganisations(db: Executor) {
  return db.selectFrom("organisations").selectAll().orderBy("created_at").execute();
}
