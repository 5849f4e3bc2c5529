import {
  type CrisisLine,
  type SosAlertResult,
  type SosEventView,
  type SosKit,
  type StartSosRequest,
  uuidv7,
} from "@lantern/domain";
import type { z } from "zod";
import { parseScopes } from "../../access/relationships.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import type { MailMessage } from "../../mail/mailer.js";
import { newMessageEmail } from "../notifications/notification-message.js";
import { insertNotifications } from "../notifications/notifications.repository.js";
import { getPreventionPlan, getSafetyPlan } from "../plans/plans.service.js";
import { defaultRecoverySettings, parseJsonList } from "../recovery/client-context.js";
import { liveGranteesOf } from "../support-network/support-network.repository.js";
import { listContacts } from "../support-network/support-network.service.js";
import { liveCopingOf, triggersOf } from "../triggers/triggers.repository.js";
import { findLiveTrigger } from "../urges/urges.repository.js";
import {
  alertsOfEvents,
  alertsSentTo,
  findCrisisLine,
  findSosEvent,
  insertSosAlerts,
  insertSosEvent,
  markAlertEmailed,
  markHarmThoughts,
  sosEventsOf,
  upsertCrisisLine,
} from "./sos.repository.js";

/** Sends one email; false when it could not go (mail not configured, or the server refused). */
export type SendMail = (message: MailMessage) => Promise<boolean>;

/** The crisis line when a programme has not chosen one (the United States' 988). */
export const defaultCrisisLine: CrisisLine = {
  name: "988 Suicide & Crisis Lifeline",
  phone: "988",
  text: "988",
};

const notFound = () => new HttpProblem(404, "notFound", "Not found.");

/** The programme's crisis line, or the default. */
export async function getCrisisLine(db: Executor, organisationId: string | null): Promise<CrisisLine> {
  const row = organisationId ? await findCrisisLine(db, organisationId) : undefined;
  if (!row?.crisis_line_name || !row.crisis_line_phone) return defaultCrisisLine;
  return { name: row.crisis_line_name, phone: row.crisis_line_phone, text: row.crisis_line_text };
}

/** Sets the programme's crisis line. */
export async function saveCrisisLine(
  db: Executor,
  organisationId: string,
  userId: string,
  line: { name: string; phone: string; text?: string | undefined },
): Promise<CrisisLine> {
  await upsertCrisisLine(db, {
    organisationId,
    name: line.name,
    phone: line.phone,
    text: line.text ?? null,
    userId,
    now: new Date(),
    defaultActTerm: defaultRecoverySettings.actTerm,
    defaultStreakLabel: defaultRecoverySettings.streakLabel,
  });
  return getCrisisLine(db, organisationId);
}

const toBool = (value: boolean | number) => value === true || value === 1;

/** SOS uses as views, with the names of the people each alerted. */
async function toEventViews(
  db: Executor,
  rows: {
    id: string;
    started_at: Date | string;
    trigger_id: string | null;
    harm_thoughts: boolean | number;
  }[],
): Promise<SosEventView[]> {
  const alerts = await alertsOfEvents(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    startedAt: toIso(r.started_at),
    triggerId: r.trigger_id,
    harmThoughts: toBool(r.harm_thoughts),
    notifiedNames: alerts.filter((a) => a.sos_event_id === r.id).map((a) => a.name),
  }));
}

/** The client's SOS uses, newest first (the client and their clinicians look back at them). */
export async function sosHistory(db: Executor, clientId: string): Promise<SosEventView[]> {
  return toEventViews(db, await sosEventsOf(db, clientId, 200));
}

/** People the client can alert: live grantees whose grant includes sos_alerts. */
async function alertable(db: Executor, clientId: string) {
  const grantees = await liveGranteesOf(db, clientId);
  const seen = new Map<string, { userId: string; name: string; email: string }>();
  for (const g of grantees)
    if (parseScopes(g.scopes).includes("sos_alerts"))
      seen.set(g.user_id, { userId: g.user_id, name: g.name, email: g.email });
  return [...seen.values()];
}

/** Everything the SOS screen needs, in one request. */
export async function getSosKit(
  db: Executor,
  clientId: string,
  organisationId: string | null,
): Promise<SosKit> {
  const [coping, triggers, plan, contacts, people, crisisLine, safetyPlan, recent] = await Promise.all([
    liveCopingOf(db, clientId),
    triggersOf(db, clientId),
    getPreventionPlan(db, clientId, "self"),
    listContacts(db, clientId),
    alertable(db, clientId),
    getCrisisLine(db, organisationId),
    getSafetyPlan(db, clientId),
    sosEventsOf(db, clientId, 5),
  ]);
  const liveCoping = new Set(coping.map((c) => c.id));
  const s = plan.sections;
  return {
    coping: coping.map((c) => ({ id: c.id, text: c.text })),
    triggers: triggers
      .filter((t) => t.archived_at === null)
      .map((t) => ({
        id: t.id,
        label: t.label,
        copingIds: parseJsonList(t.coping_ids).filter((id) => liveCoping.has(id)),
      })),
    reminders: [
      ...s.coping,
      ...s.whoToCall,
      ...s.highRiskSituations,
      ...s.afterASlip,
      ...plan.lessons.map((l) => l.text),
    ],
    contacts,
    alertable: people.map(({ userId, name }) => ({ userId, name })),
    crisisLine,
    safetyPlan,
    recent: await toEventViews(db, recent),
  };
}

/**
 * Records a press of SOS under the id the app made, so a double tap is one use (201 new, 200 the
 * same id again). A trigger must be one of the client's own live triggers.
 */
export async function startSos(
  db: Db,
  clientId: string,
  body: z.output<typeof StartSosRequest>,
  now = new Date(),
): Promise<{ created: boolean; event: SosEventView }> {
  let existing = await findSosEvent(db.kysely, body.id);
  if (existing) {
    if (existing.client_id !== clientId) throw notFound();
    // The same use can learn that harm was on the client's mind (never the reverse), so choosing it
    // after the screen opened stays one use.
    if (body.harmThoughts && !toBool(existing.harm_thoughts)) {
      await markHarmThoughts(db.kysely, body.id);
      existing = (await findSosEvent(db.kysely, body.id)) ?? existing;
    }
    const [event] = await toEventViews(db.kysely, [existing]);
    if (!event) throw notFound();
    return { created: false, event };
  }
  if (body.triggerId && !(await findLiveTrigger(db.kysely, clientId, body.triggerId)))
    throw new HttpProblem(400, "validation", "That trigger is not one of yours.", undefined, [
      { field: "triggerId", message: "Pick one of your triggers, or none." },
    ]);
  try {
    await insertSosEvent(db.kysely, {
      id: body.id,
      client_id: clientId,
      trigger_id: body.triggerId ?? null,
      harm_thoughts: body.harmThoughts,
      started_at: now,
    });
  } catch (error) {
    // The same press sent twice at once: the other request recorded it.
    if (isUniqueViolation(error)) return startSos(db, clientId, body, now);
    throw error;
  }
  const row = await findSosEvent(db.kysely, body.id);
  if (!row) throw notFound();
  const [event] = await toEventViews(db.kysely, [row]);
  if (!event) throw notFound();
  return { created: true, event };
}

/**
 * Alerts the chosen people of one SOS use: each must hold a live sos_alerts grant on this client.
 * The alerts and in-app notifications are written together; then each new recipient gets the quiet
 * email (no name, no content). Someone already alerted for this use is not alerted twice.
 */
export async function notifySupporters(
  db: Db,
  clientId: string,
  sosId: string,
  userIds: readonly string[],
  deps: { publicUrl: string; sendMail: SendMail },
  now = new Date(),
): Promise<SosAlertResult> {
  const event = await findSosEvent(db.kysely, sosId);
  if (!event || event.client_id !== clientId) throw notFound();
  const people = new Map((await alertable(db.kysely, clientId)).map((p) => [p.userId, p]));
  const errors = userIds.flatMap((id, index) =>
    people.has(id) ? [] : [{ field: `userIds.${index}`, message: "This person cannot receive your alerts." }],
  );
  if (errors.length > 0)
    throw new HttpProblem(400, "validation", "Choose people who receive your alerts.", undefined, errors);

  const chosen = [...new Set(userIds)];
  const fresh = await db.kysely.transaction().execute(async (trx) => {
    const already = new Set((await alertsOfEvents(trx, [sosId])).map((a) => a.recipient_user_id));
    const newOnes = chosen.filter((id) => !already.has(id));
    await insertSosAlerts(
      trx,
      newOnes.map((id) => ({
        id: uuidv7(now.getTime()),
        sos_event_id: sosId,
        client_id: clientId,
        recipient_user_id: id,
        emailed: false,
        created_at: now,
      })),
    );
    await insertNotifications(
      trx,
      newOnes.map((id) => ({
        id: uuidv7(now.getTime()),
        user_id: id,
        kind: "sos_alert",
        client_id: clientId,
        subject_id: sosId,
        created_at: now,
      })),
    );
    return newOnes;
  });

  // Emails go after the commit, so a slow mail server never holds the alert back.
  for (const id of fresh) {
    const person = people.get(id);
    if (person && (await deps.sendMail(newMessageEmail(person.email, deps.publicUrl))))
      await markAlertEmailed(db.kysely, sosId, id);
  }
  const stored = await alertsOfEvents(db.kysely, [sosId]);
  return {
    sosId,
    alerted: stored
      .filter((a) => chosen.includes(a.recipient_user_id))
      .map((a) => ({ userId: a.recipient_user_id, name: a.name, emailed: toBool(a.emailed) })),
  };
}

/** SOS alerts sent to this person about this client, newest first. */
export async function alertsFor(db: Executor, clientId: string, recipientUserId: string) {
  const rows = await alertsSentTo(db, clientId, recipientUserId);
  return rows.map((r) => ({ id: r.id, at: toIso(r.created_at) }));
}
