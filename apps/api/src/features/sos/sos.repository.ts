import type { Executor } from "../../db/executor.js";

/** One SOS use by id, whoever it belongs to. */
export async function findSosEvent(db: Executor, id: string) {
  return db.selectFrom("sos_events").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Records an SOS use. */
/** Records that harm was on the client's mind during this use. */
export async function markHarmThoughts(db: Executor, id: string): Promise<void> {
  await db.updateTable("sos_events").set({ harm_thoughts: true }).where("id", "=", id).execute();
}

export async function insertSosEvent(
  db: Executor,
  row: { id: string; client_id: string; trigger_id: string | null; harm_thoughts: boolean; started_at: Date },
): Promise<void> {
  await db.insertInto("sos_events").values(row).execute();
}

/** The client's SOS uses, newest first. */
export async function sosEventsOf(db: Executor, clientId: string, limit: number) {
  return db
    .selectFrom("sos_events")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Who each of these SOS uses alerted, by name. */
export async function alertsOfEvents(db: Executor, eventIds: readonly string[]) {
  if (eventIds.length === 0) return [];
  return db
    .selectFrom("sos_alerts")
    .innerJoin("users", "users.id", "sos_alerts.recipient_user_id")
    .select([
      "sos_alerts.sos_event_id",
      "sos_alerts.recipient_user_id",
      "sos_alerts.emailed",
      "users.name",
      "users.email",
    ])
    .where("sos_alerts.sos_event_id", "in", eventIds)
    .orderBy("sos_alerts.created_at")
    .orderBy("sos_alerts.id")
    .execute();
}

/** Adds the alerts of one SOS use. */
export async function insertSosAlerts(
  db: Executor,
  rows: {
    id: string;
    sos_event_id: string;
    client_id: string;
    recipient_user_id: string;
    emailed: boolean;
    created_at: Date;
  }[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto("sos_alerts").values(rows).execute();
}

/** Records that the email of an alert went. */
export async function markAlertEmailed(db: Executor, eventId: string, recipientUserId: string) {
  await db
    .updateTable("sos_alerts")
    .set({ emailed: true })
    .where("sos_event_id", "=", eventId)
    .where("recipient_user_id", "=", recipientUserId)
    .execute();
}

/** Alerts sent to one person about one client, newest first. */
export async function alertsSentTo(db: Executor, clientId: string, recipientUserId: string) {
  return db
    .selectFrom("sos_alerts")
    .select(["id", "created_at"])
    .where("client_id", "=", clientId)
    .where("recipient_user_id", "=", recipientUserId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
}

/** The crisis line a programme chose, if it chose one. */
export async function findCrisisLine(db: Executor, organisationId: string) {
  return db
    .selectFrom("recovery_settings")
    .select(["crisis_line_name", "crisis_line_phone", "crisis_line_text"])
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

/** Sets a programme's crisis line, creating its settings row with the default words if missing. */
export async function upsertCrisisLine(
  db: Executor,
  s: {
    organisationId: string;
    name: string;
    phone: string;
    text: string | null;
    userId: string;
    now: Date;
    defaultActTerm: string;
    defaultStreakLabel: string;
  },
): Promise<void> {
  const line = { crisis_line_name: s.name, crisis_line_phone: s.phone, crisis_line_text: s.text };
  await db
    .insertInto("recovery_settings")
    .values({
      organisation_id: s.organisationId,
      act_term: s.defaultActTerm,
      streak_label: s.defaultStreakLabel,
      ...line,
      updated_by_user_id: s.userId,
      updated_at: s.now,
    })
    .onConflict((oc) =>
      oc.column("organisation_id").doUpdateSet({ ...line, updated_by_user_id: s.userId, updated_at: s.now }),
    )
    .execute();
}
