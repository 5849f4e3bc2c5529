import { createHash } from "node:crypto";
import { uuidv7 } from "@lantern/domain";
import type { Selectable } from "kysely";
import type { Db } from "../db/dialect.js";
import type { Executor } from "../db/executor.js";
import type { AuditEventsTable } from "../db/schema.js";
import { toIso } from "../db/schema.js";
import { eventsAfter, insertEvents, lockChainHead, readChainHead } from "./audit.repository.js";

/** What happened, to which record, by whom: one audit event before it is chained. */
export interface AuditEntry {
  actorUserId: string | null;
  actorRole: string | null;
  organisationId: string | null;
  clientId: string | null;
  recordType: string;
  recordId: string | null;
  action: string;
  outcome: "allowed" | "denied";
  requestId: string | null;
  ip: string | null;
}

export const genesisHash = "0".repeat(64);

/** The hash of an event: SHA-256 over its fields in a fixed order and the previous event's hash. */
export function hashEvent(e: Omit<Selectable<AuditEventsTable>, "hash">): string {
  const at = toIso(e.at);
  const fields = [
    Number(e.seq),
    e.id,
    at,
    e.actor_user_id,
    e.actor_role,
    e.organisation_id,
    e.client_id,
    e.record_type,
    e.record_id,
    e.action,
    e.outcome,
    e.request_id,
    e.ip,
    e.prev_hash,
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/**
 * Appends an event to the chain. Pass the transaction of the change it records, so both commit or
 * neither does; given the database itself, it opens its own transaction.
 */
export async function appendAudit(
  db: Db,
  entry: AuditEntry,
  trx?: Executor,
  now = new Date(),
): Promise<void> {
  await appendAuditEvents(db, [entry], trx, now);
}

/**
 * Appends several events in order under one lock of the chain head, with one insert: a list view
 * that shows many clients records each of them without taking the lock once per client.
 */
export async function appendAuditEvents(
  db: Db,
  entries: readonly AuditEntry[],
  trx?: Executor,
  now = new Date(),
): Promise<void> {
  if (entries.length === 0) return;
  const postgres = db.dialect === "postgres";
  const write = async (t: Executor) => {
    const head = await lockChainHead(t, postgres);
    let prev = head;
    const rows = entries.map((entry, i) => {
      const base = {
        seq: head.seq + i + 1,
        id: uuidv7(now.getTime()),
        at: now.toISOString(),
        actor_user_id: entry.actorUserId,
        actor_role: entry.actorRole,
        organisation_id: entry.organisationId,
        client_id: entry.clientId,
        record_type: entry.recordType,
        record_id: entry.recordId,
        action: entry.action,
        outcome: entry.outcome,
        request_id: entry.requestId,
        ip: entry.ip,
        prev_hash: prev.hash,
      };
      const row = { ...base, hash: hashEvent(base) };
      prev = { seq: row.seq, hash: row.hash };
      return row;
    });
    await insertEvents(t, rows);
  };
  if (trx) await write(trx);
  else await db.kysely.transaction().execute(write);
}

export type VerifyResult =
  | { ok: true; count: number }
  | { ok: false; count: number; seq: number; problem: string };

/** Walks the whole chain in order and reports the first broken link. */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await eventsAfter(db.kysely, expectedSeq - 1, 1000);
    if (page.length === 0) break;
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return { ok: false, count, seq: expectedSeq, problem: "event is missing" };
      if (row.prev_hash !== prevHash) {
        return { ok: false, count, seq, problem: "does not point at the event before it" };
      }
      const { hash, ...rest } = row;
      if (hashEvent(rest) !== hash)
        return { ok: false, count, seq, problem: "content does not match its hash" };
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  const head = await readChainHead(db.kysely);
  if (Number(head.seq) !== count || head.hash !== prevHash) {
    return {
      ok: false,
      count,
      seq: Number(head.seq),
      problem: "the chain head does not match the last event",
    };
  }
  return { ok: true, count };
}
