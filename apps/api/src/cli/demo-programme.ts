import {
  type AftercareWeekly,
  type AssessmentResult,
  addDays,
  answerCodes,
  ConsentKind,
  followUpCheck,
  gad7,
  type InstrumentDefinition,
  type LocalDate,
  localDateOf,
  nextOccurrence,
  occurrencesDueBy,
  phq9,
  quarterRange,
  quartersEndingAt,
  scoreResponse,
  uuidv7,
} from "@lantern/domain";
import type { Insertable } from "kysely";
import type { DialectName } from "../db/dialect.js";
import type { Executor } from "../db/executor.js";
import type { Database } from "../db/schema.js";
import { rowsPerStatement } from "./bulk-insert.js";

/** Who is already in the demo programme when the larger programme is added around them. */
export interface DemoProgrammeStart {
  organisationId: string;
  timeZone: string;
  adminUserId: string;
  /** Dr Priya Raman. */
  clinicianUserId: string;
  /** Sam Okafor's client record. */
  clientId: string;
  clientUserId: string;
}

/** How many alumni are admitted (and discharged) in each of the six quarters before this one. */
export const alumniPerQuarter = [7, 13, 14, 14, 12, 10] as const;

/** What the seed wrote, for the command's summary and the tests. */
export interface DemoProgrammeSummary {
  alumni: number;
  currentClients: number;
  clinicians: number;
  /** The quarters of the alumni cohorts (oldest first), with their sizes. */
  cohorts: { quarter: string; clients: number }[];
}

/** A small deterministic random source, so every demo looks the same. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Table = keyof Database;

/** Parents before children, so every foreign key finds its row. */
const writeOrder = [
  "users",
  "memberships",
  "clients",
  "care_team_members",
  "tracks",
  "units",
  "rooms",
  "beds",
  "staff_credentials",
  "episodes",
  "episode_segments",
  "assessment_schedules",
  "assessments",
  "ledger_events",
  "groups",
  "group_facilitators",
  "group_members",
  "group_sessions",
  "group_attendance",
  "family_participants",
  "family_sessions",
  "family_session_participants",
  "alumni_volunteers",
  "aftercare_plans",
  "aftercare_attendance",
] as const satisfies readonly Table[];
type Written = (typeof writeOrder)[number];

/** Rows gathered per table, then written as multi-row INSERTs (every row of a table has the same columns). */
class Rows {
  private readonly byTable = new Map<Written, Record<string, unknown>[]>();
  add<T extends Written>(table: T, row: Insertable<Database[T]>) {
    const list = this.byTable.get(table) ?? [];
    list.push(row as Record<string, unknown>);
    this.byTable.set(table, list);
  }
  count(table: Written) {
    return this.byTable.get(table)?.length ?? 0;
  }
  async write(db: Executor, dialect: DialectName) {
    for (const table of writeOrder) {
      const rows = this.byTable.get(table) ?? [];
      if (rows.length === 0) continue;
      const per = rowsPerStatement(dialect, Object.keys(rows[0] ?? {}).length);
      for (let i = 0; i < rows.length; i += per)
        await db
          .insertInto(table)
          .values(rows.slice(i, i + per) as never)
          .execute();
    }
  }
}

// Invented names only. Combined deterministically, so no one person is described.
const menFirst = [
  "Aaron",
  "Bilal",
  "Callum",
  "Dominic",
  "Elliot",
  "Farid",
  "Gareth",
  "Hamish",
  "Idris",
  "Jonah",
  "Kieran",
  "Lewis",
  "Mateo",
  "Nathan",
  "Oscar",
  "Piotr",
  "Rhys",
  "Stefan",
  "Theo",
  "Umar",
  "Victor",
  "Warren",
  "Yusuf",
  "Zane",
  "Ben",
  "Conor",
  "Declan",
  "Ewan",
  "Felix",
  "Gus",
];
const womenFirst = [
  "Abigail",
  "Bethan",
  "Chloe",
  "Daria",
  "Eilidh",
  "Freya",
  "Grace",
  "Hana",
  "Imogen",
  "Jasmin",
  "Katrin",
  "Leona",
  "Maya",
  "Nadia",
  "Olwen",
  "Priya",
  "Rosa",
  "Sinead",
  "Tamsin",
  "Uma",
];
const surnames = [
  "Ashdown",
  "Brennagh",
  "Carrow",
  "Delacey",
  "Elmsworth",
  "Farrant",
  "Galloway",
  "Hartwell",
  "Ingleby",
  "Jessop",
  "Kilbride",
  "Larkhill",
  "Merriman",
  "Northcott",
  "Oakden",
  "Pennock",
  "Quarrie",
  "Redfern",
  "Stanway",
  "Thorncliffe",
  "Underhay",
  "Vickery",
  "Wetherall",
  "Yardley",
  "Achebe-Lunn",
  "Bramwell",
  "Castellan",
  "Drummond-Hay",
  "Esterby",
  "Fairbairn",
  "Greaves",
  "Holloway",
];

const groupTopics = [
  "What the first week of abstinence feels like",
  "Shame and guilt: telling them apart",
  "Loneliness as a trigger",
  "Writing the inner circle honestly",
  "Boundaries with devices",
  "Repairing trust at home",
  "Urges: noticing, naming, riding them out",
  "Planning the weekend",
  "Intimacy without secrecy",
  "Handling a slip without giving up",
  "Stress at work and old habits",
  "What support looks like after discharge",
];
const familyTopics = [
  "Understanding compulsive sexual behaviour together",
  "What disclosure has meant for us",
  "Boundaries for the return home",
  "Rebuilding everyday routines",
];

/** A local day's weekday, Monday first, matching the groups table's words. */
const weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const weekdayOf = (day: LocalDate) => weekdayNames[new Date(`${day}T12:00:00Z`).getUTCDay()] ?? "monday";
const instant = (day: LocalDate, hour = 10) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, ".");

/**
 * Answers that add up to `target` on a questionnaire whose items score 0–3 (the last PHQ-9 item, about
 * thoughts of self-harm, stays at "not at all" so the demo raises no safety flags), scored with the
 * domain's own engine so the stored result matches what the pages compute.
 */
function answered(definition: InstrumentDefinition, target: number, random: () => number) {
  const items = definition.items.filter((item) => item.id !== "phq-9-9");
  const answers: Record<string, number> = Object.fromEntries(definition.items.map((item) => [item.id, 0]));
  const max = 3;
  let left = Math.max(0, Math.min(target, items.length * max));
  while (left > 0) {
    const item = items[Math.floor(random() * items.length)];
    if (!item || (answers[item.id] ?? 0) >= max) continue;
    answers[item.id] = (answers[item.id] ?? 0) + 1;
    left--;
  }
  const score = scoreResponse(definition, answerCodes(definition, answers));
  if (!score.ok)
    throw new Error(`The demo's ${definition.id} answers do not score: ${score.problems[0]?.message}`);
  const result: AssessmentResult = {
    total: score.total,
    band: score.band?.label ?? null,
    flags: score.flags,
  };
  return { answers, result, safety: score.flags.length > 0 };
}

/**
 * Adds a programme large enough for the quality figures around the demo's first five people: four
 * tracks (a men's residential track with its own unit of twelve beds, a women's intensive-outpatient
 * track, the partner and the family programmes), five more clinicians with credentials, seventy former
 * clients discharged over the last six quarters with their questionnaires, follow-ups, groups, family
 * sessions and aftercare, and thirteen current clients (Sam Okafor among the men in residence).
 * Every row is written directly and in bulk inside the caller's transaction; nothing is hashed.
 */
export async function seedDemoProgramme(
  db: Executor,
  dialect: DialectName,
  start: DemoProgrammeStart,
  now: Date,
): Promise<DemoProgrammeSummary> {
  // One stream per alumnus (reset below), so what one person's dates change never moves another's draws.
  let random = randomFrom(20261201);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const today = localDateOf(now, start.timeZone);
  const org = start.organisationId;
  const rows = new Rows();
  const admin = start.adminUserId;

  // ---- Tracks, the men's unit, rooms and beds
  const track = (
    name: string,
    kind: Insertable<Database["tracks"]>["kind"],
    gender: "men" | "women" | "mixed",
  ) => {
    const id = uuidv7();
    rows.add("tracks", {
      id,
      organisation_id: org,
      name,
      kind,
      csb_dedicated: true,
      gender_designation: gender,
      created_at: instant(addDays(today, -600)),
    });
    return id;
  };
  const mensTrack = track("Men's residential programme", "residential", "men");
  const womensTrack = track("Women's intensive outpatient programme", "intensive_outpatient", "women");
  track("Partner programme", "partner_programme", "mixed");
  track("Family programme", "family_programme", "mixed");
  const unitId = uuidv7();
  rows.add("units", {
    id: unitId,
    organisation_id: org,
    name: "Harbour House (men)",
    gender_restriction: "men",
    created_at: instant(addDays(today, -600)),
  });
  const beds: string[] = [];
  for (const [r, roomName] of ["Anchor", "Beacon", "Compass", "Dune", "Estuary", "Fathom"].entries()) {
    const roomId = uuidv7();
    rows.add("rooms", {
      id: roomId,
      unit_id: unitId,
      name: `${roomName} room`,
      created_at: instant(addDays(today, -600)),
    });
    for (const label of ["A", "B"]) {
      const bedId = uuidv7();
      beds.push(bedId);
      rows.add("beds", {
        id: bedId,
        room_id: roomId,
        label: `${r + 1}${label}`,
        state: "free",
        created_at: instant(addDays(today, -600)),
      });
    }
  }
  // Who sleeps where, so no two stays share a bed on the same night.
  const bedStays = new Map<string, { from: LocalDate; to: LocalDate | null }[]>(beds.map((b) => [b, []]));
  const takeBed = (from: LocalDate, to: LocalDate | null) => {
    const overlaps = (s: { from: LocalDate; to: LocalDate | null }) =>
      (to === null || s.from <= to) && (s.to === null || from <= s.to);
    const bed = beds.find((b) => !(bedStays.get(b) ?? []).some(overlaps));
    if (bed) bedStays.get(bed)?.push({ from, to });
    return bed ?? null;
  };

  // ---- Staff: five more clinicians (no sign-in: no credential account), and everyone's credentials
  const clinicians: { id: string; name: string }[] = [{ id: start.clinicianUserId, name: "Dr Priya Raman" }];
  for (const name of [
    "Dr Tomasz Wilk",
    "Aisha Bello",
    "Rory Fenwick",
    "Helen Marchbank",
    "Kwame Asante-Boyd",
  ]) {
    const id = uuidv7();
    clinicians.push({ id, name });
    const at = instant(addDays(today, -540));
    rows.add("users", {
      id,
      name,
      email: `${slug(name).replace(/^dr\./, "")}@staff.demo.lantern.invalid`,
      email_verified: false,
      image: null,
      created_at: at,
      updated_at: at,
    });
    rows.add("memberships", {
      id: uuidv7(),
      user_id: id,
      organisation_id: org,
      role: "clinician",
      created_at: at,
    });
  }
  const credential = (
    who: number,
    kind: Insertable<Database["staff_credentials"]>["kind"],
    issuer: string,
    issuedDaysAgo: number,
    expiresInDays: number | null,
    licenceType: string | null = null,
  ) =>
    rows.add("staff_credentials", {
      id: uuidv7(),
      organisation_id: org,
      user_id: clinicians[who]?.id ?? "",
      kind,
      licence_type: licenceType,
      issuer,
      number: `DEMO-${String(rows.count("staff_credentials") + 101).padStart(4, "0")}`,
      issued_on: addDays(today, -issuedDaysAgo),
      expires_on: expiresInDays === null ? null : addDays(today, expiresInDays),
      recorded_by_user_id: admin,
      created_at: instant(addDays(today, -30)),
      updated_at: instant(addDays(today, -30)),
      removed_at: null,
    });
  const certBoard = "Coastal Board of Recovery Specialists (fictional)";
  const register = "Register of Talking Therapists (fictional)";
  credential(0, "sex_addiction_specialist", certBoard, 900, 560);
  credential(0, "licensed_mental_health", register, 2400, 300, "Clinical psychologist");
  credential(1, "sex_addiction_specialist", certBoard, 700, 400);
  credential(1, "licensed_mental_health", register, 3000, 200, "Counselling psychologist");
  credential(2, "sex_addiction_specialist", certBoard, 500, 600);
  credential(2, "licensed_mental_health", register, 1500, 500, "Clinical social worker");
  credential(3, "sex_addiction_specialist", certBoard, 1000, 420);
  credential(3, "addiction_counsellor", "Addiction Counsellors' Guild (fictional)", 1800, 700);
  // Renewal due within 60 days: the admin sees the warning.
  credential(4, "sex_addiction_specialist", certBoard, 1050, 38);
  credential(5, "sex_addiction_candidate", certBoard, 200, 530);
  credential(5, "licensed_mental_health", register, 1200, 900, "Licensed professional counsellor");

  // ---- People (users, memberships, client records, care teams)
  const usedNames = new Set<string>();
  let nameIndex = 0;
  const newClient = (gender: "man" | "woman", since: LocalDate) => {
    const first = gender === "man" ? menFirst : womenFirst;
    let name = "";
    do {
      name = `${first[nameIndex % first.length]} ${surnames[(nameIndex * 7 + Math.floor(nameIndex / 32)) % surnames.length]}`;
      nameIndex++;
    } while (usedNames.has(name));
    usedNames.add(name);
    const userId = uuidv7();
    const clientId = uuidv7();
    const at = instant(since, 9);
    rows.add("users", {
      id: userId,
      name,
      email: `${slug(name)}@clients.demo.lantern.invalid`,
      email_verified: false,
      image: null,
      created_at: at,
      updated_at: at,
    });
    rows.add("memberships", {
      id: uuidv7(),
      user_id: userId,
      organisation_id: org,
      role: "client",
      created_at: at,
    });
    rows.add("clients", {
      id: clientId,
      user_id: userId,
      organisation_id: org,
      time_zone: start.timeZone,
      placement_gender: gender,
      alias: null,
      created_at: at,
    });
    const clinician = clinicians[rows.count("clients") % clinicians.length] ?? clinicians[0];
    rows.add("care_team_members", {
      client_id: clientId,
      clinician_user_id: clinician?.id ?? start.clinicianUserId,
      assigned_by_user_id: admin,
      created_at: at,
    });
    return { clientId, userId, name, gender, clinicianId: clinician?.id ?? start.clinicianUserId };
  };
  type Person = ReturnType<typeof newClient>;

  // Agreement to be contacted after discharge is recorded once the domain knows that consent (the
  // follow-up work adds it); until then the episode views would refuse an unknown kind.
  const followUpConsentKnown = (ConsentKind.options as readonly string[]).includes("outcome_follow_up");
  const consents = (day: LocalDate, followUp: boolean) =>
    JSON.stringify([
      { kind: "treatment", signedOn: day },
      { kind: "programme_rules", signedOn: day },
      { kind: "privacy_notice", signedOn: day },
      { kind: "technology_limits", signedOn: day },
      ...(followUp && followUpConsentKnown ? [{ kind: "outcome_follow_up", signedOn: day }] : []),
    ]);

  const episode = (
    who: Person,
    admittedOn: LocalDate,
    dischargedOn: LocalDate | null,
    followUp: boolean,
    bedId: string | null,
  ) => {
    const id = uuidv7();
    const trackId = who.gender === "man" ? mensTrack : womensTrack;
    rows.add("episodes", {
      id,
      client_id: who.clientId,
      organisation_id: org,
      admitted_on: admittedOn,
      referral_source:
        ["GP referral", "Self-referral", "Therapist referral", "Partner's encouragement"][int(0, 3)] ?? "",
      consents: consents(admittedOn, followUp),
      track_id: trackId,
      bed_id: bedId,
      discharged_on: dischargedOn,
      discharge_type: dischargedOn === null ? null : chance(0.06) ? "against_advice" : "planned",
      admitted_by_user_id: who.clinicianId,
      discharged_by_user_id: dischargedOn === null ? null : who.clinicianId,
      created_at: instant(admittedOn),
      updated_at: instant(dischargedOn ?? admittedOn),
    });
    rows.add("episode_segments", {
      id: uuidv7(),
      episode_id: id,
      starts_on: admittedOn,
      ends_on: dischargedOn,
      track_id: trackId,
      level_of_care: who.gender === "man" ? "residential" : "intensive_outpatient",
      bed_id: bedId,
      recorded_by_user_id: who.clinicianId,
      created_at: instant(admittedOn),
    });
    return id;
  };

  /** A battery (PHQ-9 and GAD-7) of one schedule; `scores` null leaves the occurrence unanswered. */
  const battery = (
    who: Person,
    scheduleId: string,
    day: LocalDate,
    scores: { phq9: number; gad7: number } | null,
  ) => {
    for (const [definition, target] of [
      [phq9, scores?.phq9],
      [gad7, scores?.gad7],
    ] as const) {
      const done = target === undefined ? null : answered(definition, target, random);
      const completedOn = addDays(day, int(0, 4));
      rows.add("assessments", {
        id: uuidv7(),
        client_id: who.clientId,
        instrument_id: definition.id,
        assigned_by_user_id: who.clinicianId,
        due_date: day,
        status: done ? "completed" : "due",
        answers: JSON.stringify(done?.answers ?? {}),
        result: done ? JSON.stringify(done.result) : null,
        safety_flag: done?.safety ?? false,
        created_at: instant(day, 7),
        updated_at: instant(done ? (completedOn < today ? completedOn : day) : day, 19),
        completed_at: done ? instant(completedOn < today ? completedOn : day, 19) : null,
        schedule_id: scheduleId,
        occurrence_day: day,
      });
    }
  };
  // The follow-up check (Lantern's own questions, unscored): stored answers only, as the API does.
  const followUpCheckRow = (who: Person, scheduleId: string, day: LocalDate, answers: boolean) => {
    const completedOn = addDays(day, int(0, 4));
    const at = completedOn < today ? completedOn : day;
    const relationship = [1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5][int(0, 15)] ?? 5;
    const still = () => (chance(0.7) ? 1 : 0);
    rows.add("assessments", {
      id: uuidv7(),
      client_id: who.clientId,
      instrument_id: followUpCheck.id,
      assigned_by_user_id: who.clinicianId,
      due_date: day,
      status: answers ? "completed" : "due",
      answers: JSON.stringify(
        answers ? { relationship, therapist: still(), groups: still(), meetings: still() } : {},
      ),
      result: null,
      safety_flag: false,
      created_at: instant(day, 7),
      updated_at: instant(answers ? at : day, 19),
      completed_at: answers ? instant(at, 19) : null,
      schedule_id: scheduleId,
      occurrence_day: day,
    });
  };
  const schedule = (who: Person, kind: "admission" | "discharge" | "follow_up", startDay: LocalDate) => {
    const id = uuidv7();
    rows.add("assessment_schedules", {
      id,
      client_id: who.clientId,
      kind,
      instrument_ids: JSON.stringify(
        kind === "follow_up" ? ["phq-9", "gad-7", followUpCheck.id] : ["phq-9", "gad-7"],
      ),
      start_day: startDay,
      created_by_user_id: who.clinicianId,
      created_at: instant(startDay, 8),
      next_day: nextOccurrence({ kind, startDay, stoppedOn: null }, today),
      stopped_on: null,
      stopped_at: null,
      stopped_by_user_id: null,
    });
    return id;
  };
  const ledger = (who: Person, kind: "sobriety_start" | "inner_circle_act", date: LocalDate) =>
    rows.add("ledger_events", {
      id: uuidv7(),
      client_id: who.clientId,
      kind,
      date,
      target_id: null,
      note: null,
      source: "manual",
      source_id: null,
      recorded_by_user_id: who.userId,
      recorded_at: instant(date, 21),
    });
  const family = (who: Person, from: LocalDate, to: LocalDate) => {
    const surname = who.name.split(" ").slice(1).join(" ");
    const participants = [
      {
        id: uuidv7(),
        name: `${who.gender === "man" ? womenFirst[int(0, womenFirst.length - 1)] : menFirst[int(0, menFirst.length - 1)]} ${surname}`,
        relationship: "partner" as const,
      },
      ...(chance(0.3)
        ? [
            {
              id: uuidv7(),
              name: `${menFirst[int(0, menFirst.length - 1)]} ${surname}`,
              relationship: "family_member" as const,
            },
          ]
        : []),
    ];
    for (const p of participants)
      rows.add("family_participants", {
        id: p.id,
        client_id: who.clientId,
        name: p.name,
        relationship: p.relationship,
        invitation_id: null,
        consents: JSON.stringify([{ name: "Taking part in family sessions", givenOn: from }]),
        created_by_user_id: who.clinicianId,
        created_at: instant(from, 11),
        updated_at: instant(from, 11),
      });
    const sessions = int(1, 3);
    for (let s = 0; s < sessions; s++) {
      const heldOn = addDays(from, 7 + s * 10);
      if (heldOn > to || heldOn >= today) break;
      const sessionId = uuidv7();
      rows.add("family_sessions", {
        id: sessionId,
        client_id: who.clientId,
        held_on: heldOn,
        topic: familyTopics[s % familyTopics.length] ?? "",
        client_attendance: "present",
        created_by_user_id: who.clinicianId,
        created_at: instant(heldOn, 17),
      });
      for (const p of participants)
        rows.add("family_session_participants", {
          session_id: sessionId,
          participant_id: p.id,
          attendance: chance(0.85) ? "present" : "excused",
          note: "",
        });
    }
  };

  // ---- Groups: one for the current clients of each track, one for the alumni's time in it
  const groups: Record<
    "menNow" | "womenNow" | "menEarlier" | "womenEarlier",
    { id: string; weekday: string; members: { who: Person; from: LocalDate; to: LocalDate | null }[] }
  > = {
    menNow: { id: uuidv7(), weekday: "tuesday", members: [] },
    womenNow: { id: uuidv7(), weekday: "thursday", members: [] },
    menEarlier: { id: uuidv7(), weekday: "wednesday", members: [] },
    womenEarlier: { id: uuidv7(), weekday: "monday", members: [] },
  };
  const groupDetails = {
    menNow: {
      name: "Men's morning process group",
      trackId: mensTrack,
      time: "10:00",
      minutes: 75,
      facilitators: [0, 3],
    },
    womenNow: {
      name: "Women's evening group",
      trackId: womensTrack,
      time: "18:30",
      minutes: 90,
      facilitators: [1],
    },
    menEarlier: {
      name: "Men's group (earlier intakes)",
      trackId: mensTrack,
      time: "14:00",
      minutes: 75,
      facilitators: [2],
    },
    womenEarlier: {
      name: "Women's group (earlier intakes)",
      trackId: womensTrack,
      time: "18:00",
      minutes: 90,
      facilitators: [1, 4],
    },
  };

  // ---- Alumni: admitted and discharged within each of the last six quarters
  const quarters = quartersEndingAt(today, alumniPerQuarter.length + 1).slice(0, alumniPerQuarter.length);
  const alumni: { who: Person; episodeId: string; admittedOn: LocalDate; dischargedOn: LocalDate }[] = [];
  const planned: {
    gender: "man" | "woman";
    admittedOn: LocalDate;
    dischargedOn: LocalDate;
    /** Place in the quarter's intake: who consents to and answers follow-ups is by place, not chance. */
    position: number;
  }[] = [];
  quarters.forEach((quarter, q) => {
    const { from } = quarterRange(quarter);
    for (let i = 0; i < (alumniPerQuarter[q] ?? 0); i++) {
      const gender = i % 5 < 3 ? "man" : "woman";
      const admittedOn = addDays(from, int(0, 40));
      planned.push({ gender, admittedOn, dischargedOn: addDays(admittedOn, int(28, 48)), position: i });
    }
  });
  planned.sort((a, b) => (a.admittedOn < b.admittedOn ? -1 : a.admittedOn > b.admittedOn ? 1 : 0));

  // Current clients first take their beds (open stays), then alumni fill the beds around them.
  const current: { who: Person; admittedOn: LocalDate; bedId: string | null }[] = [];
  const sam: Person = {
    clientId: start.clientId,
    userId: start.clientUserId,
    name: "Sam Okafor",
    gender: "man",
    clinicianId: start.clinicianUserId,
  };
  {
    const admittedOn = addDays(today, -28);
    current.push({ who: sam, admittedOn, bedId: takeBed(admittedOn, null) });
  }
  const currentPlan: ["man" | "woman", number][] = [
    ...Array.from({ length: 8 }, (_, i): ["man", number] => ["man", 4 + i * 6]),
    ...Array.from({ length: 5 }, (_, i): ["woman", number] => ["woman", 6 + i * 8]),
  ];
  for (const [gender, daysAgo] of currentPlan) {
    const admittedOn = addDays(today, -daysAgo);
    const who = newClient(gender, admittedOn);
    current.push({ who, admittedOn, bedId: gender === "man" ? takeBed(admittedOn, null) : null });
  }

  let volunteers = 0;
  for (const [index, p] of planned.entries()) {
    random = randomFrom(20261201 + 7919 * (index + 1));
    const who = newClient(p.gender, addDays(p.admittedOn, -3));
    // One in ten does not agree to follow-up; one in five of the rest never answers one. Those who
    // answer always answer the first, and each later one four times in five.
    const followUp = p.position % 10 !== 9;
    const responder = p.position % 5 !== 4;
    const bedId = p.gender === "man" ? takeBed(p.admittedOn, p.dischargedOn) : null;
    const episodeId = episode(who, p.admittedOn, p.dischargedOn, followUp, bedId);
    alumni.push({ who, episodeId, admittedOn: p.admittedOn, dischargedOn: p.dischargedOn });

    // Questionnaires: at admission, at discharge, and the follow-ups due by today.
    const phqIn = int(7, 21);
    const gadIn = int(5, 17);
    battery(who, schedule(who, "admission", p.admittedOn), p.admittedOn, { phq9: phqIn, gad7: gadIn });
    const phqOut = Math.max(1, phqIn - int(2, 8));
    const gadOut = Math.max(1, gadIn - int(2, 7));
    battery(who, schedule(who, "discharge", p.dischargedOn), p.dischargedOn, { phq9: phqOut, gad7: gadOut });
    if (followUp) {
      const scheduleId = schedule(who, "follow_up", p.dischargedOn);
      const due = occurrencesDueBy({ kind: "follow_up", startDay: p.dischargedOn, stoppedOn: null }, today);
      for (const [n, day] of due.entries()) {
        // Most answer; most stay below their admission scores, some drift back up for a while.
        const worse = chance(0.12);
        const answers = responder && (n === 0 || chance(0.8));
        followUpCheckRow(who, scheduleId, day, answers);
        battery(
          who,
          scheduleId,
          day,
          answers
            ? {
                phq9: worse ? Math.min(27, phqIn + int(-2, 2)) : Math.max(0, phqOut + int(-4, 3)),
                gad7: worse ? Math.min(21, gadIn + int(-2, 2)) : Math.max(0, gadOut + int(-3, 3)),
              }
            : null,
        );
      }
    }

    // The ledger: a start at admission and a few inner-circle acts since, mostly early on.
    ledger(who, "sobriety_start", p.admittedOn);
    for (let a = int(0, 3); a > 0; a--) {
      const lateAct = chance(0.25);
      const day = lateAct ? addDays(today, -int(1, 60)) : addDays(p.admittedOn, int(3, 120));
      if (day < today && day > p.admittedOn) ledger(who, "inner_circle_act", day);
    }

    groups[p.gender === "man" ? "menEarlier" : "womenEarlier"].members.push({
      who,
      from: p.admittedOn,
      to: p.dischargedOn,
    });
    // Three in five former clients had family take part, fixed by place so the share stays above half.
    if (p.position % 5 < 3) family(who, p.admittedOn, p.dischargedOn);

    // Aftercare: a plan for every alumnus discharged with one, attendance logged by some.
    if (chance(0.45)) {
      const groupItem: AftercareWeekly = {
        id: uuidv7(),
        name: "Harbour Light alumni group",
        weekday: "wednesday",
        time: "19:00",
        place: "Harbour House, side entrance",
      };
      const meetingItem: AftercareWeekly = {
        id: uuidv7(),
        name: "Saturday twelve-step meeting",
        weekday: "saturday",
        time: "10:30",
        place: "Community hall",
      };
      rows.add("aftercare_plans", {
        episode_id: episodeId,
        client_id: who.clientId,
        therapist: JSON.stringify({
          name: "Dr Tomasz Wilk",
          contact: "020 7946 0024",
          firstAppointmentOn: addDays(p.dischargedOn, 7),
        }),
        groups: JSON.stringify([groupItem]),
        meetings: JSON.stringify([meetingItem]),
        sponsor: null,
        follow_up_schedule_id: null,
        updated_by_user_id: who.clinicianId,
        updated_at: instant(addDays(p.dischargedOn, -2), 15),
      });
      const weeks = int(3, 10);
      for (let w = 0; w < weeks; w++) {
        for (const [kind, item] of [
          ["group", groupItem],
          ["meeting", meetingItem],
        ] as const) {
          const onDay = addDays(p.dischargedOn, 3 + w * 7 + (kind === "meeting" ? 3 : 0));
          if (onDay >= today) continue;
          rows.add("aftercare_attendance", {
            id: uuidv7(),
            client_id: who.clientId,
            episode_id: episodeId,
            on_day: onDay,
            kind,
            item_id: item.id,
            attended: chance(0.8),
            created_at: instant(onDay, 21),
          });
        }
      }
    }
  }
  // Five alumni volunteer to speak with people considering the programme.
  for (const a of alumni.filter((_, i) => i % 13 === 2).slice(0, 5)) {
    volunteers++;
    rows.add("alumni_volunteers", {
      client_id: a.who.clientId,
      organisation_id: org,
      volunteering: true,
      updated_at: instant(addDays(a.dischargedOn, 40), 12),
    });
  }

  random = randomFrom(20261202);
  // ---- Current clients: open episodes (beds for the men), admission questionnaires, groups, family
  for (const c of current) {
    const isSam = c.who.clientId === start.clientId;
    episode(c.who, c.admittedOn, null, true, c.bedId);
    battery(c.who, schedule(c.who, "admission", c.admittedOn), c.admittedOn, {
      phq9: int(8, 19),
      gad7: int(6, 16),
    });
    if (!isSam) ledger(c.who, "sobriety_start", addDays(c.admittedOn, -int(0, 10)));
    groups[c.who.gender === "man" ? "menNow" : "womenNow"].members.push({
      who: c.who,
      from: c.admittedOn,
      to: null,
    });
    if (isSam || chance(0.6)) family(c.who, c.admittedOn, addDays(today, -1));
  }

  // ---- Groups, members, weekly sessions and who came
  for (const key of Object.keys(groups) as (keyof typeof groups)[]) {
    const g = groups[key];
    const d = groupDetails[key];
    const first = g.members.reduce((min, m) => (m.from < min ? m.from : min), today);
    const last = g.members.reduce(
      (max, m) => (m.to === null ? addDays(today, -1) : m.to > max ? m.to : max),
      first,
    );
    rows.add("groups", {
      id: g.id,
      organisation_id: org,
      track_id: d.trackId,
      name: d.name,
      weekday: g.weekday as Insertable<Database["groups"]>["weekday"],
      start_time: d.time,
      duration_minutes: d.minutes,
      created_by_user_id: admin,
      created_at: instant(addDays(first, -7)),
    });
    for (const f of d.facilitators)
      rows.add("group_facilitators", { group_id: g.id, user_id: clinicians[f]?.id ?? "" });
    for (const m of g.members)
      rows.add("group_members", {
        group_id: g.id,
        client_id: m.who.clientId,
        added_on: m.from,
        added_by_user_id: m.who.clinicianId,
        created_at: instant(m.from, 12),
      });
    let day = first;
    while (weekdayOf(day) !== g.weekday) day = addDays(day, 1);
    let topic = 0;
    for (; day <= last && day < today; day = addDays(day, 7)) {
      const present = g.members.filter((m) => m.from <= day && (m.to === null || day <= m.to));
      if (present.length === 0) continue;
      const sessionId = uuidv7();
      const facilitator = clinicians[d.facilitators[0] ?? 0]?.id ?? start.clinicianUserId;
      rows.add("group_sessions", {
        id: sessionId,
        group_id: g.id,
        held_on: day,
        topic: groupTopics[topic++ % groupTopics.length] ?? "",
        summary: "Check-in round, the week's topic, and one commitment each for the coming week.",
        created_by_user_id: facilitator,
        created_at: instant(day, 16),
      });
      for (const m of present) {
        const r = random();
        rows.add("group_attendance", {
          session_id: sessionId,
          client_id: m.who.clientId,
          status: r < 0.82 ? "present" : r < 0.9 ? "late" : r < 0.97 ? "excused" : "absent",
          recorded_by_user_id: facilitator,
          updated_at: instant(day, 16),
        });
      }
    }
  }

  await rows.write(db, dialect);
  // Sam Okafor is a man in residence: his gender for placement is recorded like everyone else's.
  await db.updateTable("clients").set({ placement_gender: "man" }).where("id", "=", start.clientId).execute();

  return {
    alumni: alumni.length,
    currentClients: current.length,
    clinicians: clinicians.length,
    cohorts: quarters.map((quarter, q) => ({ quarter, clients: alumniPerQuarter[q] ?? 0 })),
  };
}
