import {
  addDays,
  localDateOf,
  type SaveUrgeRequest,
  type UrgeView,
  urgeMinutes,
  urgePeak,
  urgeStats,
  uuidv7,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { z } from "zod";
import type { Actor } from "../../access/actor.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { UrgesTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { insertLedgerEvent, ledgerEventsOf } from "../ledger/ledger.repository.js";
import { summariseRows } from "../ledger/ledger.service.js";
import { loadClientContext, parseJsonList, refuseFutureDate } from "../recovery/client-context.js";
import { findLiveTrigger, findUrge, insertUrge, urgesOf } from "./urges.repository.js";

type UrgeBody = z.output<typeof SaveUrgeRequest>;

/** Phones' clocks run a little ahead; an urge may end up to this much "in the future". */
export const clockSkewMs = 2 * 60 * 1000;

type UrgeRow = Selectable<UrgesTable> & { trigger_label?: string | null };

/** The view of a stored urge. */
export function toUrgeView(row: UrgeRow): UrgeView {
  const intensities = parseJsonList<number>(row.intensities);
  const startedAt = toIso(row.started_at);
  const endedAt = toIso(row.ended_at);
  return {
    id: row.id,
    date: row.date,
    startedAt,
    endedAt,
    minutes: urgeMinutes(startedAt, endedAt),
    intensities,
    peak: row.peak,
    outcome: row.outcome as UrgeView["outcome"],
    triggerId: row.trigger_id,
    triggerLabel: row.trigger_label ?? null,
    note: row.note,
  };
}

const invalid = (field: string, message: string, title = "Some fields need attention.") =>
  new HttpProblem(400, "validation", title, undefined, [{ field, message }]);

/** True when a stored urge holds exactly what the request sends (a retry of the same submit). */
function sameUrge(row: Selectable<UrgesTable>, clientId: string, body: UrgeBody): boolean {
  return (
    row.client_id === clientId &&
    toIso(row.started_at) === new Date(body.startedAt).toISOString() &&
    toIso(row.ended_at) === new Date(body.endedAt).toISOString() &&
    row.intensities === JSON.stringify(body.intensities) &&
    row.outcome === body.outcome &&
    row.trigger_id === (body.triggerId ?? null) &&
    row.note === (body.note ?? null)
  );
}

/**
 * Logs an urge when the surfing timer ends. An urge acted on (inner circle) also adds one act to the
 * ledger in the same transaction, dated the urge's local day, unless that day is before the
 * sobriety start. Sending the same id again with the same content changes nothing (200).
 */
export async function saveUrge(
  db: Db,
  clientId: string,
  actor: Actor,
  body: UrgeBody,
  now = new Date(),
): Promise<{ created: boolean; urge: UrgeView }> {
  const input = body;
  const existing = await findUrge(db.kysely, input.id);
  if (existing) {
    if (!sameUrge(existing, clientId, input))
      throw new HttpProblem(409, "conflict", "An urge with this id was already saved with other details.");
    const [row] = (await urgesOf(db.kysely, clientId, existing.date, existing.date)).filter(
      (r) => r.id === existing.id,
    );
    return { created: false, urge: toUrgeView(row ?? existing) };
  }

  const started = new Date(input.startedAt);
  const ended = new Date(input.endedAt);
  if (ended.getTime() <= started.getTime()) throw invalid("endedAt", "The end must come after the start.");
  if (ended.getTime() > now.getTime() + clockSkewMs)
    throw invalid("endedAt", "The end cannot be in the future.", "That time has not happened yet.");

  const context = await loadClientContext(db.kysely, clientId, now);
  let triggerLabel: string | null = null;
  if (input.triggerId) {
    const trigger = await findLiveTrigger(db.kysely, clientId, input.triggerId);
    if (!trigger) throw invalid("triggerId", "Pick one of your triggers.");
    triggerLabel = trigger.label;
  }
  const date = localDateOf(started, context.timeZone);
  // Belt and braces: with the skew allowed, the start's local day can still be at most today.
  refuseFutureDate(date, addDays(context.today, 1), "startedAt");

  const row = {
    id: input.id,
    client_id: clientId,
    date,
    started_at: started,
    ended_at: ended,
    intensities: JSON.stringify(input.intensities),
    peak: urgePeak(input.intensities),
    outcome: input.outcome,
    trigger_id: input.triggerId ?? null,
    note: input.note ?? null,
    created_at: now,
  };
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await insertUrge(trx, row);
      if (input.outcome !== "inner_circle") return;
      const { startDate } = summariseRows(await ledgerEventsOf(trx, clientId), context.today);
      // An act before the sobriety start is not part of this run of days: keep the urge, not the act.
      if (startDate !== null && date < startDate) return;
      await insertLedgerEvent(trx, {
        id: uuidv7(now.getTime()),
        client_id: clientId,
        kind: "inner_circle_act",
        date,
        target_id: null,
        note: null,
        source: "urge",
        source_id: input.id,
        recorded_by_user_id: actor.userId,
        recorded_at: now,
      });
    });
  } catch (error) {
    // The same submit arrived twice at once: the other one stored it; answer as for a retry.
    if (isUniqueViolation(error)) return saveUrge(db, clientId, actor, body, now);
    throw error;
  }
  return { created: true, urge: toUrgeView({ ...row, trigger_label: triggerLabel }) };
}

/** The client's urges between two local days (default: the last 90), with their own figures. */
export async function listUrges(
  db: Db,
  clientId: string,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const context = await loadClientContext(db.kysely, clientId);
  const to = query.to ?? context.today;
  const from = query.from ?? addDays(to, -89);
  if (from > to) throw invalid("querystring.from", "Use a start on or before the end.");
  const rows = await urgesOf(db.kysely, clientId, from, to);
  const urges = rows.map(toUrgeView);
  return { urges, stats: urgeStats(urges) };
}
