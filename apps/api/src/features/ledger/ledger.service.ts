import {
  type ActTerm,
  type LedgerEvent,
  type LedgerEventRequest,
  type LedgerEventView,
  type LedgerView,
  type RecoverySettings,
  summariseLedger,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { z } from "zod";
import type { Relationship } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import type { LedgerEventsTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { defaultRecoverySettings, loadClientContext, refuseFutureDate } from "../recovery/client-context.js";
import {
  findLedgerEvent,
  findRecoverySettings,
  insertLedgerEvent,
  ledgerEventsOf,
  upsertRecoverySettings,
} from "./ledger.repository.js";

type Row = Pick<Selectable<LedgerEventsTable>, "id" | "kind" | "date" | "target_id" | "recorded_at">;

/** Maps stored rows to the domain's ledger events (rows of unknown kind are skipped). */
export function toLedgerEvents(rows: readonly Row[]): LedgerEvent[] {
  return rows.flatMap((r): LedgerEvent[] => {
    const recordedAt = toIso(r.recorded_at);
    if (r.kind === "void" && r.target_id)
      return [{ id: r.id, kind: "void", targetId: r.target_id, recordedAt }];
    if ((r.kind === "sobriety_start" || r.kind === "inner_circle_act") && r.date)
      return [{ id: r.id, kind: r.kind, date: r.date, recordedAt }];
    return [];
  });
}

/** The ledger summary on the client's `today` from stored rows. */
export function summariseRows(rows: readonly Row[], today: string) {
  return summariseLedger(toLedgerEvents(rows), today);
}

type EventRow = Selectable<LedgerEventsTable> & { recorded_by_name: string };

/** Ids of events a live correction has voided. */
export function voidedIds(
  rows: readonly Pick<Selectable<LedgerEventsTable>, "kind" | "target_id">[],
): Set<string> {
  return new Set(rows.flatMap((r) => (r.kind === "void" && r.target_id ? [r.target_id] : [])));
}

/** Stored events as the API shows them, newest first, each marked when a correction voided it. */
export function toEventViews(rows: readonly EventRow[]): z.infer<typeof LedgerEventView>[] {
  const voided = voidedIds(rows);
  return [...rows].reverse().map((r) => ({
    id: r.id,
    kind: r.kind as "sobriety_start" | "inner_circle_act" | "void",
    date: r.date,
    targetId: r.target_id,
    note: r.note,
    source: r.source as "manual" | "check_in" | "urge",
    recordedAt: toIso(r.recorded_at),
    recordedBy: r.recorded_by_name,
    voided: voided.has(r.id),
  }));
}

/** The client's ledger: words, summary and (except for grant holders, who see the summary only) events. */
export async function getLedgerView(db: Executor, clientId: string, via: Relationship): Promise<LedgerView> {
  const ctx = await loadClientContext(db, clientId);
  const rows = await ledgerEventsOf(db, clientId);
  return {
    today: ctx.today,
    timeZone: ctx.timeZone,
    settings: ctx.settings,
    summary: summariseRows(rows, ctx.today),
    events: via === "grant" ? [] : toEventViews(rows),
  };
}

type NewEvent = z.output<typeof LedgerEventRequest>;

const fieldError = (field: string, title: string, message: string) =>
  new HttpProblem(400, "validation", title, undefined, [{ field, message }]);

/** True when a stored event is exactly what the request asks for (a retried submission). */
function sameEvent(row: Selectable<LedgerEventsTable>, clientId: string, event: NewEvent): boolean {
  return (
    row.client_id === clientId &&
    row.kind === event.kind &&
    row.source === "manual" &&
    row.date === ("date" in event ? event.date : null) &&
    row.target_id === ("targetId" in event ? event.targetId : null) &&
    row.note === (event.note ?? null)
  );
}

const idTaken = () =>
  new HttpProblem(
    409,
    "conflict",
    "That id is already used by a different entry.",
    "Make a new id for a new entry; resend the same entry unchanged to retry it.",
  );

/**
 * Appends one event the client entered. A retry of the same event (same id, same content) changes
 * nothing and answers `created: false`; the same id with other content is a conflict.
 */
export async function recordLedgerEvent(
  db: Db,
  clientId: string,
  userId: string,
  event: NewEvent,
): Promise<{ created: boolean }> {
  const ctx = await loadClientContext(db.kysely, clientId);
  const retried = await findLedgerEvent(db.kysely, event.id);
  if (retried) {
    if (sameEvent(retried, clientId, event)) return { created: false };
    throw idTaken();
  }
  if (event.kind !== "void") refuseFutureDate(event.date, ctx.today);
  try {
    await db.kysely.transaction().execute(async (trx) => {
      const rows = await ledgerEventsOf(trx, clientId);
      if (event.kind === "inner_circle_act") {
        const start = summariseRows(rows, ctx.today).startDate;
        if (start !== null && event.date < start)
          throw fieldError(
            "date",
            "That day is before your current start date.",
            `Use your start date (${start}) or a later day.`,
          );
      }
      if (event.kind === "void") {
        const target = rows.find((r) => r.id === event.targetId);
        const voided = voidedIds(rows);
        if (!target || target.kind === "void" || voided.has(target.id))
          throw fieldError(
            "targetId",
            "There is nothing to correct there.",
            "Name an entry of this ledger that has not been corrected already.",
          );
      }
      await insertLedgerEvent(trx, {
        id: event.id,
        client_id: clientId,
        kind: event.kind,
        date: event.kind === "void" ? null : event.date,
        target_id: event.kind === "void" ? event.targetId : null,
        note: event.note ?? null,
        source: "manual",
        source_id: null,
        recorded_by_user_id: userId,
        recorded_at: new Date(),
      });
    });
  } catch (error) {
    // Two copies of one submission racing: the loser answers like a retry.
    if (!isUniqueViolation(error)) throw error;
    const row = await findLedgerEvent(db.kysely, event.id);
    if (row && sameEvent(row, clientId, event)) return { created: false };
    throw idTaken();
  }
  return { created: true };
}

/** The programme's words for the ledger (Lantern's defaults until it chooses its own). */
export async function getRecoverySettings(db: Executor, organisationId: string): Promise<RecoverySettings> {
  const row = await findRecoverySettings(db, organisationId);
  return row ? { actTerm: row.act_term as ActTerm, streakLabel: row.streak_label } : defaultRecoverySettings;
}

/** Sets the programme's words for the ledger. */
export async function saveRecoverySettings(
  db: Executor,
  organisationId: string,
  userId: string,
  settings: RecoverySettings,
): Promise<RecoverySettings> {
  await upsertRecoverySettings(db, { organisationId, userId, now: new Date(), ...settings });
  return getRecoverySettings(db, organisationId);
}
