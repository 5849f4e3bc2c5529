import {
  AddendumRequest,
  CreateNoteRequest,
  NoteSettings,
  NoteSettingsRequest,
  NoteView,
  SharedNotesView,
  UpdateNoteRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord, inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import {
  addAddendum,
  createNote,
  getNoteSettings,
  listNotes,
  listSharedNotes,
  saveNoteSettings,
  signNote,
  updateNote,
} from "./progress-notes.service.js";

const NoteParams = ClientParams.extend({ noteId: z.uuid("Use a note id.") });
const OrganisationParams = z.strictObject({ organisationId: z.uuid() });

// Progress notes are staff records: the care team (and emergency access) reads them; no sharing grant
// ever does. The client reads signed notes only through /shared-notes, when their programme allows it.
const staffRead = clientRecord("progress-notes", "read", ["care-team", "break-glass"]);
const staffWrite = clientRecord("progress-notes", "write", ["care-team"]);

/** Progress notes: drafts, sign and lock, addenda, and the programme's sharing setting. */
export const progressNoteRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/progress-notes",
      {
        config: { access: staffRead },
        schema: {
          tags: ["progress-notes"],
          summary: "The client's progress notes with their addenda, newest session first",
          params: ClientParams,
          response: { 200: z.array(NoteView) },
        },
      },
      async (request) => listNotes(db, clientAccessOf(request).clientId),
    );

    app.post(
      "/api/clients/:clientId/progress-notes",
      {
        config: { access: staffWrite },
        schema: {
          tags: ["progress-notes"],
          summary: "Start a progress note as a draft (the same id again changes nothing)",
          params: ClientParams,
          body: CreateNoteRequest,
          response: { 200: NoteView, 201: NoteView },
        },
      },
      async (request, reply) => {
        const { created, note } = await createNote(
          db,
          clientAccessOf(request).clientId,
          request.actor!,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(note);
      },
    );

    app.put(
      "/api/clients/:clientId/progress-notes/:noteId",
      {
        config: { access: staffWrite },
        schema: {
          tags: ["progress-notes"],
          summary: "Change a draft (its author only; a signed note answers 409)",
          params: NoteParams,
          body: UpdateNoteRequest,
          response: { 200: NoteView },
        },
      },
      async (request) =>
        updateNote(db, clientAccessOf(request).clientId, request.params.noteId, request.actor!, request.body),
    );

    app.post(
      "/api/clients/:clientId/progress-notes/:noteId/sign",
      {
        config: { access: staffWrite },
        schema: {
          tags: ["progress-notes"],
          summary: "Sign and lock a draft (its author only): who, when and a SHA-256 of the content",
          params: NoteParams,
          response: { 200: NoteView },
        },
      },
      async (request) =>
        signNote(db, clientAccessOf(request).clientId, request.params.noteId, request.actor!),
    );

    app.post(
      "/api/clients/:clientId/progress-notes/:noteId/addenda",
      {
        config: { access: staffWrite },
        schema: {
          tags: ["progress-notes"],
          summary: "Append a signed addendum to a signed note (the same id again changes nothing)",
          params: NoteParams,
          body: AddendumRequest,
          response: { 200: NoteView, 201: NoteView },
        },
      },
      async (request, reply) => {
        const { created, note } = await addAddendum(
          db,
          clientAccessOf(request).clientId,
          request.params.noteId,
          request.actor!,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(note);
      },
    );

    app.get(
      "/api/clients/:clientId/shared-notes",
      {
        config: { access: clientRecord("progress-notes", "read", ["self"]) },
        schema: {
          tags: ["progress-notes"],
          summary: "For the client: their signed notes, only while the programme shares them",
          params: ClientParams,
          response: { 200: SharedNotesView },
        },
      },
      async (request) => {
        const { clientId, organisationId } = clientAccessOf(request);
        return listSharedNotes(db, clientId, organisationId);
      },
    );

    app.get(
      "/api/organisations/:organisationId/note-settings",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["progress-notes"],
          summary: "Whether the programme shares signed notes with its clients",
          params: OrganisationParams,
          response: { 200: NoteSettings },
        },
      },
      async (request) => getNoteSettings(db.kysely, request.params.organisationId),
    );

    app.put(
      "/api/organisations/:organisationId/note-settings",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["progress-notes"],
          summary: "Choose whether signed notes are shared with clients (off by default)",
          params: OrganisationParams,
          body: NoteSettingsRequest,
          response: { 200: NoteSettings },
        },
      },
      async (request) =>
        saveNoteSettings(db.kysely, request.params.organisationId, request.actor!.userId, request.body),
    );
  };
