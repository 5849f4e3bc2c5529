import {
  addDays,
  type CaseloadEntry,
  type CaseloadFlag,
  caseloadFlags,
  localDateOf,
  phq9,
} from "@lantern/domain";
import type { Actor } from "../../access/actor.js";
import { appendAuditEvents } from "../../audit/audit.js";
import type { Db } from "../../db/dialect.js";
import { toIso } from "../../db/schema.js";
import { safetyFlagsOfClients } from "../assessments/assessments.repository.js";
import { caseloadAssessments } from "../assessments/results.service.js";
import { clientsOfClinician } from "../clients/clients.repository.js";
import { ledgerEventsOfClients } from "../ledger/ledger.repository.js";
import { summariseRows } from "../ledger/ledger.service.js";
import { planReviewFlags } from "../treatment-plans/treatment-plans.service.js";
import { defaultRecoverySettings, parseJsonList } from "./client-context.js";
import { checkInsForClients, contextsOfClients } from "./recovery.repository.js";
import { flagWindowDays, liveActDates } from "./timeline.service.js";

/** A PHQ-9 item-9 answer above 0 stays on the caseload this many days. */
export const safetyWindowDays = 14;

/** The PHQ-9 safety flag, first on the list because it matters most. */
function safetyFlag(completedAt: string | undefined, timeZone: string): CaseloadFlag[] {
  if (!completedAt) return [];
  return [
    {
      kind: "phq9_safety",
      detail: `PHQ-9 item 9 answered above 0 on ${localDateOf(completedAt, timeZone)}: check in with them`,
    },
  ];
}

function groupBy<T extends { client_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.client_id);
    if (list) list.push(row);
    else groups.set(row.client_id, [row]);
  }
  return groups;
}

/**
 * The clinician's caseload in a programme: exactly their care-team clients and those with an
 * unexpired break-the-glass, each with the last check-in, the current streak and the flags. One
 * query per table for the whole list; one audit event per client shown.
 */
export async function getCaseload(
  db: Db,
  actor: Actor,
  organisationId: string,
  requestId: string | null,
  now = new Date(),
): Promise<CaseloadEntry[]> {
  const clients = await clientsOfClinician(db.kysely, organisationId, actor.userId, now);
  if (clients.length === 0) return [];
  const ids = clients.map((c) => c.id);
  const contexts = new Map((await contextsOfClients(db.kysely, ids)).map((c) => [c.id, c]));
  const todays = new Map(ids.map((id) => [id, localDateOf(now, contexts.get(id)?.time_zone ?? "UTC")]));
  // The earliest "today" in the list, so every client's two flag weeks are in the one query.
  const earliest = [...todays.values()].sort()[0] ?? localDateOf(now, "UTC");
  const [checkIns, ledger, safety, assessments, planReviews] = await Promise.all([
    checkInsForClients(db.kysely, ids, addDays(earliest, -(flagWindowDays - 1))),
    ledgerEventsOfClients(db.kysely, ids),
    safetyFlagsOfClients(db.kysely, ids, phq9.id, new Date(now.getTime() - safetyWindowDays * 86_400_000)),
    caseloadAssessments(
      db.kysely,
      ids.map((id) => ({ id, today: todays.get(id) ?? earliest })),
      now,
    ),
    planReviewFlags(
      db.kysely,
      organisationId,
      ids.map((id) => ({
        id,
        timeZone: contexts.get(id)?.time_zone ?? "UTC",
        today: todays.get(id) ?? earliest,
      })),
    ),
  ]);
  // Newest first, so the first row per client is the one to name.
  const safetyBy = new Map<string, string>();
  for (const row of safety)
    if (row.completed_at && !safetyBy.has(row.client_id))
      safetyBy.set(row.client_id, toIso(row.completed_at));
  const checkInsBy = groupBy(checkIns);
  const ledgerBy = groupBy(ledger);

  const entries = clients.map((client): CaseloadEntry => {
    const today = todays.get(client.id) ?? earliest;
    const own = (checkInsBy.get(client.id) ?? []).filter((c) => c.date <= today);
    const events = ledgerBy.get(client.id) ?? [];
    const lastCheckIn = own.reduce<string | null>(
      (last, c) => (last === null || c.date > last ? c.date : last),
      null,
    );
    return {
      clientId: client.id,
      name: client.name,
      lastCheckIn,
      currentStreak: summariseRows(events, today).currentStreak,
      flags: [
        ...safetyFlag(safetyBy.get(client.id), contexts.get(client.id)?.time_zone ?? "UTC"),
        ...caseloadFlags({
          today,
          lastCheckIn,
          middleCounts: own.map((c) => ({ date: c.date, count: parseJsonList(c.middle_item_ids).length })),
          actDates: liveActDates(events),
          actTerm: contexts.get(client.id)?.act_term ?? defaultRecoverySettings.actTerm,
        }),
        ...(planReviews.has(client.id) ? [planReviews.get(client.id) as CaseloadFlag] : []),
      ],
      latestScores: assessments.get(client.id)?.latestScores ?? [],
      assessmentsDue: assessments.get(client.id)?.assessmentsDue ?? null,
    };
  });

  // The caseload shows each client's recovery data: every client listed is a read, as a record opened.
  await appendAuditEvents(
    db,
    clients.map((client) => ({
      actorUserId: actor.userId,
      actorRole: "clinician",
      organisationId,
      clientId: client.id,
      recordType: "caseload",
      recordId: client.id,
      action: "read",
      outcome: "allowed" as const,
      requestId,
      ip: null,
    })),
    undefined,
    now,
  );
  return entries;
}
