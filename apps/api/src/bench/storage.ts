import { SaveCheckInRequest } from "@lantern/domain";
import type { Actor } from "../access/actor.js";
import { appendAudit } from "../audit/audit.js";
import type { Db } from "../db/dialect.js";
import { membershipsOf } from "../features/accounts/accounts.service.js";
import { saveCheckIn } from "../features/check-ins/check-ins.service.js";
import { getRecoveryToday } from "../features/check-ins/today.service.js";
import { outcomeReportOf, qualityDashboard } from "../features/quality/quality.service.js";
import { getCaseload } from "../features/recovery/caseload.service.js";
import { getTimeline } from "../features/recovery/timeline.service.js";
import { summarise } from "./load.js";

/** A generated client the benchmark acts as (or looks at). */
export interface BenchClient {
  id: string;
  userId: string;
  email: string;
  /** The client's local day now: the day their check-in is written for. */
  today: string;
  /** The id of today's check-in: the first save creates it, later saves change it. */
  checkInId: string;
}

/** Check-in answers; the mood flips with `n` so every save really changes the row. */
export function checkInAnswers(id: string, n: number) {
  return {
    id,
    mood: n % 2 === 0 ? 4 : 2,
    feelings: n % 2 === 0 ? ["calm", "hopeful"] : ["anxious"],
    halt: { hungry: false, angry: false, lonely: n % 3 === 0, tired: true },
    stress: n % 10,
    sleepHours: 7.5,
    sleepQuality: 3,
    urgeStrength: n % 7,
    middleItemIds: [],
    outerItemIds: [],
    innerCircle: false,
  };
}

/** What the access check writes to the audit chain for each request on a client's record. */
const auditOf = (actorUserId: string, via: string, clientId: string, recordType: string, action: string) => ({
  actorUserId,
  actorRole: via,
  organisationId: null,
  clientId,
  recordType,
  recordId: clientId,
  action,
  outcome: "allowed" as const,
  requestId: null,
  ip: "127.0.0.1",
});

export interface StorageWork {
  checkIn: () => Promise<void>;
  home: () => Promise<void>;
  caseload: () => Promise<void>;
  timeline: () => Promise<void>;
  qualityDashboard: () => Promise<void>;
  outcomeReport: () => Promise<void>;
}

/**
 * Each endpoint's database work without HTTP: the same use case the route calls, plus the audit
 * event the access check appends for a client's record. Session lookup and access resolution are
 * left out (they are the price of HTTP with authentication, which the ratio shows).
 */
export async function storageWork(
  db: Db,
  who: {
    organisationId: string;
    clinician: { userId: string; email: string };
    clients: BenchClient[];
    report: { basis: "admission" | "discharge"; quarter: string };
  },
  writers: BenchClient[],
): Promise<StorageWork> {
  const actor: Actor = {
    userId: who.clinician.userId,
    name: "bench",
    email: who.clinician.email,
    sessionId: "bench",
    memberships: await membershipsOf(db.kysely, who.clinician.userId),
  };
  let n = 0;
  const nextOf = (list: BenchClient[]) => {
    n += 1;
    const client = list[n % list.length];
    if (!client) throw new Error("no clients to act as");
    return client;
  };
  return {
    async checkIn() {
      const c = nextOf(writers);
      await appendAudit(db, auditOf(c.userId, "self", c.id, "check_ins", "write"));
      const answers = SaveCheckInRequest.parse(checkInAnswers(c.checkInId, n));
      await saveCheckIn(db, c.id, c.userId, c.today, answers);
    },
    async home() {
      const c = nextOf(who.clients);
      await appendAudit(db, auditOf(c.userId, "self", c.id, "recovery_today", "read"));
      await getRecoveryToday(db.kysely, c.id);
    },
    async caseload() {
      await getCaseload(db, actor, who.organisationId, null);
    },
    async timeline() {
      const c = nextOf(who.clients);
      await appendAudit(db, auditOf(actor.userId, "care-team", c.id, "recovery_timeline", "read"));
      await getTimeline(db, c.id, "care-team", 365);
    },
    // Programme-wide reads: the access check writes no audit event for them.
    async qualityDashboard() {
      await qualityDashboard(db, who.organisationId);
    },
    async outcomeReport() {
      await outcomeReportOf(db, who.organisationId, { basis: who.report.basis, quarter: who.report.quarter });
    },
  };
}

/** Calls `work` from `concurrency` loops for `seconds`; latencies in ms. */
export async function measureStorage(work: () => Promise<void>, seconds: number, concurrency: number) {
  const latencies: number[] = [];
  const began = performance.now();
  const end = began + seconds * 1000;
  let errors = 0;
  let firstError: unknown = null;
  const loop = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await work();
        latencies.push(performance.now() - t);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  if (firstError) process.stderr.write(`storage ceiling: ${errors} errors, first: ${String(firstError)}\n`);
  return { ...summarise(latencies, (performance.now() - began) / 1000), errors };
}
