import type { Executor } from "../../db/executor.js";

/** One contact by id, whoever it belongs to (the service compares the owner). */
export async function findContact(db: Executor, id: string) {
  return db.selectFrom("support_contacts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The client's live contacts, first to call first. */
export async function liveContactsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("support_contacts")
    .selectAll()
    .where("client_id", "=", clientId)
    .where("archived_at", "is", null)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The last position in use (archived contacts included), so a new contact goes last. */
export async function lastContactPosition(db: Executor, clientId: string): Promise<number> {
  const row = await db
    .selectFrom("support_contacts")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return Number(row?.position ?? 0);
}

export interface ContactFields {
  name: string;
  role: string;
  phone: string | null;
  email: string | null;
  notes: string | null;
  availability: string | null;
  linked_user_id: string | null;
}

/** Adds a contact at a position. */
export async function insertContact(
  db: Executor,
  c: ContactFields & { id: string; client_id: string; position: number; now: Date },
): Promise<void> {
  const { now, ...fields } = c;
  await db
    .insertInto("support_contacts")
    .values({ ...fields, created_at: now, updated_at: now, archived_at: null })
    .execute();
}

/** Changes a live contact of this client. */
export async function updateContact(
  db: Executor,
  clientId: string,
  id: string,
  fields: ContactFields,
  now: Date,
): Promise<void> {
  await db
    .updateTable("support_contacts")
    .set({ ...fields, updated_at: now })
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .execute();
}

/** Archives a contact of this client (outreach calls keep pointing at it). */
export async function archiveContact(db: Executor, clientId: string, id: string, now: Date) {
  await db
    .updateTable("support_contacts")
    .set({ archived_at: now })
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .where("archived_at", "is", null)
    .execute();
}

/** Sets one contact's position. */
export async function setContactPosition(db: Executor, clientId: string, id: string, position: number) {
  await db
    .updateTable("support_contacts")
    .set({ position })
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .execute();
}

/** People holding a live grant on the client, with the scopes of each grant. */
export async function liveGranteesOf(db: Executor, clientId: string) {
  return db
    .selectFrom("grants")
    .innerJoin("users", "users.id", "grants.grantee_user_id")
    .select(["grants.id as grant_id", "users.id as user_id", "users.name", "users.email", "grants.scopes"])
    .where("grants.client_id", "=", clientId)
    .where("grants.revoked_at", "is", null)
    .orderBy("grants.created_at")
    .execute();
}
