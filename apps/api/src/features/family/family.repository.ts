import type { Insertable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type {
  BoundariesPlansTable,
  FamilyParticipantsTable,
  FamilySessionParticipantsTable,
  FamilySessionsTable,
} from "../../db/schema.js";

/** The client's participants, with the account the invitation was accepted by (if any). */
export async function participantsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("family_participants")
    .leftJoin("invitations", "invitations.id", "family_participants.invitation_id")
    .selectAll("family_participants")
    .select("invitations.accepted_by_user_id")
    .where("family_participants.client_id", "=", clientId)
    .orderBy("family_participants.created_at")
    .orderBy("family_participants.id")
    .execute();
}

export async function findParticipant(db: Executor, id: string) {
  return db.selectFrom("family_participants").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertParticipant(db: Executor, row: Insertable<FamilyParticipantsTable>) {
  await db.insertInto("family_participants").values(row).execute();
}

export async function updateConsents(db: Executor, id: string, consents: string, at: Date) {
  await db
    .updateTable("family_participants")
    .set({ consents, updated_at: at })
    .where("id", "=", id)
    .execute();
}

/** The enrolments whose invitation this user accepted, with the client's name. */
export async function enrolmentsOfUser(db: Executor, userId: string) {
  return db
    .selectFrom("family_participants")
    .innerJoin("invitations", "invitations.id", "family_participants.invitation_id")
    .innerJoin("clients", "clients.id", "family_participants.client_id")
    .innerJoin("users", "users.id", "clients.user_id")
    .selectAll("family_participants")
    .select(["users.name as client_name", "clients.organisation_id"])
    .where("invitations.accepted_by_user_id", "=", userId)
    .orderBy("family_participants.created_at")
    .execute();
}

export async function familySessionsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("family_sessions")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("held_on", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function findFamilySession(db: Executor, id: string) {
  return db.selectFrom("family_sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function sessionParticipantsOf(db: Executor, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom("family_session_participants")
    .selectAll()
    .where("session_id", "in", sessionIds)
    .execute();
}

export async function insertFamilySession(
  db: Executor,
  row: Insertable<FamilySessionsTable>,
  participants: readonly Insertable<FamilySessionParticipantsTable>[],
) {
  await db.insertInto("family_sessions").values(row).execute();
  if (participants.length > 0)
    await db.insertInto("family_session_participants").values(participants).execute();
}

export async function findBoundaries(db: Executor, clientId: string) {
  return db.selectFrom("boundaries_plans").selectAll().where("client_id", "=", clientId).executeTakeFirst();
}

export async function upsertBoundaries(db: Executor, row: Insertable<BoundariesPlansTable>) {
  await db
    .insertInto("boundaries_plans")
    .values(row)
    .onConflict((oc) =>
      oc.column("client_id").doUpdateSet({
        items: row.items,
        updated_by_user_id: row.updated_by_user_id ?? null,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function setBoundariesShared(db: Executor, clientId: string, shared: boolean, at: Date) {
  await db
    .insertInto("boundaries_plans")
    .values({
      client_id: clientId,
      items: "[]",
      shared_by_client: shared,
      shared_at: shared ? at : null,
      updated_by_user_id: null,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column("client_id").doUpdateSet({ shared_by_client: shared, shared_at: shared ? at : null }),
    )
    .execute();
}
