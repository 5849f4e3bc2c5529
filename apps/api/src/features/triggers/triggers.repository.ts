import type { Executor } from "../../db/executor.js";

/** One trigger by id, whoever it belongs to (the service compares the owner). */
export async function findTrigger(db: Executor, id: string) {
  return db.selectFrom("triggers").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Adds a trigger. */
export async function insertTrigger(
  db: Executor,
  t: {
    id: string;
    clientId: string;
    kind: string;
    category: string;
    label: string;
    copingIds: string[];
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto("triggers")
    .values({
      id: t.id,
      client_id: t.clientId,
      kind: t.kind,
      category: t.category,
      label: t.label,
      coping_ids: JSON.stringify(t.copingIds),
      created_at: t.now,
      archived_at: null,
    })
    .execute();
}

/** Changes a live trigger of this client. */
export async function updateTrigger(
  db: Executor,
  t: { id: string; clientId: string; kind: string; category: string; label: string; copingIds: string[] },
): Promise<void> {
  await db
    .updateTable("triggers")
    .set({ kind: t.kind, category: t.category, label: t.label, coping_ids: JSON.stringify(t.copingIds) })
    .where("id", "=", t.id)
    .where("client_id", "=", t.clientId)
    .execute();
}

/** Archives a row of this client in one of the two inventory tables; returns whether it was found. */
export async function archiveRow(
  db: Executor,
  table: "triggers" | "coping_strategies",
  clientId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom(table)
    .select(["id", "archived_at"])
    .where("id", "=", id)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  if (!row) return false;
  // Archiving twice keeps the first date.
  if (row.archived_at === null)
    await db
      .updateTable(table)
      .set({ archived_at: now })
      .where("id", "=", id)
      .where("client_id", "=", clientId)
      .execute();
  return true;
}

/** Every trigger of the client, archived ones too (old urges keep their labels), oldest first. */
export async function triggersOf(db: Executor, clientId: string) {
  return db
    .selectFrom("triggers")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** One coping strategy by id, whoever it belongs to. */
export async function findCoping(db: Executor, id: string) {
  return db.selectFrom("coping_strategies").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Adds a coping strategy. */
export async function insertCoping(
  db: Executor,
  c: { id: string; clientId: string; text: string; now: Date },
) {
  await db
    .insertInto("coping_strategies")
    .values({ id: c.id, client_id: c.clientId, text: c.text, created_at: c.now, archived_at: null })
    .execute();
}

/** Rewords a coping strategy of this client. */
export async function updateCoping(db: Executor, c: { id: string; clientId: string; text: string }) {
  await db
    .updateTable("coping_strategies")
    .set({ text: c.text })
    .where("id", "=", c.id)
    .where("client_id", "=", c.clientId)
    .execute();
}

/** The client's live coping strategies, oldest first. */
export async function liveCopingOf(db: Executor, clientId: string) {
  return db
    .selectFrom("coping_strategies")
    .select(["id", "text"])
    .where("client_id", "=", clientId)
    .where("archived_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** When each of the client's urges started and after which trigger. */
export async function urgeMomentsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("urges")
    .select(["trigger_id", "started_at"])
    .where("client_id", "=", clientId)
    .execute();
}

/** Inner-circle acts logged from an urge and not voided since, with the urge's start and trigger. */
export async function actMomentsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("ledger_events")
    .innerJoin("urges", "urges.id", "ledger_events.source_id")
    .select(["urges.trigger_id", "urges.started_at"])
    .where("ledger_events.client_id", "=", clientId)
    .where("urges.client_id", "=", clientId)
    .where("ledger_events.kind", "=", "inner_circle_act")
    .where("ledger_events.source", "=", "urge")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("ledger_events as v")
            .select("v.id")
            .whereRef("v.target_id", "=", "ledger_events.id")
            .where("v.kind", "=", "void"),
        ),
      ),
    )
    .execute();
}
