import { addDays, caseloadFlags, type RecoveryTimeline } from "@lantern/domain";
import type { Relationship } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { toCheckInView } from "../check-ins/check-ins.service.js";
import { ledgerEventsOf } from "../ledger/ledger.repository.js";
import { summariseRows, toEventViews, voidedIds } from "../ledger/ledger.service.js";
import { slipReviewsOf } from "../slip-reviews/slip-reviews.repository.js";
import { sharedOnlyFor, toSlipReviewView } from "../slip-reviews/slip-reviews.service.js";
import { urgesOf } from "../urges/urges.repository.js";
import { toUrgeView } from "../urges/urges.service.js";
import { loadClientContext, parseJsonList } from "./client-context.js";
import { checkInsForClients } from "./recovery.repository.js";

/** Days of middle-circle history the flags compare (this week and the one before). */
export const flagWindowDays = 14;

type LedgerRow = { id: string; kind: string; date: string | null; target_id: string | null };

/** Days of inner-circle acts that no correction has voided. */
export function liveActDates(rows: readonly LedgerRow[]): string[] {
  const voided = voidedIds(rows);
  return rows.flatMap((r) => (r.kind === "inner_circle_act" && r.date && !voided.has(r.id) ? [r.date] : []));
}

/**
 * The client's recovery over the last `days` local days, for the clinician's timeline (and the client):
 * a row per day, the ledger summary, the raw records and the caseload flags. One query per table.
 * Slip reviews the client kept private are shown only to the client.
 */
export async function getTimeline(
  db: Db,
  clientId: string,
  via: Relationship,
  days: number,
  now = new Date(),
): Promise<RecoveryTimeline> {
  const context = await loadClientContext(db.kysely, clientId, now);
  const to = context.today;
  const from = addDays(to, -(days - 1));
  const flagFrom = addDays(to, -(flagWindowDays - 1));
  const [checkInRows, urgeRows, ledgerRows, reviewRows] = await Promise.all([
    checkInsForClients(db.kysely, [clientId], from < flagFrom ? from : flagFrom),
    urgesOf(db.kysely, clientId, from, to),
    ledgerEventsOf(db.kysely, clientId),
    slipReviewsOf(db.kysely, clientId, sharedOnlyFor(via)),
  ]);

  const checkIns = checkInRows.filter((c) => c.date >= from && c.date <= to).map((c) => toCheckInView(c, to));
  const byDay = new Map(checkIns.map((c) => [c.date, c]));
  const acts = liveActDates(ledgerRows);
  const actDays = new Set(acts);
  const urges = urgeRows.map(toUrgeView);

  const timeline = Array.from({ length: days }, (_, i) => {
    const date = addDays(from, i);
    const checkIn = byDay.get(date);
    const onDay = urges.filter((u) => u.date === date);
    return {
      date,
      mood: checkIn?.mood ?? null,
      stress: checkIn?.stress ?? null,
      urgeStrength: checkIn?.urgeStrength ?? null,
      middleCount: checkIn ? checkIn.middleItemIds.length : null,
      innerCircle: actDays.has(date),
      urges: onDay.length,
      urgesPassed: onDay.filter((u) => u.outcome === "passed").length,
    };
  });

  return {
    from,
    to,
    days: timeline,
    summary: summariseRows(ledgerRows, to),
    settings: context.settings,
    checkIns,
    urges,
    events: toEventViews(ledgerRows),
    slipReviews: reviewRows.map(toSlipReviewView),
    flags: caseloadFlags({
      today: to,
      lastCheckIn: checkInRows.find((c) => c.date <= to)?.date ?? null,
      middleCounts: checkInRows.map((c) => ({
        date: c.date,
        count: parseJsonList(c.middle_item_ids).length,
      })),
      actDates: acts,
      actTerm: context.settings.actTerm,
    }),
  };
}
