import {
  type CopingView,
  internalCategories,
  patternsOf,
  type SaveCopingRequest,
  type SaveTriggerRequest,
  type TriggersView,
  type TriggerView,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { z } from "zod";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { TriggersTable } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { loadClientContext, parseJsonList } from "../recovery/client-context.js";
import {
  actMomentsOf,
  archiveRow,
  findCoping,
  findTrigger,
  insertCoping,
  insertTrigger,
  liveCopingOf,
  triggersOf,
  updateCoping,
  updateTrigger,
  urgeMomentsOf,
} from "./triggers.repository.js";

type TriggerBody = z.output<typeof SaveTriggerRequest>;
type CopingBody = z.output<typeof SaveCopingRequest>;

const notFound = () => new HttpProblem(404, "notFound", "Not found.");

/** Feelings, thoughts and body states come from inside; people, places, things, times and devices from outside. */
export function kindOf(category: string): "internal" | "external" {
  return (internalCategories as readonly string[]).includes(category) ? "internal" : "external";
}

function toTriggerView(row: Selectable<TriggersTable>, liveCoping: ReadonlySet<string>): TriggerView {
  return {
    id: row.id,
    kind: kindOf(row.category),
    category: row.category as TriggerView["category"],
    label: row.label,
    // A coping strategy archived since is no longer offered.
    copingIds: parseJsonList(row.coping_ids).filter((id) => liveCoping.has(id)),
  };
}

/**
 * Adds or changes a trigger under the id the app made. Another client's id, or an archived one,
 * answers 404; every coping id must be one of the client's live strategies.
 */
export async function saveTrigger(
  db: Db,
  clientId: string,
  id: string,
  body: TriggerBody,
  now = new Date(),
): Promise<{ created: boolean; trigger: TriggerView }> {
  const existing = await findTrigger(db.kysely, id);
  if (existing && (existing.client_id !== clientId || existing.archived_at !== null)) throw notFound();
  const live = new Set((await liveCopingOf(db.kysely, clientId)).map((c) => c.id));
  const errors = body.copingIds.flatMap((copingId, index) =>
    live.has(copingId)
      ? []
      : [{ field: `copingIds.${index}`, message: "Pick one of your coping strategies." }],
  );
  if (errors.length > 0)
    throw new HttpProblem(400, "validation", "Some fields need attention.", undefined, errors);
  const copingIds = [...new Set(body.copingIds)];
  const fields = {
    id,
    clientId,
    kind: kindOf(body.category),
    category: body.category,
    label: body.label,
    copingIds,
  };
  if (existing) await updateTrigger(db.kysely, fields);
  else {
    try {
      await insertTrigger(db.kysely, { ...fields, now });
    } catch (error) {
      // Saved twice at once: the other request created it, so this one becomes an update.
      if (isUniqueViolation(error)) return saveTrigger(db, clientId, id, body, now);
      throw error;
    }
  }
  const row = await findTrigger(db.kysely, id);
  if (!row) throw notFound();
  return { created: !existing, trigger: toTriggerView(row, live) };
}

/** Adds or rewords a coping strategy under the id the app made. */
export async function saveCoping(
  db: Db,
  clientId: string,
  id: string,
  body: CopingBody,
  now = new Date(),
): Promise<{ created: boolean; coping: z.infer<typeof CopingView> }> {
  const existing = await findCoping(db.kysely, id);
  if (existing && (existing.client_id !== clientId || existing.archived_at !== null)) throw notFound();
  if (existing) await updateCoping(db.kysely, { id, clientId, text: body.text });
  else {
    try {
      await insertCoping(db.kysely, { id, clientId, text: body.text, now });
    } catch (error) {
      if (isUniqueViolation(error)) return saveCoping(db, clientId, id, body, now);
      throw error;
    }
  }
  return { created: !existing, coping: { id, text: body.text } };
}

/** Archives a trigger or coping strategy of this client (kept for history, no longer offered). */
export async function archive(
  db: Db,
  table: "triggers" | "coping_strategies",
  clientId: string,
  id: string,
  now = new Date(),
): Promise<void> {
  if (!(await archiveRow(db.kysely, table, clientId, id, now))) throw notFound();
}

/** The client's live triggers and coping strategies, and what tends to come before urges and acts. */
export async function getTriggers(db: Db, clientId: string): Promise<TriggersView> {
  const context = await loadClientContext(db.kysely, clientId);
  const [triggers, coping, urges, acts] = await Promise.all([
    triggersOf(db.kysely, clientId),
    liveCopingOf(db.kysely, clientId),
    urgeMomentsOf(db.kysely, clientId),
    actMomentsOf(db.kysely, clientId),
  ]);
  const live = new Set(coping.map((c) => c.id));
  const moment = (r: { trigger_id: string | null; started_at: Date | string }) => ({
    triggerId: r.trigger_id,
    at: r.started_at,
  });
  return {
    triggers: triggers.filter((t) => t.archived_at === null).map((t) => toTriggerView(t, live)),
    coping,
    patterns: patternsOf({
      urges: urges.map(moment),
      acts: acts.map(moment),
      triggers: triggers.map((t) => ({ id: t.id, label: t.label })),
      timeZone: context.timeZone,
    }),
  };
}
