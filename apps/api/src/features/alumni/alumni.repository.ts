import type { Insertable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { AlumniRequestsTable } from "../../db/schema.js";

/** The client's programme and episodes (to tell whether they are a former client). */
export async function clientEpisodes(db: Executor, clientId: string) {
  return db
    .selectFrom("episodes")
    .select(["organisation_id", "discharged_on"])
    .where("client_id", "=", clientId)
    .execute();
}

export async function findVolunteer(db: Executor, clientId: string) {
  return db.selectFrom("alumni_volunteers").selectAll().where("client_id", "=", clientId).executeTakeFirst();
}

export async function upsertVolunteer(
  db: Executor,
  row: { client_id: string; organisation_id: string; volunteering: boolean; updated_at: Date },
) {
  await db
    .insertInto("alumni_volunteers")
    .values(row)
    .onConflict((oc) =>
      oc.column("client_id").doUpdateSet({ volunteering: row.volunteering, updated_at: row.updated_at }),
    )
    .execute();
}

/** The user ids of the programme's volunteering alumni. */
export async function volunteerUsers(db: Executor, organisationId: string) {
  return db
    .selectFrom("alumni_volunteers")
    .innerJoin("clients", "clients.id", "alumni_volunteers.client_id")
    .select(["clients.user_id"])
    .where("alumni_volunteers.organisation_id", "=", organisationId)
    .where("alumni_volunteers.volunteering", "=", true)
    .execute();
}

export async function findRequest(db: Executor, id: string) {
  return db.selectFrom("alumni_requests").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertRequest(db: Executor, row: Insertable<AlumniRequestsTable>) {
  await db.insertInto("alumni_requests").values(row).execute();
}

/** Requests passed on to this user, newest first. */
export async function requestsFor(db: Executor, userId: string) {
  return db
    .selectFrom("notifications")
    .innerJoin("alumni_requests", "alumni_requests.id", "notifications.subject_id")
    .select(["alumni_requests.id", "alumni_requests.note", "alumni_requests.created_at"])
    .where("notifications.user_id", "=", userId)
    .where("notifications.kind", "=", "alumni_request")
    .orderBy("alumni_requests.created_at", "desc")
    .limit(20)
    .execute();
}
