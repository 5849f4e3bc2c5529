import {
  addDays,
  localDateOf,
  type OutreachLog,
  type OutreachView,
  type SaveOutreachRequest,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { z } from "zod";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import type { OutreachCallsTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { loadClientContext } from "../recovery/client-context.js";
import { findContact } from "../support-network/support-network.repository.js";
import { clockSkewMs } from "../urges/urges.service.js";
import {
  findOutreachCall,
  insertOutreachCall,
  outreachCallsOf,
  outreachCountsSince,
} from "./outreach.repository.js";

/** Weeks in the summary, this one included. */
export const summaryWeeks = 12;

/** The Monday of the week a local day falls in. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

function toView(row: Selectable<OutreachCallsTable>): OutreachView {
  return {
    id: row.id,
    contactId: row.contact_id,
    name: row.name,
    direction: row.direction as "made" | "received",
    at: toIso(row.at),
    date: row.date,
    note: row.note,
  };
}

/** The outreach log: recent calls, newest first, and calls per Monday-first week in the client's zone. */
export async function getOutreachLog(db: Executor, clientId: string): Promise<OutreachLog> {
  const ctx = await loadClientContext(db, clientId);
  const thisWeek = mondayOf(ctx.today);
  const firstWeek = addDays(thisWeek, -7 * (summaryWeeks - 1));
  const [calls, counts] = await Promise.all([
    outreachCallsOf(db, clientId, 200),
    outreachCountsSince(db, clientId, firstWeek),
  ]);
  const weeks = Array.from({ length: summaryWeeks }, (_, i) => ({
    weekStart: addDays(thisWeek, -7 * i),
    made: 0,
    received: 0,
  }));
  for (const c of counts) {
    const week = weeks.find((w) => w.weekStart === mondayOf(c.date));
    if (week && (c.direction === "made" || c.direction === "received")) week[c.direction] += Number(c.n);
  }
  return { calls: calls.map(toView), weeks };
}

const fieldError = (field: string, title: string, message: string) =>
  new HttpProblem(400, "validation", title, undefined, [{ field, message }]);

/**
 * Logs a call under the id the app made (201; the same id again answers 200 with the stored call).
 * Not in the future; a contact must be a live one of this client; without one, a name is needed.
 */
export async function saveOutreach(
  db: Db,
  clientId: string,
  body: z.output<typeof SaveOutreachRequest>,
  now = new Date(),
): Promise<{ created: boolean; call: OutreachView }> {
  const existing = await findOutreachCall(db.kysely, body.id);
  if (existing) {
    if (existing.client_id !== clientId) throw new HttpProblem(404, "notFound", "Not found.");
    return { created: false, call: toView(existing) };
  }
  const at = new Date(body.at);
  if (at.getTime() > now.getTime() + clockSkewMs)
    throw fieldError("at", "That time has not happened yet.", "Use a time that has passed.");
  let name = body.name?.trim() ?? "";
  if (body.contactId) {
    const contact = await findContact(db.kysely, body.contactId);
    if (!contact || contact.client_id !== clientId || contact.archived_at !== null)
      throw fieldError("contactId", "That person is not in your network.", "Pick someone from your network.");
    name = contact.name;
  } else if (name === "")
    throw fieldError(
      "name",
      "Who was the call with?",
      "Write their name, or pick someone from your network.",
    );
  const ctx = await loadClientContext(db.kysely, clientId, now);
  try {
    await insertOutreachCall(db.kysely, {
      id: body.id,
      client_id: clientId,
      contact_id: body.contactId ?? null,
      name,
      direction: body.direction,
      at,
      date: localDateOf(at, ctx.timeZone),
      note: body.note || null,
      created_at: now,
    });
  } catch (error) {
    // The same call sent twice at once: the other request logged it.
    if (isUniqueViolation(error)) return saveOutreach(db, clientId, body, now);
    throw error;
  }
  const row = await findOutreachCall(db.kysely, body.id);
  if (!row) throw new HttpProblem(404, "notFound", "Not found.");
  return { created: true, call: toView(row) };
}
