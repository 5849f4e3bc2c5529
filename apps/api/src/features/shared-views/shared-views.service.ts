import {
  addDays,
  type SharedCheckInSummary,
  type SharedJournal,
  type SharedPreview,
  type SharedSlips,
  type SharedSosAlerts,
  type SharedSummaryView,
  type SharingWithMe,
} from "@lantern/domain";
import type { Actor } from "../../access/actor.js";
import { parseScopes } from "../../access/relationships.js";
import { appendAudit } from "../../audit/audit.js";
import type { Db } from "../../db/dialect.js";
import type { Executor } from "../../db/executor.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { checkInsBetween } from "../check-ins/check-ins.repository.js";
import { getCircles } from "../circles/circles.service.js";
import { clientsGrantingTo, findClient } from "../clients/clients.repository.js";
import { supporterJournalEntriesOf } from "../journal/journal.repository.js";
import { ledgerEventsOf } from "../ledger/ledger.repository.js";
import { summariseRows } from "../ledger/ledger.service.js";
import { getPreventionPlan } from "../plans/plans.service.js";
import { loadClientContext } from "../recovery/client-context.js";
import { liveActDates } from "../recovery/timeline.service.js";
import { alertsFor } from "../sos/sos.service.js";

/** Days of check-ins a linked person sees. */
export const sharedCheckInDays = 30;

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** Milestones and streak, in the programme's words, with the client's first name. */
export async function sharedSummary(db: Executor, clientId: string): Promise<SharedSummaryView> {
  const [ctx, client, rows] = await Promise.all([
    loadClientContext(db, clientId),
    findClient(db, clientId),
    ledgerEventsOf(db, clientId),
  ]);
  const summary = summariseRows(rows, ctx.today);
  return {
    clientName: firstName(client?.name ?? ""),
    streakLabel: ctx.settings.streakLabel,
    currentStreak: summary.currentStreak,
    longestStreak: summary.longestStreak,
    milestonesReached: summary.milestonesReached,
    nextMilestone: summary.nextMilestone,
  };
}

/** Mood and urge level for each day of the last 30 with a check-in, newest first; nothing else. */
export async function sharedCheckIns(db: Executor, clientId: string): Promise<SharedCheckInSummary> {
  const ctx = await loadClientContext(db, clientId);
  const rows = await checkInsBetween(db, clientId, addDays(ctx.today, -(sharedCheckInDays - 1)), ctx.today);
  return rows.map((r) => ({ date: r.date, mood: r.mood, urgeStrength: r.urge_strength }));
}

/** The days a slip happened (live inner-circle acts), newest first; no details. */
export async function sharedSlips(db: Executor, clientId: string): Promise<SharedSlips> {
  const dates = [...new Set(liveActDates(await ledgerEventsOf(db, clientId)))].sort().reverse();
  return dates.map((date) => ({ date }));
}

/** The SOS alerts this person was sent, newest first. */
export async function sharedSosAlerts(
  db: Executor,
  clientId: string,
  viewerUserId: string,
): Promise<SharedSosAlerts> {
  return alertsFor(db, clientId, viewerUserId);
}

/** Journal entries the client picked for the people they share with, newest first. */
export async function sharedJournal(db: Executor, clientId: string): Promise<SharedJournal> {
  const rows = await supporterJournalEntriesOf(db, clientId);
  return rows.map((r) => ({ id: r.id, prompt: r.prompt, body: r.body, createdAt: toIso(r.created_at) }));
}

/**
 * "See what they see": what the holder of one grant would get now from every route their scopes
 * open, built from the same functions those routes use. A scope they lack is null.
 */
export async function previewGrant(db: Executor, clientId: string, grantId: string): Promise<SharedPreview> {
  const grant = await db
    .selectFrom("grants")
    .innerJoin("users", "users.id", "grants.grantee_user_id")
    .select(["grants.id", "grants.grantee_user_id", "grants.relationship", "grants.scopes", "users.name"])
    .where("grants.id", "=", grantId)
    .where("grants.client_id", "=", clientId)
    .where("grants.revoked_at", "is", null)
    .executeTakeFirst();
  if (!grant) throw new HttpProblem(404, "notFound", "Not found.");
  const scopes = parseScopes(grant.scopes);
  const has = (scope: (typeof scopes)[number]) => scopes.includes(scope);
  const client = has("profile") ? await findClient(db, clientId) : undefined;
  return {
    grantId: grant.id,
    granteeName: grant.name,
    relationship: grant.relationship,
    scopes,
    profile: client ? { name: client.name } : null,
    summary: has("sobriety_summary") ? await sharedSummary(db, clientId) : null,
    checkIns: has("check_in_summary") ? await sharedCheckIns(db, clientId) : null,
    slips: has("slips") ? await sharedSlips(db, clientId) : null,
    sosAlerts: has("sos_alerts") ? await sharedSosAlerts(db, clientId, grant.grantee_user_id) : null,
    journal: has("journal") ? await sharedJournal(db, clientId) : null,
    preventionPlan: has("recovery_plan") ? await getPreventionPlan(db, clientId, "grant") : null,
    circles: has("three_circles") ? await getCircles(db, clientId) : null,
  };
}

/**
 * The people who share with the caller, by first name, with the kinds of data each shares (grants
 * with no scope left are not listed). Recorded in the audit log, like every list of clients.
 */
export async function sharingWithMe(db: Db, actor: Actor, requestId: string): Promise<SharingWithMe> {
  const rows = await clientsGrantingTo(db.kysely, actor.userId);
  await appendAudit(db, {
    actorUserId: actor.userId,
    actorRole: "grant",
    organisationId: null,
    clientId: null,
    recordType: "shared_with_me",
    recordId: null,
    action: "read",
    outcome: "allowed",
    requestId,
    ip: null,
  });
  const byClient = new Map<string, SharingWithMe[number]>();
  for (const row of rows) {
    const scopes = parseScopes(row.scopes);
    if (scopes.length === 0) continue;
    const entry = byClient.get(row.id) ?? { clientId: row.id, firstName: firstName(row.name), scopes: [] };
    entry.scopes = [...new Set([...entry.scopes, ...scopes])];
    byClient.set(row.id, entry);
  }
  return [...byClient.values()].sort((a, b) => a.firstName.localeCompare(b.firstName));
}
