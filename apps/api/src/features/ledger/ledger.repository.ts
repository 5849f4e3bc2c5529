import type { Insertable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { LedgerEventsTable } from "../../db/schema.js";

/** Appends one ledger event. The ledger is append-only: there is no update or delete here. */
export async function insertLedgerEvent(db: Executor, event: Insertable<LedgerEventsTable>): Promise<void> {
  await db.insertInto("ledger_events").values(event).execute();
}

/** One event by id, for idempotent retries and corrections. */
export async function findLedgerEvent(db: Executor, id: string) {
  return db.selectFrom("ledger_events").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Every event of one client, oldest first, with the recorder's name. */
export async function ledgerEventsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("ledger_events")
    .innerJoin("users", "users.id", "ledger_events.recorded_by_user_id")
    .selectAll("ledger_events")
    .select("users.name as recorded_by_name")
    .where("ledger_events.client_id", "=", clientId)
    .orderBy("ledger_events.recorded_at")
    .orderBy("ledger_events.id")
    .execute();
}

/** Every event of several clients (the caseload), oldest first. */
export async function ledgerEventsOfClients(db: Executor, clientIds: readonly string[]) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom("ledger_events")
    .select(["id", "client_id", "kind", "date", "target_id", "recorded_at"])
    .where("client_id", "in", clientIds)
    .orderBy("recorded_at")
    .orderBy("id")
    .execute();
}

/** The programme's words for the ledger, or undefined when it has not chosen them. */
export async function findRecoverySettings(db: Executor, organisationId: string) {
  return db
    .selectFrom("recovery_settings")
    .select(["act_term", "streak_label"])
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

/** Creates or replaces the programme's words for the ledger. */
export async function upsertRecoverySettings(
  db: Executor,
  s: { organisationId: string; actTerm: string; streakLabel: string; userId: string; now: Date },
): Promise<void> {
  await db
    .insertInto("recovery_settings")
    .values({
      organisation_id: s.organisationId,
      act_term: s.actTerm,
      streak_label: s.streakLabel,
      updated_by_user_id: s.userId,
      updated_at: s.now,
    })
    .onConflict((oc) =>
      oc.column("organisation_id").doUpdateSet({
        act_term: s.actTerm,
        streak_label: s.streakLabel,
        updated_by_user_id: s.userId,
        updated_at: s.now,
      }),
    )
    .execute();
}
