import {
  type AssessmentResult,
  addDays,
  answerCodes,
  gad7,
  type InstrumentDefinition,
  nextOccurrence,
  occurrencesDueBy,
  phq9,
  scoreResponse,
} from "@lantern/domain";
import type { QueuedRow } from "./generate-history.js";
import { between, pick, type Random, uuidv7At } from "./generate-random.js";

/**
 * The care record the quality dashboard and the outcome report read, for the generated programme:
 * two tracks, one episode per client with its segment, the admission battery (PHQ-9 and GAD-7,
 * completed on the admission day), the follow-up schedule of every discharged client with the
 * follow-ups due by today (about two in three answered), and staff credentials. Pure: the same
 * random stream gives the same rows.
 */

/** Quarters over which discharges are spread (about two years). */
export const careQuarters = 8;
/** Share of clients still in care today (an open episode). */
export const inCareShare = 0.15;
/** Share of follow-up occurrences answered. */
export const followUpAnsweredShare = 0.65;
const battery = ["phq-9", "gad-7"] as const;

export interface CareProgramme {
  organisationId: string;
  adminId: string;
  clinicianIds: string[];
  /** The programme's local day now (admission and discharge days are programme days). */
  today: string;
  tracks: { residential: string; partner: string };
}

interface Pattern {
  answers: string;
  result: string;
  safety: boolean;
}

/**
 * A handful of answer patterns per instrument, from no symptoms (level 0) to severe (level 5),
 * scored once with the domain's scoring (the generator reuses them: scoring every row would be slow).
 */
function patternsOf(definition: InstrumentDefinition): Pattern[] {
  return [0, 1, 2, 3, 4, 5].map((level) => {
    const answers: Record<string, number> = {};
    definition.items.forEach((item, i) => {
      const values = item.options.map((o) => o.value).sort((a, b) => a - b);
      // The self-harm item of the PHQ-9 stays at its lowest answer except at the most severe level.
      const wanted = item.id === "phq-9-9" && level < 5 ? 0 : Math.floor((level + (i % 3)) / 2);
      answers[item.id] = values[Math.min(wanted, values.length - 1)] ?? 0;
    });
    const score = scoreResponse(definition, answerCodes(definition, answers));
    if (!score.ok) throw new Error(`generated answers do not score: ${JSON.stringify(score.problems)}`);
    const result: AssessmentResult = {
      total: score.total,
      band: score.band?.label ?? null,
      flags: score.flags,
    };
    return {
      answers: JSON.stringify(answers),
      result: JSON.stringify(result),
      safety: score.flags.some((f) => f.flag === "safety"),
    };
  });
}

let patterns: Record<(typeof battery)[number], Pattern[]> | null = null;
const patternsFor = (instrument: (typeof battery)[number]) => {
  patterns ??= { "phq-9": patternsOf(phq9), "gad-7": patternsOf(gad7) };
  return patterns[instrument];
};

const iso = (day: string, hour: number) => `${day}T${String(hour).padStart(2, "0")}:00:00.000Z`;
const msOf = (day: string, hour: number) => Date.parse(iso(day, hour));

/** The programme's tracks and its staff's credentials (set-up rows, written before any client). */
export function programmeCareRows(p: CareProgramme, random: Random): QueuedRow[] {
  const out: QueuedRow[] = [];
  const setUpDay = addDays(p.today, -careQuarters * 92 - 120);
  const at = msOf(setUpDay, 9);
  out.push({
    table: "tracks",
    row: {
      id: p.tracks.residential,
      organisation_id: p.organisationId,
      name: "Men's residential (CSB)",
      kind: "residential",
      csb_dedicated: true,
      gender_designation: "men",
      created_at: iso(setUpDay, 9),
    },
  });
  out.push({
    table: "tracks",
    row: {
      id: p.tracks.partner,
      organisation_id: p.organisationId,
      name: "Partners' programme",
      kind: "partner_programme",
      csb_dedicated: true,
      gender_designation: "mixed",
      created_at: iso(setUpDay, 9),
    },
  });
  const credential = (userId: string, kind: string, issuedOn: string, expiresOn: string | null, n: number) =>
    out.push({
      table: "staff_credentials",
      row: {
        id: uuidv7At(at, random),
        organisation_id: p.organisationId,
        user_id: userId,
        kind,
        licence_type: kind === "licensed_mental_health" ? "LCSW" : null,
        issuer:
          kind === "sex_addiction_specialist" ? "Generated certification board" : "Generated licensing body",
        number: `GEN-${String(n).padStart(5, "0")}`,
        issued_on: issuedOn,
        expires_on: expiresOn,
        recorded_by_user_id: p.adminId,
        created_at: iso(setUpDay, 9),
        updated_at: iso(setUpDay, 9),
        removed_at: null,
      },
    });
  let n = 0;
  credential(p.adminId, "licensed_mental_health", addDays(p.today, -2000), addDays(p.today, 400), ++n);
  for (const clinicianId of p.clinicianIds) {
    const r = random();
    const issued = addDays(p.today, -between(random, 200, 1500));
    // Most hold a current certification; a few expire soon, a few have lapsed, some are candidates.
    const expires =
      r < 0.08
        ? addDays(p.today, between(random, 5, 50))
        : r < 0.14
          ? addDays(p.today, -between(random, 5, 90))
          : addDays(p.today, between(random, 100, 900));
    credential(
      clinicianId,
      r < 0.8 ? "sex_addiction_specialist" : "sex_addiction_candidate",
      issued,
      expires,
      ++n,
    );
    if (random() < 0.3) credential(clinicianId, "licensed_mental_health", addDays(issued, -300), null, ++n);
  }
  return out;
}

export interface CareSeat {
  clientId: string;
  /** The client's local day now: follow-ups due by it are given. */
  clientToday: string;
  clinicianUserId: string;
  /** Residential (men's track) or the partners' programme. */
  track: "residential" | "partner";
}

/**
 * One client's episode of care, its segment, the admission battery and, once discharged, the
 * follow-up schedule with the follow-ups due by the client's today.
 */
export function clientCareRows(p: CareProgramme, seat: CareSeat, random: Random): QueuedRow[] {
  const out: QueuedRow[] = [];
  const inCare = random() < inCareShare;
  let admittedOn: string;
  let dischargedOn: string | null;
  if (inCare) {
    admittedOn = addDays(p.today, -between(random, 0, 80));
    dischargedOn = null;
  } else {
    dischargedOn = addDays(p.today, -between(random, 1, careQuarters * 91));
    admittedOn = addDays(dischargedOn, -between(random, 28, 90));
  }
  const trackId = p.tracks[seat.track];
  const level = seat.track === "residential" ? "residential" : "partner_programme";
  const by = seat.clinicianUserId;
  const admittedAt = iso(admittedOn, 10);
  const closedAt = dischargedOn ? iso(dischargedOn, 15) : admittedAt;
  const episodeId = uuidv7At(msOf(admittedOn, 10), random);
  out.push({
    table: "episodes",
    row: {
      id: episodeId,
      client_id: seat.clientId,
      organisation_id: p.organisationId,
      admitted_on: admittedOn,
      referral_source: random() < 0.5 ? "Self-referral" : "General practitioner",
      consents: JSON.stringify(
        ["treatment", "programme_rules", "technology_limits", "privacy_notice"].map((kind) => ({
          kind,
          signedOn: admittedOn,
        })),
      ),
      track_id: trackId,
      bed_id: null,
      discharged_on: dischargedOn,
      discharge_type: dischargedOn ? (random() < 0.85 ? "planned" : "against_advice") : null,
      admitted_by_user_id: by,
      discharged_by_user_id: dischargedOn ? by : null,
      created_at: admittedAt,
      updated_at: closedAt,
    },
  });
  out.push({
    table: "episode_segments",
    row: {
      id: uuidv7At(msOf(admittedOn, 10), random),
      episode_id: episodeId,
      starts_on: admittedOn,
      ends_on: dischargedOn,
      track_id: trackId,
      level_of_care: level,
      bed_id: null,
      recorded_by_user_id: by,
      created_at: admittedAt,
    },
  });

  const schedule = (kind: "admission" | "follow_up", startDay: string, nextDay: string | null) => {
    const id = uuidv7At(msOf(startDay, 11), random);
    out.push({
      table: "assessment_schedules",
      row: {
        id,
        client_id: seat.clientId,
        kind,
        instrument_ids: JSON.stringify(battery),
        start_day: startDay,
        created_by_user_id: by,
        created_at: kind === "admission" ? iso(startDay, 11) : closedAt,
        next_day: nextDay,
        stopped_on: null,
        stopped_at: null,
        stopped_by_user_id: null,
      },
    });
    return id;
  };
  const give = (scheduleId: string, day: string, answered: boolean, severity: number) => {
    // Answered on the day or within the week after (never after yesterday).
    let doneOn = addDays(day, between(random, 0, 6));
    if (doneOn >= seat.clientToday) doneOn = day;
    for (const instrument of battery) {
      const pattern = answered ? pick(random, patternsFor(instrument).slice(severity, severity + 3)) : null;
      out.push({
        table: "assessments",
        row: {
          id: uuidv7At(msOf(day, 8), random),
          client_id: seat.clientId,
          instrument_id: instrument,
          assigned_by_user_id: by,
          due_date: day,
          status: pattern ? "completed" : "due",
          answers: pattern?.answers ?? "{}",
          result: pattern?.result ?? null,
          safety_flag: pattern?.safety ?? false,
          created_at: iso(day, 8),
          updated_at: pattern ? iso(doneOn, 19) : iso(day, 8),
          completed_at: pattern ? iso(doneOn, 19) : null,
          schedule_id: scheduleId,
          occurrence_day: day,
        },
      });
    }
  };

  // The admission battery, answered on the admission day: mostly moderate to severe.
  const admission = schedule("admission", admittedOn, admittedOn > seat.clientToday ? admittedOn : null);
  if (admittedOn <= seat.clientToday) give(admission, admittedOn, true, between(random, 2, 3));
  if (dischargedOn) {
    const times = { kind: "follow_up" as const, startDay: dischargedOn, stoppedOn: null };
    const followUp = schedule("follow_up", dischargedOn, nextOccurrence(times, seat.clientToday));
    // Follow-ups: mostly milder than at admission.
    for (const day of occurrencesDueBy(times, seat.clientToday))
      give(followUp, day, random() < followUpAnsweredShare, between(random, 0, 2));
  }
  return out;
}
