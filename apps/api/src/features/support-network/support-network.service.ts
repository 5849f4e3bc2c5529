import type { ContactRole, ContactView, SaveContactRequest } from "@lantern/domain";
import type { Selectable } from "kysely";
import type { z } from "zod";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import type { SupportContactsTable } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import {
  archiveContact,
  findContact,
  insertContact,
  lastContactPosition,
  liveContactsOf,
  liveGranteesOf,
  setContactPosition,
  updateContact,
} from "./support-network.repository.js";

const notFound = () => new HttpProblem(404, "notFound", "Not found.");

function toContactView(row: Selectable<SupportContactsTable>, position: number): ContactView {
  return {
    id: row.id,
    name: row.name,
    role: row.role as ContactRole,
    phone: row.phone,
    email: row.email,
    notes: row.notes,
    availability: row.availability,
    linkedUserId: row.linked_user_id,
    position,
  };
}

/** The client's support network, first to call first (positions 1, 2, 3…). */
export async function listContacts(db: Executor, clientId: string): Promise<ContactView[]> {
  const rows = await liveContactsOf(db, clientId);
  return rows.map((row, index) => toContactView(row, index + 1));
}

/**
 * Creates (201) or changes (200) a contact under the id the app made. A linked account must be a
 * person holding a live grant on this client; another client's id is 404, like an archived one.
 */
export async function saveContact(
  db: Db,
  clientId: string,
  id: string,
  body: z.output<typeof SaveContactRequest>,
  now = new Date(),
): Promise<{ created: boolean; contact: ContactView }> {
  if (body.linkedUserId) {
    const grantees = await liveGranteesOf(db.kysely, clientId);
    if (!grantees.some((g) => g.user_id === body.linkedUserId))
      throw new HttpProblem(400, "validation", "That person is not linked to your record.", undefined, [
        { field: "linkedUserId", message: "Pick one of the people you share with." },
      ]);
  }
  const fields = {
    name: body.name,
    role: body.role,
    phone: body.phone ?? null,
    email: body.email ?? null,
    notes: body.notes || null,
    availability: body.availability || null,
    linked_user_id: body.linkedUserId ?? null,
  };
  const existing = await findContact(db.kysely, id);
  if (existing && (existing.client_id !== clientId || existing.archived_at !== null)) throw notFound();
  if (existing) await updateContact(db.kysely, clientId, id, fields, now);
  else {
    try {
      await insertContact(db.kysely, {
        id,
        client_id: clientId,
        position: (await lastContactPosition(db.kysely, clientId)) + 1,
        now,
        ...fields,
      });
    } catch (error) {
      // Saved twice at once: the other request created it, so this one becomes an update.
      if (isUniqueViolation(error)) return saveContact(db, clientId, id, body, now);
      throw error;
    }
  }
  const contacts = await listContacts(db.kysely, clientId);
  const contact = contacts.find((c) => c.id === id);
  if (!contact) throw notFound();
  return { created: !existing, contact };
}

/** Archives a contact; archiving one already archived changes nothing. Another client's id is 404. */
export async function removeContact(db: Db, clientId: string, id: string, now = new Date()) {
  const existing = await findContact(db.kysely, id);
  if (!existing || existing.client_id !== clientId) throw notFound();
  await archiveContact(db.kysely, clientId, id, now);
}

/** Sets "who to call first": the request must list exactly the live contacts, each once. */
export async function reorderContacts(db: Db, clientId: string, order: string[]): Promise<ContactView[]> {
  await db.kysely.transaction().execute(async (trx) => {
    const live = (await liveContactsOf(trx, clientId)).map((c) => c.id);
    const same =
      new Set(order).size === order.length &&
      order.length === live.length &&
      order.every((id) => live.includes(id));
    if (!same)
      throw new HttpProblem(400, "validation", "The order does not match your contacts.", undefined, [
        { field: "order", message: "List every contact in your network exactly once." },
      ]);
    for (const [index, id] of order.entries()) await setContactPosition(trx, clientId, id, index + 1);
  });
  return listContacts(db.kysely, clientId);
}
