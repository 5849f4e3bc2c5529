import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Groups and the family programme (issue 8). A group belongs to a track (its dedicated flag and
 * gender designation are the track's, never copied); members, sessions with shared content, one
 * attendance and one note per member and session. A family participant is their own record, linked
 * to the client (and, once they accept the invitation, to their account through it); family sessions
 * with attendance; one boundaries plan per client with the client's own sharing switch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable("groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("track_id", "text", (c) => c.notNull().references("tracks.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("weekday", "text", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("groups_org_idx").on("groups").column("organisation_id").execute();

  await db.schema
    .createTable("group_facilitators")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("group_facilitators_pk", ["group_id", "user_id"])
    .execute();

  await db.schema
    .createTable("group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("added_on", "text", (c) => c.notNull())
    .addColumn("added_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("group_members_pk", ["group_id", "client_id"])
    .execute();
  await db.schema.createIndex("group_members_client_idx").on("group_members").column("client_id").execute();

  await db.schema
    .createTable("group_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id"))
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("group_sessions_group_idx")
    .on("group_sessions")
    .columns(["group_id", "held_on"])
    .execute();

  await db.schema
    .createTable("group_attendance")
    .addColumn("session_id", "text", (c) => c.notNull().references("group_sessions.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("recorded_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("group_attendance_pk", ["session_id", "client_id"])
    .execute();

  await db.schema
    .createTable("group_member_notes")
    .addColumn("session_id", "text", (c) => c.notNull().references("group_sessions.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("text", "text", (c) => c.notNull())
    // JSON array of the member's plan objective ids.
    .addColumn("objective_ids", "text", (c) => c.notNull())
    .addColumn("written_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("group_member_notes_pk", ["session_id", "client_id"])
    .execute();
  await db.schema
    .createIndex("group_member_notes_client_idx")
    .on("group_member_notes")
    .column("client_id")
    .execute();

  await db.schema
    .createTable("family_participants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("relationship", "text", (c) => c.notNull())
    // The invitation that gives the participant an account; its acceptance names the user.
    .addColumn("invitation_id", "text", (c) => c.references("invitations.id"))
    // JSON array of { name, givenOn }.
    .addColumn("consents", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("family_participants_client_idx")
    .on("family_participants")
    .column("client_id")
    .execute();
  await db.schema
    .createIndex("family_participants_invitation_idx")
    .on("family_participants")
    .column("invitation_id")
    .execute();

  await db.schema
    .createTable("family_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("client_attendance", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("family_sessions_client_idx")
    .on("family_sessions")
    .columns(["client_id", "held_on"])
    .execute();

  await db.schema
    .createTable("family_session_participants")
    .addColumn("session_id", "text", (c) => c.notNull().references("family_sessions.id"))
    .addColumn("participant_id", "text", (c) => c.notNull().references("family_participants.id"))
    .addColumn("attendance", "text", (c) => c.notNull())
    // Seen only by the client's care team.
    .addColumn("note", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("family_session_participants_pk", ["session_id", "participant_id"])
    .execute();

  await db.schema
    .createTable("boundaries_plans")
    .addColumn("client_id", "text", (c) => c.primaryKey().references("clients.id"))
    // JSON array of { id, text, agreed }.
    .addColumn("items", "text", (c) => c.notNull())
    .addColumn("shared_by_client", t.boolean, (c) => c.notNull())
    .addColumn("shared_at", t.timestamp)
    .addColumn("updated_by_user_id", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
}
