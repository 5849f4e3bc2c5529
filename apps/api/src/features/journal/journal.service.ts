import type { JournalEntryView, JournalPrompt, SaveJournalEntryRequest } from "@lantern/domain";
import type { Selectable } from "kysely";
import type { z } from "zod";
import type { Relationship } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { JournalEntriesTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { toBool } from "../recovery/client-context.js";
import {
  findJournalEntry,
  insertJournalEntry,
  journalEntriesOf,
  updateJournalEntry,
} from "./journal.repository.js";

type EntryBody = z.output<typeof SaveJournalEntryRequest>;

function toEntryView(row: Selectable<JournalEntriesTable>): JournalEntryView {
  return {
    id: row.id,
    prompt: row.prompt as JournalPrompt,
    body: row.body,
    sharedWithCareTeam: toBool(row.shared_with_care_team),
    sharedWithSupporters: toBool(row.shared_with_supporters),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Saves an entry under the id the app made (201 new, 200 changed). Another client's id is 404. */
export async function saveJournalEntry(
  db: Db,
  clientId: string,
  id: string,
  body: EntryBody,
  now = new Date(),
): Promise<{ created: boolean; entry: JournalEntryView }> {
  const existing = await findJournalEntry(db.kysely, id);
  if (existing && existing.client_id !== clientId) throw new HttpProblem(404, "notFound", "Not found.");
  const fields = {
    prompt: body.prompt,
    body: body.body,
    shared_with_care_team: body.sharedWithCareTeam,
    shared_with_supporters: body.sharedWithSupporters ?? false,
  };
  if (existing) await updateJournalEntry(db.kysely, clientId, id, { ...fields, updated_at: now });
  else {
    try {
      await insertJournalEntry(db.kysely, {
        id,
        client_id: clientId,
        ...fields,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      // Saved twice at once: the other request created it, so this one becomes an update.
      if (isUniqueViolation(error)) return saveJournalEntry(db, clientId, id, body, now);
      throw error;
    }
  }
  const row = await findJournalEntry(db.kysely, id);
  if (!row) throw new HttpProblem(404, "notFound", "Not found.");
  return { created: !existing, entry: toEntryView(row) };
}

/** The client's entries, newest first: all of them for the client, only shared ones for staff. */
export async function listJournal(db: Db, clientId: string, via: Relationship): Promise<JournalEntryView[]> {
  return (await journalEntriesOf(db.kysely, clientId, via !== "self")).map(toEntryView);
}
