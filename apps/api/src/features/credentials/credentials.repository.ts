import type { Insertable, Selectable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { StaffCredentialsTable } from "../../db/schema.js";

export type CredentialRow = Selectable<StaffCredentialsTable>;

export async function findCredential(db: Executor, id: string) {
  return db.selectFrom("staff_credentials").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The programme's credentials still held (not removed), oldest issue first. */
export async function credentialsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("staff_credentials")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("removed_at", "is", null)
    .orderBy("issued_on")
    .orderBy("id")
    .execute();
}

export async function insertCredential(db: Executor, row: Insertable<StaffCredentialsTable>) {
  await db.insertInto("staff_credentials").values(row).execute();
}

export async function updateCredential(db: Executor, id: string, change: Updateable<StaffCredentialsTable>) {
  await db.updateTable("staff_credentials").set(change).where("id", "=", id).execute();
}

/** The programme's staff (admins and clinicians), one row per role. */
export async function staffMembershipsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "memberships.role"])
    .where("memberships.organisation_id", "=", organisationId)
    .where("memberships.role", "in", ["programme_admin", "clinician"])
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
}
