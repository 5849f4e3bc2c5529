import type { Insertable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { JournalEntriesTable } from "../../db/schema.js";

/** One entry by id, whoever it belongs to (the service compares the owner). */
export async function findJournalEntry(db: Executor, id: string) {
  return db.selectFrom("journal_entries").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Stores a new entry. */
export async function insertJournalEntry(db: Executor, row: Insertable<JournalEntriesTable>): Promise<void> {
  await db.insertInto("journal_entries").values(row).execute();
}

/** Changes an entry of this client. */
export async function updateJournalEntry(
  db: Executor,
  clientId: string,
  id: string,
  changes: {
    prompt: string;
    body: string;
    shared_with_care_team: boolean;
    shared_with_supporters: boolean;
    updated_at: Date;
  },
): Promise<void> {
  await db
    .updateTable("journal_entries")
    .set(changes)
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .execute();
}

/** A client's entries, newest first; only the shared ones when `sharedOnly`. */
export async function journalEntriesOf(db: Executor, clientId: string, sharedOnly: boolean) {
  let query = db.selectFrom("journal_entries").selectAll().where("client_id", "=", clientId);
  if (sharedOnly) query = query.where("shared_with_care_team", "=", true);
  return query.orderBy("created_at", "desc").orderBy("id", "desc").execute();
}

/** Entries the client picked for the people holding a "journal" grant, newest first. */
export async function supporterJournalEntriesOf(db: Executor, clientId: string) {
  return db
    .selectFrom("journal_entries")
    .select(["id", "prompt", "body", "created_at"])
    .where("client_id", "=", clientId)
    .where("shared_with_supporters", "=", true)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}
