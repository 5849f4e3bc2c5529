import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type {
  GroupAttendanceTable,
  GroupMemberNotesTable,
  GroupSessionsTable,
  GroupsTable,
} from "../../db/schema.js";

export type GroupRow = Selectable<GroupsTable>;
export type GroupSessionRow = Selectable<GroupSessionsTable>;

export async function groupsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("groups")
    .innerJoin("tracks", "tracks.id", "groups.track_id")
    .selectAll("groups")
    .select([
      "tracks.name as track_name",
      "tracks.kind as track_kind",
      "tracks.csb_dedicated",
      "tracks.gender_designation",
    ])
    .where("groups.organisation_id", "=", organisationId)
    .orderBy("groups.name")
    .orderBy("groups.id")
    .execute();
}

/** A group with its track's kind and gender designation. */
export async function findGroup(db: Executor, id: string) {
  return db
    .selectFrom("groups")
    .innerJoin("tracks", "tracks.id", "groups.track_id")
    .selectAll("groups")
    .select(["tracks.name as track_name", "tracks.kind as track_kind", "tracks.gender_designation"])
    .where("groups.id", "=", id)
    .executeTakeFirst();
}

export async function insertGroup(
  db: Executor,
  row: Insertable<GroupsTable>,
  facilitators: readonly string[],
) {
  await db.insertInto("groups").values(row).execute();
  await db
    .insertInto("group_facilitators")
    .values(facilitators.map((user_id) => ({ group_id: row.id, user_id })))
    .execute();
}

export async function facilitatorsOf(db: Executor, groupIds: readonly string[]) {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom("group_facilitators")
    .innerJoin("users", "users.id", "group_facilitators.user_id")
    .select(["group_facilitators.group_id", "group_facilitators.user_id", "users.name"])
    .where("group_facilitators.group_id", "in", groupIds)
    .orderBy("users.name")
    .execute();
}

export async function membersOf(db: Executor, groupIds: readonly string[]) {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom("group_members")
    .innerJoin("clients", "clients.id", "group_members.client_id")
    .innerJoin("users", "users.id", "clients.user_id")
    .select(["group_members.group_id", "group_members.client_id", "group_members.added_on", "users.name"])
    .where("group_members.group_id", "in", groupIds)
    .orderBy("users.name")
    .orderBy("group_members.client_id")
    .execute();
}

export async function findMember(db: Executor, groupId: string, clientId: string) {
  return db
    .selectFrom("group_members")
    .selectAll()
    .where("group_id", "=", groupId)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
}

export async function insertMember(
  db: Executor,
  row: { group_id: string; client_id: string; added_on: string; added_by_user_id: string; created_at: Date },
) {
  await db.insertInto("group_members").values(row).execute();
}

/** Clinicians and admins of the programme (who may facilitate). */
export async function staffOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id as user_id", "users.name"])
    .where("memberships.organisation_id", "=", organisationId)
    .where("memberships.role", "in", ["clinician", "programme_admin"])
    .distinct()
    .orderBy("users.name")
    .execute();
}

export async function clientsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select(["clients.id as client_id", "users.name"])
    .where("clients.organisation_id", "=", organisationId)
    .orderBy("users.name")
    .orderBy("clients.id")
    .execute();
}

/** A client with what membership rules need: programme, gender for placement and name. */
export async function clientForGroup(db: Executor, clientId: string) {
  return db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select(["clients.id", "clients.organisation_id", "clients.placement_gender", "users.name"])
    .where("clients.id", "=", clientId)
    .executeTakeFirst();
}

/** The client's open episode, or the newest one, for the residential-group rule. */
export async function latestEpisode(db: Executor, clientId: string) {
  return db
    .selectFrom("episodes")
    .select(["id", "admitted_on", "discharged_on"])
    .where("client_id", "=", clientId)
    .orderBy("admitted_on", "desc")
    .orderBy("created_at", "desc")
    .execute();
}

export async function sessionsOf(db: Executor, groupId: string) {
  return db
    .selectFrom("group_sessions")
    .select(["id", "held_on", "topic"])
    .where("group_id", "=", groupId)
    .orderBy("held_on", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function findSession(db: Executor, id: string) {
  return db.selectFrom("group_sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertSession(db: Executor, row: Insertable<GroupSessionsTable>) {
  await db.insertInto("group_sessions").values(row).execute();
}

export async function attendanceOf(db: Executor, sessionId: string) {
  return db.selectFrom("group_attendance").selectAll().where("session_id", "=", sessionId).execute();
}

export async function upsertAttendance(db: Executor, row: Insertable<GroupAttendanceTable>) {
  await db
    .insertInto("group_attendance")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["session_id", "client_id"]).doUpdateSet({
        status: row.status,
        recorded_by_user_id: row.recorded_by_user_id,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function notesOf(db: Executor, sessionId: string) {
  return db.selectFrom("group_member_notes").selectAll().where("session_id", "=", sessionId).execute();
}

export async function upsertNote(db: Executor, row: Insertable<GroupMemberNotesTable>) {
  await db
    .insertInto("group_member_notes")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["session_id", "client_id"]).doUpdateSet({
        text: row.text,
        objective_ids: row.objective_ids,
        written_by_user_id: row.written_by_user_id,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** The newest treatment-plan version's content (JSON) per client: their current plan. */
export async function currentPlanContents(db: Executor, clientIds: readonly string[]) {
  if (clientIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("treatment_plan_versions")
    .select(["client_id", "version", "content"])
    .where("client_id", "in", clientIds)
    .orderBy("version", "desc")
    .execute();
  const current = new Map<string, string>();
  for (const row of rows) if (!current.has(row.client_id)) current.set(row.client_id, row.content);
  return current;
}
