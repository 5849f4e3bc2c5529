import type { Executor } from "../../db/executor.js";

/** One call by id, whoever it belongs to. */
export async function findOutreachCall(db: Executor, id: string) {
  return db.selectFrom("outreach_calls").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Logs a call. */
export async function insertOutreachCall(
  db: Executor,
  row: {
    id: string;
    client_id: string;
    contact_id: string | null;
    name: string;
    direction: string;
    at: Date;
    date: string;
    note: string | null;
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto("outreach_calls").values(row).execute();
}

/** The client's most recent calls, newest first. */
export async function outreachCallsOf(db: Executor, clientId: string, limit: number) {
  return db
    .selectFrom("outreach_calls")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Calls made and received per local day from a day on (for the weekly summary). */
export async function outreachCountsSince(db: Executor, clientId: string, from: string) {
  return db
    .selectFrom("outreach_calls")
    .select(["date", "direction", (eb) => eb.fn.countAll().as("n")])
    .where("client_id", "=", clientId)
    .where("date", ">=", from)
    .groupBy(["date", "direction"])
    .execute();
}
