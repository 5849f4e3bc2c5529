import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Progress notes (drafts, then signed and locked, with appended addenda), the programme's setting for
 * sharing signed notes with clients, and recovery exercises with their reviews.
 *
 * Objective ids (progress_note_objectives.objective_id, exercise_assignments.objective_id) point at
 * treatment-plan objectives, which another feature owns; they carry NO foreign key until the plan
 * tables land and the lead wires them. Until then the API only checks they are UUIDs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("progress_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("author_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("session_date", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("service_kind", "text", (c) => c.notNull())
    .addColumn("sections", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("signed_by_user_id", "text", (c) => c.references("users.id"))
    .addColumn("signed_at", t.timestamp)
    .addColumn("content_hash", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("progress_notes_client_idx")
    .on("progress_notes")
    .columns(["client_id", "session_date"])
    .execute();

  // No foreign key on objective_id: see the comment at the top.
  await db.schema
    .createTable("progress_note_objectives")
    .addColumn("note_id", "text", (c) => c.notNull().references("progress_notes.id"))
    .addColumn("objective_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("progress_note_objectives_pk", ["note_id", "objective_id"])
    .execute();

  await db.schema
    .createTable("progress_note_addenda")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("note_id", "text", (c) => c.notNull().references("progress_notes.id"))
    .addColumn("author_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("signed_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("progress_note_addenda_note_idx")
    .on("progress_note_addenda")
    .columns(["note_id", "signed_at"])
    .execute();

  await db.schema
    .createTable("note_settings")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("share_signed_notes_with_clients", t.boolean, (c) => c.notNull())
    .addColumn("updated_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  // No foreign key on objective_id: see the comment at the top.
  await db.schema
    .createTable("exercise_assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("template_id", "text", (c) => c.notNull())
    .addColumn("objective_id", "text")
    .addColumn("assigned_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addColumn("submitted_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("exercise_assignments_client_idx")
    .on("exercise_assignments")
    .columns(["client_id", "created_at"])
    .execute();

  await db.schema
    .createTable("exercise_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("exercise_id", "text", (c) => c.notNull().references("exercise_assignments.id"))
    .addColumn("reviewer_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("exercise_reviews_exercise_idx")
    .on("exercise_reviews")
    .columns(["exercise_id", "created_at"])
    .execute();
}
