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

/** The programme's staff (admins and clinicians) with their roles. */
export async function staffOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "memberships.role"])
    .where("memberships.organisation_id", "=", organisationId)
    .where("memberships.role", "in", ["programme_admin", "clinician"])
    .orderBy("users.name")
    .execute();
}
