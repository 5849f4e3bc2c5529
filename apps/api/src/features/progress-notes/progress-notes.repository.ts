import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { ProgressNoteAddendaTable, ProgressNotesTable } from "../../db/schema.js";

/** One note by id, whoever it belongs to (the service compares the owner). */
export async function findNote(db: Executor, id: string) {
  return db.selectFrom("progress_notes").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A client's notes, newest session first. */
export async function notesOf(db: Executor, clientId: string, signedOnly = false) {
  let query = db.selectFrom("progress_notes").selectAll().where("client_id", "=", clientId);
  if (signedOnly) query = query.where("status", "=", "signed");
  return query.orderBy("session_date", "desc").orderBy("created_at", "desc").orderBy("id", "desc").execute();
}

/** The objective ids linked to these notes. */
export async function objectivesOfNotes(db: Executor, noteIds: readonly string[]) {
  if (noteIds.length === 0) return [];
  return db
    .selectFrom("progress_note_objectives")
    .selectAll()
    .where("note_id", "in", noteIds)
    .orderBy("objective_id")
    .execute();
}

/** The addenda of these notes, oldest first. */
export async function addendaOfNotes(db: Executor, noteIds: readonly string[]) {
  if (noteIds.length === 0) return [];
  return db
    .selectFrom("progress_note_addenda")
    .selectAll()
    .where("note_id", "in", noteIds)
    .orderBy("signed_at")
    .orderBy("id")
    .execute();
}

export async function findAddendum(db: Executor, id: string) {
  return db.selectFrom("progress_note_addenda").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Users' names by id. */
export async function namesOf(db: Executor, userIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", unique).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function insertNote(db: Executor, row: Insertable<ProgressNotesTable>): Promise<void> {
  await db.insertInto("progress_notes").values(row).execute();
}

/** Replaces a note's linked objectives. */
export async function replaceObjectives(db: Executor, noteId: string, objectiveIds: readonly string[]) {
  await db.deleteFrom("progress_note_objectives").where("note_id", "=", noteId).execute();
  const unique = [...new Set(objectiveIds)];
  if (unique.length > 0)
    await db
      .insertInto("progress_note_objectives")
      .values(unique.map((objective_id) => ({ note_id: noteId, objective_id })))
      .execute();
}

/** Changes a draft; false when it was signed meanwhile (or is not this client's). */
export async function updateDraft(
  db: Executor,
  id: string,
  clientId: string,
  changes: Updateable<ProgressNotesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("progress_notes")
    .set(changes)
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertAddendum(db: Executor, row: Insertable<ProgressNoteAddendaTable>): Promise<void> {
  await db.insertInto("progress_note_addenda").values(row).execute();
}

export async function findNoteSettings(db: Executor, organisationId: string) {
  return db
    .selectFrom("note_settings")
    .select(["share_signed_notes_with_clients"])
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

export async function upsertNoteSettings(
  db: Executor,
  s: { organisationId: string; share: boolean; userId: string; now: Date },
): Promise<void> {
  await db
    .insertInto("note_settings")
    .values({
      organisation_id: s.organisationId,
      share_signed_notes_with_clients: s.share,
      updated_by_user_id: s.userId,
      updated_at: s.now,
    })
    .onConflict((oc) =>
      oc.column("organisation_id").doUpdateSet({
        share_signed_notes_with_clients: s.share,
        updated_by_user_id: s.userId,
        updated_at: s.now,
      }),
    )
    .execute();
}
