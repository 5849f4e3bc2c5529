import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { ProgrammeProfilesTable } from "../../db/schema.js";

export async function findProfile(db: Executor, organisationId: string) {
  return db
    .selectFrom("programme_profiles")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

export async function findProfileBySlug(db: Executor, slug: string) {
  return db.selectFrom("programme_profiles").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function insertProfile(db: Executor, row: Insertable<ProgrammeProfilesTable>) {
  await db.insertInto("programme_profiles").values(row).execute();
}

export async function updateProfile(
  db: Executor,
  organisationId: string,
  change: Updateable<ProgrammeProfilesTable>,
) {
  await db
    .updateTable("programme_profiles")
    .set(change)
    .where("organisation_id", "=", organisationId)
    .execute();
}

export async function organisationName(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom("organisations")
    .select("name")
    .where("id", "=", organisationId)
    .executeTakeFirst();
  return row?.name;
}
