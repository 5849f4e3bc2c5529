import { createHash } from "node:crypto";
import {
  type AddendumRequest,
  type AddendumView,
  addendumSigningText,
  type CreateNoteRequest,
  emptySections,
  type NoteSettings,
  type NoteView,
  noteSigningText,
  type SharedNotesView,
  type UpdateNoteRequest,
  unknownSections,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import type { ProgressNoteAddendaTable, ProgressNotesTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { type FieldError, HttpProblem } from "../../http/problem.js";
import { loadClientContext, refuseFutureDate, toBool } from "../recovery/client-context.js";
import { planObjectivesOf } from "../treatment-plans/treatment-plans.service.js";
import {
  addendaOfNotes,
  findAddendum,
  findNote,
  findNoteSettings,
  insertAddendum,
  insertNote,
  namesOf,
  notesOf,
  objectivesOfNotes,
  replaceObjectives,
  updateDraft,
  upsertNoteSettings,
} from "./progress-notes.repository.js";

type NoteRow = Selectable<ProgressNotesTable>;
type AddendumRow = Selectable<ProgressNoteAddendaTable>;

const notFound = () => new HttpProblem(404, "notFound", "Not found.");
const invalid = (errors: FieldError[], title = "Some fields need attention.") =>
  new HttpProblem(400, "validation", title, undefined, errors);
const locked = () =>
  new HttpProblem(
    409,
    "conflict",
    "This note is signed and locked.",
    "A signed note cannot change; add an addendum instead.",
  );
const notAuthor = () =>
  new HttpProblem(403, "forbidden", "Only the note's author can change or sign this draft.");

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function parseSections(stored: string): Record<string, string> {
  const parsed: unknown = JSON.parse(stored);
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, string>) : {};
}

/** Notes as views, with their objectives, addenda and the names of the people involved. */
async function toViews(db: Executor, rows: NoteRow[]): Promise<NoteView[]> {
  const ids = rows.map((row) => row.id);
  const [objectives, addenda, planObjectives] = await Promise.all([
    objectivesOfNotes(db, ids),
    addendaOfNotes(db, ids),
    objectiveDescriptions(db, rows),
  ]);
  const names = await namesOf(db, [
    ...rows.map((row) => row.author_user_id),
    ...rows.flatMap((row) => (row.signed_by_user_id ? [row.signed_by_user_id] : [])),
    ...addenda.map((a) => a.author_user_id),
  ]);
  return rows.map((row) => ({
    id: row.id,
    template: row.template,
    sessionDate: row.session_date,
    durationMinutes: row.duration_minutes,
    serviceKind: row.service_kind,
    sections: parseSections(row.sections),
    objectiveIds: objectives.filter((o) => o.note_id === row.id).map((o) => o.objective_id),
    objectives: objectives
      .filter((o) => o.note_id === row.id)
      .map((o) => ({
        id: o.objective_id,
        description: planObjectives.get(row.client_id)?.get(o.objective_id) ?? "",
      })),
    status: row.status,
    authorUserId: row.author_user_id,
    author: names.get(row.author_user_id) ?? "",
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    signedBy: row.signed_by_user_id ? (names.get(row.signed_by_user_id) ?? "") : null,
    signedAt: row.signed_at ? toIso(row.signed_at) : null,
    contentHash: row.content_hash,
    addenda: addenda.filter((a) => a.note_id === row.id).map((a) => addendumView(a, names)),
  }));
}

/** The plan objectives' descriptions for the clients of these notes (client id → objective id → text). */
async function objectiveDescriptions(db: Executor, rows: NoteRow[]) {
  const clients = [...new Set(rows.map((row) => row.client_id))];
  const found = await Promise.all(clients.map((clientId) => planObjectivesOf(db, clientId)));
  return new Map(clients.map((clientId, index) => [clientId, found[index] ?? new Map<string, string>()]));
}

function addendumView(row: AddendumRow, names: Map<string, string>): AddendumView {
  return {
    id: row.id,
    body: row.body,
    author: names.get(row.author_user_id) ?? "",
    signedAt: toIso(row.signed_at),
    contentHash: row.content_hash,
  };
}

async function oneView(db: Executor, id: string): Promise<NoteView> {
  const row = await findNote(db, id);
  if (!row) throw notFound();
  const [view] = await toViews(db, [row]);
  if (!view) throw notFound();
  return view;
}

async function noteOf(db: Db, clientId: string, noteId: string): Promise<NoteRow> {
  const row = await findNote(db.kysely, noteId);
  if (!row || row.client_id !== clientId) throw notFound();
  return row;
}

/**
 * Sections must belong to the template; the linked objectives must be objectives of the client's
 * treatment plan (any version); the session cannot be in the client's future.
 */
async function checkFields(db: Db, clientId: string, body: UpdateNoteRequest, now: Date) {
  const problems = unknownSections(body.template, body.sections);
  if (problems.length > 0) throw invalid(problems, "That section does not belong to this template.");
  if (body.objectiveIds.length > 0) {
    const objectives = await planObjectivesOf(db.kysely, clientId);
    const unknown = body.objectiveIds.flatMap((id, index) =>
      objectives.has(id)
        ? []
        : [{ field: `objectiveIds.${index}`, message: "Pick an objective of this client's treatment plan." }],
    );
    if (unknown.length > 0) throw invalid(unknown, "That objective is not in this client's plan.");
  }
  const { today } = await loadClientContext(db.kysely, clientId, now);
  refuseFutureDate(body.sessionDate, today, "sessionDate");
}

/** The client's notes, newest session first (staff only). */
export async function listNotes(db: Db, clientId: string): Promise<NoteView[]> {
  return toViews(db.kysely, await notesOf(db.kysely, clientId));
}

/**
 * A member of the care team starts a note as a draft. The same id again from the same author for the
 * same client changes nothing (200); the same id with other details is refused (409).
 */
export async function createNote(
  db: Db,
  clientId: string,
  actor: Actor,
  body: CreateNoteRequest,
  now = new Date(),
): Promise<{ created: boolean; note: NoteView }> {
  const existing = await findNote(db.kysely, body.id);
  if (existing) {
    if (
      existing.client_id !== clientId ||
      existing.author_user_id !== actor.userId ||
      existing.template !== body.template
    )
      throw new HttpProblem(409, "conflict", "A note with this id was already written with other details.");
    return { created: false, note: await oneView(db.kysely, existing.id) };
  }
  await checkFields(db, clientId, body, now);
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await insertNote(trx, {
        id: body.id,
        client_id: clientId,
        author_user_id: actor.userId,
        template: body.template,
        session_date: body.sessionDate,
        duration_minutes: body.durationMinutes,
        service_kind: body.serviceKind,
        sections: JSON.stringify(body.sections),
        status: "draft",
        signed_by_user_id: null,
        signed_at: null,
        content_hash: null,
        created_at: now,
        updated_at: now,
      });
      await replaceObjectives(trx, body.id, body.objectiveIds);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return createNote(db, clientId, actor, body, now);
    throw error;
  }
  return { created: true, note: await oneView(db.kysely, body.id) };
}

/** The author changes their draft; a signed note is locked (409). */
export async function updateNote(
  db: Db,
  clientId: string,
  noteId: string,
  actor: Actor,
  body: UpdateNoteRequest,
  now = new Date(),
): Promise<NoteView> {
  const row = await noteOf(db, clientId, noteId);
  if (row.status === "signed") throw locked();
  if (row.author_user_id !== actor.userId) throw notAuthor();
  await checkFields(db, clientId, body, now);
  const changed = await db.kysely.transaction().execute(async (trx) => {
    const updated = await updateDraft(trx, noteId, clientId, {
      template: body.template,
      session_date: body.sessionDate,
      duration_minutes: body.durationMinutes,
      service_kind: body.serviceKind,
      sections: JSON.stringify(body.sections),
      updated_at: now,
    });
    if (updated) await replaceObjectives(trx, noteId, body.objectiveIds);
    return updated;
  });
  if (!changed) throw locked();
  return oneView(db.kysely, noteId);
}

/**
 * The author signs: every section must be written. The signature records who, when and the SHA-256
 * of the signed content; the note is locked from then on.
 */
export async function signNote(
  db: Db,
  clientId: string,
  noteId: string,
  actor: Actor,
  now = new Date(),
): Promise<NoteView> {
  const row = await noteOf(db, clientId, noteId);
  if (row.status === "signed") throw locked();
  if (row.author_user_id !== actor.userId) throw notAuthor();
  const sections = parseSections(row.sections);
  const empty = emptySections(row.template, sections);
  if (empty.length > 0) throw invalid(empty, "Every section needs writing before the note is signed.");
  const objectives = await objectivesOfNotes(db.kysely, [noteId]);
  const signedAt = now.toISOString();
  const hash = sha256(
    noteSigningText({
      noteId,
      clientId,
      template: row.template,
      sessionDate: row.session_date,
      durationMinutes: row.duration_minutes,
      serviceKind: row.service_kind,
      sections,
      objectiveIds: objectives.map((o) => o.objective_id),
      signedByUserId: actor.userId,
      signedAt,
    }),
  );
  const signed = await updateDraft(db.kysely, noteId, clientId, {
    status: "signed",
    signed_by_user_id: actor.userId,
    signed_at: now,
    content_hash: hash,
    updated_at: now,
  });
  if (!signed) throw locked();
  return oneView(db.kysely, noteId);
}

/**
 * A member of the care team appends an addendum to a signed note. Each is signed (who, when, SHA-256
 * over its text, the note and the note's hash) and never edited. The same id again changes nothing.
 */
export async function addAddendum(
  db: Db,
  clientId: string,
  noteId: string,
  actor: Actor,
  body: AddendumRequest,
  now = new Date(),
): Promise<{ created: boolean; note: NoteView }> {
  const row = await noteOf(db, clientId, noteId);
  const existing = await findAddendum(db.kysely, body.id);
  if (existing) {
    if (
      existing.note_id !== noteId ||
      existing.author_user_id !== actor.userId ||
      existing.body !== body.body
    )
      throw new HttpProblem(
        409,
        "conflict",
        "An addendum with this id was already added with other details.",
      );
    return { created: false, note: await oneView(db.kysely, noteId) };
  }
  if (row.status !== "signed" || !row.content_hash)
    throw new HttpProblem(
      409,
      "conflict",
      "This note is still a draft.",
      "Addenda are for signed notes; edit the draft instead.",
    );
  const signedAt = now.toISOString();
  const hash = sha256(
    addendumSigningText({
      addendumId: body.id,
      noteId,
      noteHash: row.content_hash,
      body: body.body,
      authorUserId: actor.userId,
      signedAt,
    }),
  );
  try {
    await insertAddendum(db.kysely, {
      id: body.id,
      note_id: noteId,
      author_user_id: actor.userId,
      body: body.body,
      content_hash: hash,
      signed_at: now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) return addAddendum(db, clientId, noteId, actor, body, now);
    throw error;
  }
  return { created: true, note: await oneView(db.kysely, noteId) };
}

/** The programme's choice; off unless an admin turned it on. */
export async function getNoteSettings(db: Executor, organisationId: string): Promise<NoteSettings> {
  const row = await findNoteSettings(db, organisationId);
  return { shareSignedNotesWithClients: row ? toBool(row.share_signed_notes_with_clients) : false };
}

export async function saveNoteSettings(
  db: Executor,
  organisationId: string,
  userId: string,
  settings: NoteSettings,
): Promise<NoteSettings> {
  await upsertNoteSettings(db, {
    organisationId,
    share: settings.shareSignedNotesWithClients,
    userId,
    now: new Date(),
  });
  return getNoteSettings(db, organisationId);
}

/**
 * What the client reads of their own notes: signed ones only, and only while their programme shares
 * signed notes with clients; otherwise an empty list that says sharing is off.
 */
export async function listSharedNotes(
  db: Db,
  clientId: string,
  organisationId: string | null,
): Promise<SharedNotesView> {
  const shared =
    organisationId !== null && (await getNoteSettings(db.kysely, organisationId)).shareSignedNotesWithClients;
  if (!shared) return { shared: false, notes: [] };
  return { shared: true, notes: await toViews(db.kysely, await notesOf(db.kysely, clientId, true)) };
}
