import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { Executor } from "../db/executor.js";
import type { AuditEventsTable } from "../db/schema.js";

/** Reads the chain head, locking it on PostgreSQL so appends from every process are serialised. */
export async function lockChainHead(
  trx: Executor,
  postgres: boolean,
): Promise<{ seq: number; hash: string }> {
  const query = trx.selectFrom("audit_chain_head").select(["seq", "hash"]).where("id", "=", 1);
  const row = await (postgres ? query.forUpdate() : query).executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}

/** Inserts audit events (already chained, in order) and moves the chain head to the last one. */
export async function insertEvents(trx: Executor, events: Insertable<AuditEventsTable>[]): Promise<void> {
  const last = events.at(-1);
  if (!last) return;
  // 15 columns an event: 500 a statement stays under every driver's parameter limit.
  for (let i = 0; i < events.length; i += 500)
    await trx
      .insertInto("audit_events")
      .values(events.slice(i, i + 500))
      .execute();
  await trx
    .updateTable("audit_chain_head")
    .set({ seq: last.seq, hash: last.hash })
    .where("id", "=", 1)
    .execute();
}

/** A page of events in chain order, from `afterSeq` on. */
export async function eventsAfter(db: Executor, afterSeq: number, limit: number) {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

/** The chain head as stored. */
export async function readChainHead(db: Executor) {
  return db
    .selectFrom("audit_chain_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
}

export interface AuditFilter {
  organisationId?: string;
  clientId?: string;
  actorUserId?: string;
  action?: string;
  outcome?: string;
  beforeSeq?: number;
  limit: number;
}

/** Events matching a filter, newest first, with the actor's name. */
export async function searchEvents(db: Executor, f: AuditFilter) {
  let q = db
    .selectFrom("audit_events")
    .leftJoin("users", "users.id", "audit_events.actor_user_id")
    .select([
      "audit_events.seq",
      "audit_events.at",
      "users.name as actor_name",
      "audit_events.actor_role",
      "audit_events.client_id",
      "audit_events.record_type",
      "audit_events.record_id",
      "audit_events.action",
      "audit_events.outcome",
    ]);
  if (f.organisationId) q = q.where("audit_events.organisation_id", "=", f.organisationId);
  if (f.clientId) q = q.where("audit_events.client_id", "=", f.clientId);
  if (f.actorUserId) q = q.where("audit_events.actor_user_id", "=", f.actorUserId);
  if (f.action) q = q.where("audit_events.action", "=", f.action);
  if (f.outcome) q = q.where("audit_events.outcome", "=", f.outcome);
  if (f.beforeSeq !== undefined) q = q.where("audit_events.seq", "<", f.beforeSeq);
  return q.orderBy("audit_events.seq", "desc").limit(f.limit).execute();
}

/** Test and tooling helper: edits one stored event in place (what an attacker with SQL could do). */
export async function tamperForTest(db: Executor, seq: number, column: "action" | "actor_user_id") {
  await db
    .updateTable("audit_events")
    .set({ [column]: sql`${sql.ref(column)} || 'x'` } as never)
    .where("seq", "=", seq)
    .execute();
}
