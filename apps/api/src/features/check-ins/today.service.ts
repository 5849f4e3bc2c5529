import { addDays, missedDays, type RecoveryToday, type UrgeOutcome, urgeStats } from "@lantern/domain";
import type { Executor } from "../../db/executor.js";
import { getCurrentCircles } from "../circles/circles.service.js";
import { ledgerEventsOf } from "../ledger/ledger.repository.js";
import { summariseRows, voidedIds } from "../ledger/ledger.service.js";
import { loadClientContext, parseJsonList } from "../recovery/client-context.js";
import { checkInsBetween } from "./check-ins.repository.js";
import { toCheckInView } from "./check-ins.service.js";

/** Everything the client's home screen shows, in one request. */
export async function getRecoveryToday(db: Executor, clientId: string): Promise<RecoveryToday> {
  const ctx = await loadClientContext(db, clientId);
  const { today } = ctx;
  const [events, checkIns, circles, urges, reviewed] = await Promise.all([
    ledgerEventsOf(db, clientId),
    checkInsBetween(db, clientId, addDays(today, -7), today),
    getCurrentCircles(db, clientId),
    db
      .selectFrom("urges")
      .select(["started_at", "ended_at", "intensities", "outcome"])
      .where("client_id", "=", clientId)
      .execute(),
    db
      .selectFrom("slip_reviews")
      .select("ledger_event_id")
      .where("client_id", "=", clientId)
      .where("ledger_event_id", "is not", null)
      .execute(),
  ]);

  const summary = summariseRows(events, today);
  const todays = checkIns.find((c) => c.date === today);

  // The most recent inner-circle act still standing that no slip review looks back on.
  const voided = voidedIds(events);
  const reviewedIds = new Set(reviewed.map((r) => r.ledger_event_id));
  const unreviewed = events
    .filter(
      (e) => e.kind === "inner_circle_act" && e.date !== null && !voided.has(e.id) && !reviewedIds.has(e.id),
    )
    .sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.id.localeCompare(b.id))
    .at(-1);

  return {
    today,
    timeZone: ctx.timeZone,
    settings: ctx.settings,
    summary,
    checkIn: todays ? toCheckInView(todays, today) : null,
    missedDays: missedDays(
      today,
      checkIns.map((c) => c.date),
      summary.startDate,
    ),
    circles,
    urgeStats: urgeStats(
      urges.map((u) => ({
        startedAt: u.started_at,
        endedAt: u.ended_at,
        intensities: parseJsonList<number>(u.intensities),
        outcome: u.outcome as UrgeOutcome,
      })),
    ),
    unreviewedActDate: unreviewed?.date ?? null,
    unreviewedActId: unreviewed?.id ?? null,
  };
}
