import { createHash } from "node:crypto";
import { uuidv7 } from "@lantern/domain";
import type { Selectable } from "kysely";
import type { Db } from "../db/dialect.js";
import type { Executor } from "../db/executor.js";
import type { AuditEventsTable } from "../db/schema.js";
import { toIso } from "../db/schema.js";
import { eventsAfter, insertEvent, lockChainHead, readChainHead } from "./audit.repository.js";

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
  const postgres = db.dialect === "postgres";
  const write = async (t: Executor) => {
    const head = await lockChainHead(t, postgres);
    const base = {
      seq: head.seq + 1,
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
      prev_hash: head.hash,
    };
    await insertEvent(t, { ...base, hash: hashEvent(base) });
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
