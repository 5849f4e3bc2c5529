import type { NoteTemplateId, ServiceKind } from "./contracts.js";
import { noteTemplate } from "./contracts.js";

/** A problem with a note's input, naming the field as the API reports it. */
export interface NoteProblem {
  field: string;
  message: string;
}

/** Sections that the note's template does not have. */
export function unknownSections(template: NoteTemplateId, sections: Readonly<Record<string, string>>) {
  const known = new Set(noteTemplate(template).sections.map((section) => section.id));
  return Object.keys(sections)
    .filter((id) => !known.has(id))
    .map(
      (id): NoteProblem => ({
        field: `sections.${id}`,
        message: `A ${template.toUpperCase()} note has no such section.`,
      }),
    );
}

/** Sections still empty; a note is signed only with every section written. */
export function emptySections(template: NoteTemplateId, sections: Readonly<Record<string, string>>) {
  return noteTemplate(template)
    .sections.filter((section) => (sections[section.id] ?? "").trim() === "")
    .map(
      (section): NoteProblem => ({
        field: `sections.${section.id}`,
        message: `Write the ${section.label.toLowerCase()} section before signing.`,
      }),
    );
}

/** What a signature covers. */
export interface SignedNoteContent {
  noteId: string;
  clientId: string;
  template: NoteTemplateId;
  sessionDate: string;
  durationMinutes: number;
  serviceKind: ServiceKind;
  sections: Readonly<Record<string, string>>;
  objectiveIds: readonly string[];
  signedByUserId: string;
  signedAt: string;
}

/**
 * The exact text a note's signature hashes: one JSON document with keys in a fixed order, sections
 * in the template's order and objective ids sorted, so the same content always gives the same text.
 */
export function noteSigningText(note: SignedNoteContent): string {
  return JSON.stringify({
    kind: "lantern.progress-note.v1",
    noteId: note.noteId,
    clientId: note.clientId,
    template: note.template,
    sessionDate: note.sessionDate,
    durationMinutes: note.durationMinutes,
    serviceKind: note.serviceKind,
    sections: noteTemplate(note.template).sections.map((section) => [
      section.id,
      note.sections[section.id] ?? "",
    ]),
    objectiveIds: [...note.objectiveIds].sort(),
    signedByUserId: note.signedByUserId,
    signedAt: note.signedAt,
  });
}

/** The exact text an addendum's signature hashes; it names the note and the note's own hash. */
export function addendumSigningText(addendum: {
  addendumId: string;
  noteId: string;
  noteHash: string;
  body: string;
  authorUserId: string;
  signedAt: string;
}): string {
  return JSON.stringify({
    kind: "lantern.progress-note-addendum.v1",
    addendumId: addendum.addendumId,
    noteId: addendum.noteId,
    noteHash: addendum.noteHash,
    body: addendum.body,
    authorUserId: addendum.authorUserId,
    signedAt: addendum.signedAt,
  });
}
