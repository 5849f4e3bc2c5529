import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { Db } from "../src/db/dialect.js";
import { buildClient } from "./builders.js";

/** What one seeded client of an outcome cohort answered; the tests compute expected figures from it. */
export interface SeededOutcome {
  phq9In: number;
  gad7In: number;
  phq9Follow: number | null;
  gad7Follow: number | null;
  /** Inner-circle acts in the last 30 days (every third day back from today). */
  acts: number;
  hasLedger: boolean;
  /**
   * The Lantern follow-up check answered at the latest follow-up (an earlier one with other answers
   * is seeded too), or left out when the client never answered it.
   */
  check?: { relationship: number; therapist: number; groups: number; meetings: number };
}

/** The thirteen clients of the second quarter of 2026 used by the quality tests. */
export const secondQuarterOutcomes = (): SeededOutcome[] =>
  Array.from({ length: 13 }, (_, i) => ({
    phq9In: 8 + i,
    gad7In: 5 + (i % 7),
    phq9Follow: i < 11 ? 3 + (i % 4) : null,
    gad7Follow: i < 4 ? 2 : null,
    acts: i % 3,
    hasLedger: i !== 5,
    // Twelve with the same partner, one who did not answer; aftercare varies.
    ...(i < 12
      ? {
          check: {
            relationship: 1,
            therapist: i % 2,
            groups: 0,
            meetings: i % 3 === 0 ? 1 : 0,
          },
        }
      : {}),
  }));

/**
 * Inserts a discharged client's episode, its stretch, admission and follow-up batteries (PHQ-9, GAD-7)
 * and ledger rows directly, as if they had been recorded over months.
 */
export async function seedOutcomeClient(
  db: Db,
  organisationId: string,
  staffUserId: string,
  trackId: string,
  admittedOn: string,
  dischargedOn: string,
  s: SeededOutcome,
) {
  const k = db.kysely;
  const today = localDateOf(new Date(), "Europe/London");
  const client = await buildClient(db, organisationId);
  const now = new Date();
  const episodeId = uuidv7();
  await k
    .insertInto("episodes")
    .values({
      id: episodeId,
      client_id: client.id,
      organisation_id: organisationId,
      admitted_on: admittedOn,
      referral_source: "",
      consents: "[]",
      track_id: trackId,
      bed_id: null,
      discharged_on: dischargedOn,
      discharge_type: "planned",
      admitted_by_user_id: staffUserId,
      discharged_by_user_id: staffUserId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await k
    .insertInto("episode_segments")
    .values({
      id: uuidv7(),
      episode_id: episodeId,
      starts_on: admittedOn,
      ends_on: dischargedOn,
      track_id: trackId,
      level_of_care: "outpatient",
      bed_id: null,
      recorded_by_user_id: staffUserId,
      created_at: now,
    })
    .execute();
  const schedule = async (kind: "admission" | "follow_up", day: string) => {
    const id = uuidv7();
    await k
      .insertInto("assessment_schedules")
      .values({
        id,
        client_id: client.id,
        kind,
        instrument_ids: JSON.stringify(["phq-9", "gad-7"]),
        start_day: day,
        created_by_user_id: staffUserId,
        created_at: now,
        next_day: null,
        stopped_on: null,
        stopped_at: null,
        stopped_by_user_id: null,
      })
      .execute();
    return id;
  };
  const assessment = async (
    scheduleId: string,
    instrument: string,
    day: string,
    total: number | null,
    answers: object = {},
  ) =>
    k
      .insertInto("assessments")
      .values({
        id: uuidv7(),
        client_id: client.id,
        instrument_id: instrument,
        assigned_by_user_id: staffUserId,
        due_date: day,
        status: total === null && Object.keys(answers).length === 0 ? "due" : "completed",
        answers: JSON.stringify(answers),
        result: total === null ? null : JSON.stringify({ total, band: null, flags: [] }),
        safety_flag: false,
        created_at: now,
        updated_at: now,
        completed_at: total === null && Object.keys(answers).length === 0 ? null : now,
        schedule_id: scheduleId,
        occurrence_day: day,
      })
      .execute();
  const admission = await schedule("admission", admittedOn);
  await assessment(admission, "phq-9", admittedOn, s.phq9In);
  await assessment(admission, "gad-7", admittedOn, s.gad7In);
  const first = addDays(dischargedOn, 30);
  const later = addDays(dischargedOn, 90);
  const follow = await schedule("follow_up", first);
  // An earlier answered follow-up with another score: the report takes the latest.
  await assessment(follow, "phq-9", first, s.phq9Follow === null ? null : 27);
  await assessment(follow, "phq-9", later, s.phq9Follow);
  await assessment(follow, "gad-7", later, s.gad7Follow);
  if (s.check) {
    // An earlier check with other answers: the report reads the latest one.
    await assessment(follow, "lantern-follow-up", first, null, {
      relationship: 3,
      therapist: 1 - s.check.therapist,
      groups: 1,
      meetings: 1,
    });
    await assessment(follow, "lantern-follow-up", later, null, s.check);
  } else await assessment(follow, "lantern-follow-up", later, null);
  if (s.hasLedger) {
    const add = (kind: string, date: string) =>
      k
        .insertInto("ledger_events")
        .values({
          id: uuidv7(),
          client_id: client.id,
          kind,
          date,
          target_id: null,
          note: null,
          source: "manual",
          source_id: null,
          recorded_by_user_id: client.userId,
          recorded_at: now,
        })
        .execute();
    await add("sobriety_start", addDays(today, -200));
    for (let a = 1; a <= s.acts; a++) await add("inner_circle_act", addDays(today, -3 * a));
  }
  return client;
}
