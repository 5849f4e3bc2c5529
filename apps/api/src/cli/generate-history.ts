import { addDays, type Circle, feelingsWheel, journalPrompts } from "@lantern/domain";
import type { Insertable } from "kysely";
import type { Database } from "../db/schema.js";
import type { FilledTable } from "./bulk-insert.js";
import { between, clamp, localInstant, pick, pickSome, type Random, uuidv7At } from "./generate-random.js";

/** One row for one table, as the bulk writer takes it. */
export interface QueuedRow {
  table: FilledTable;
  row: Record<string, unknown>;
}

/** The generated client whose history is being written. */
export interface ClientSeat {
  clientId: string;
  clientUserId: string;
  clinicianUserId: string;
  timeZone: string;
  /** The client's local day now: left without a check-in, as the demo leaves it for the visitor. */
  today: string;
}

const circlePools: Record<Circle, string[]> = {
  inner: [
    "Watching pornography",
    "Paying for sex",
    "Hook-up apps",
    "Sexting strangers",
    "Webcam sites",
    "Affairs",
    "Visiting massage parlours",
  ],
  middle: [
    "Scrolling on my phone in bed after 11 pm",
    "Skipping my evening call",
    "Keeping where I have been to myself",
    "Staying up alone past midnight",
    "Browsing dating profiles",
    "Searching for old partners online",
    "Drinking alone",
    "Skipping meals",
    "Driving around without a plan",
    "Fantasising at work",
    "Cancelling group",
  ],
  outer: [
    "Morning walk",
    "Calling my sponsor",
    "Cooking dinner at home",
    "Thursday group",
    "Reading before sleep",
    "Gym after work",
    "Playing with the kids",
    "Prayer or meditation",
    "Journalling",
    "Seeing friends at the weekend",
    "Gardening",
  ],
};

const triggerPool = [
  { label: "Lonely evenings after work", kind: "internal", category: "feeling" },
  { label: "Phone in bed", kind: "external", category: "device" },
  { label: "After an argument", kind: "external", category: "person" },
  { label: "Feeling bored on a Sunday", kind: "internal", category: "feeling" },
  { label: "Thinking I deserve a reward", kind: "internal", category: "thought" },
  { label: "Tired and wired after a late shift", kind: "internal", category: "body" },
  { label: "Hotel rooms on work trips", kind: "external", category: "place" },
  { label: "Late at night", kind: "external", category: "time" },
] as const;

const copingPool = [
  "Phone charges in the kitchen overnight",
  "Call my sponsor",
  "Walk around the block",
  "Ride out the urge with the timer",
  "Cold shower",
  "Text the group chat",
  "Read my list of reasons",
  "Make a cup of tea and sit with it",
];

const notePool = [
  "Long day at work.",
  "Good session with the group.",
  "Felt the pull in the evening but stayed with it.",
  "Slept badly.",
  "Quiet day, mostly fine.",
  "Argued with my brother.",
];

const journalPool = [
  "Looking back, the scrolling was never about the pictures. It filled the quiet after work.",
  "Grateful for a walk in the rain and a proper dinner.",
  "I noticed the story again: that I deserve something after a hard day.",
  "Hard to write tonight. Writing anyway.",
  "Told my partner about the urge this afternoon. It lost some of its grip.",
  "Three things that went well: the call, the gym, bed on time.",
];

const reviewPool = {
  vulnerabilities: ["Three short nights in a row.", "Skipped group and my call.", "Alone all weekend."],
  trigger: ["Alone at home after a tense phone call.", "A message from an old contact.", "Hotel room."],
  thoughts: ["Just this once will take the edge off.", "Nobody will know.", "I have earned it."],
  feelings: ["Lonely, then flat and ashamed.", "On edge, then numb.", "Restless and angry."],
  actions: ["Took my phone to bed and kept scrolling.", "Opened the app again.", "Went out late."],
  consequences: ["A heavy next day; I told my clinician.", "Missed work in the morning.", "Shame."],
  lessons: [
    "Phone stays in the kitchen from 10 pm.",
    "When an evening feels empty, I call someone before I open anything.",
    "Plan the weekend on Friday.",
    "Tell someone when I travel for work.",
  ],
};

const calmFeelings: string[] = ["calm", "content", "grateful", "hopeful", "proud"];
const hardFeelings: string[] = [
  ...feelingsWheel.sadness,
  ...feelingsWheel.fear,
  ...feelingsWheel.anger,
  ...feelingsWheel.shame,
];

/** How one fictional client tends to live their recovery. */
interface Profile {
  /** Chance of checking in the day after a check-in; after a missed day it is lower. */
  engagement: number;
  strain: number;
  actsPerYear: number;
  urgesPerDay: number;
  journalPerDay: number;
}

function profileOf(random: Random): Profile {
  return {
    engagement: 0.6 + random() * 0.37,
    strain: 0.1 + random() * 0.4,
    actsPerYear: random() < 0.3 ? 0 : 1 + random() * 7,
    urgesPerDay: 0.1 + random() * 0.45,
    journalPerDay: 0.02 + random() * 0.2,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A client's fictional recovery over `days` local days ending yesterday, following the domain's
 * rules: circles (version 1), a sobriety start on the first day, daily check-ins with realistic gaps
 * (a missed day makes the next one likelier to be missed), urges that mostly pass, occasional
 * inner-circle acts logged on the ledger from the check-in, an urge or by hand (some corrected by a
 * void), slip reviews with prevention lessons for most acts, triggers with coping strategies, and
 * journal entries. Yields the set-up rows first, then one batch per day, so the caller can write
 * every client's day before the next day, in time order as a real programme's rows arrive. Pure:
 * the same random stream gives the same rows.
 */
export function* clientStory(seat: ClientSeat, days: number, random: Random): Generator<QueuedRow[]> {
  const out: QueuedRow[] = [];
  const emit = <T extends FilledTable>(table: T, row: Insertable<Database[T]>) => {
    out.push({ table, row: row as Record<string, unknown> });
  };
  const { clientId, clientUserId, timeZone, today } = seat;
  const start = addDays(today, -days);
  const yesterday = addDays(today, -1);
  const at = (date: string, hour: number, minute = 0) => localInstant(date, hour * 60 + minute, timeZone);
  const profile = profileOf(random);

  // Circles, written in an early session with the clinician.
  const circleAt = at(start, 10, between(random, 0, 50));
  emit("circle_versions", {
    id: uuidv7At(circleAt, random),
    client_id: clientId,
    version: 1,
    created_by_user_id: clientUserId,
    created_by_role: "self",
    note: random() < 0.5 ? "Written with my clinician in our second session." : null,
    created_at: iso(circleAt),
  });
  const sizes: Record<Circle, number> = {
    inner: between(random, 2, 4),
    middle: between(random, 3, 6),
    outer: between(random, 3, 6),
  };
  const items = (["inner", "middle", "outer"] as const).flatMap((circle) =>
    pickSome(random, circlePools[circle], sizes[circle]).map((text) => ({
      id: uuidv7At(circleAt, random),
      circle,
      text,
    })),
  );
  items.forEach((item, position) => {
    emit("circle_items", {
      id: item.id,
      client_id: clientId,
      circle: item.circle,
      text: item.text,
      position,
      added_in_version: 1,
      removed_in_version: null,
    });
  });
  if (random() < 0.5) {
    const commentAt = at(addDays(start, Math.min(2, days - 1)), 15);
    emit("circle_comments", {
      id: uuidv7At(commentAt, random),
      client_id: clientId,
      version: 1,
      author_user_id: seat.clinicianUserId,
      author_role: "care-team",
      body: "A clear start. Next week, let us look at what late evenings alone have in common.",
      created_at: iso(commentAt),
    });
  }
  const middle = items.filter((i) => i.circle === "middle").map((i) => i.id);
  const outer = items.filter((i) => i.circle === "outer").map((i) => i.id);

  const ledger = (
    kind: string,
    date: string | null,
    recordedAt: number,
    source: string,
    sourceId: string | null,
    targetId: string | null = null,
  ) => {
    const id = uuidv7At(recordedAt, random);
    emit("ledger_events", {
      id,
      client_id: clientId,
      kind,
      date,
      target_id: targetId,
      note: null,
      source,
      source_id: sourceId,
      recorded_by_user_id: clientUserId,
      recorded_at: iso(recordedAt),
    });
    return id;
  };
  ledger("sobriety_start", start, at(start, 10, 55), "manual", null);

  // Coping strategies and the triggers they answer.
  const setupAt = at(start, 11);
  const coping = pickSome(random, copingPool, between(random, 3, 5)).map((text) => ({
    id: uuidv7At(setupAt, random),
    text,
  }));
  for (const c of coping)
    emit("coping_strategies", {
      id: c.id,
      client_id: clientId,
      text: c.text,
      created_at: iso(setupAt),
      archived_at: null,
    });
  const triggers = pickSome(random, triggerPool, between(random, 2, 4)).map((t) => ({
    ...t,
    id: uuidv7At(setupAt, random),
  }));
  for (const t of triggers)
    emit("triggers", {
      id: t.id,
      client_id: clientId,
      kind: t.kind,
      category: t.category,
      label: t.label,
      coping_ids: JSON.stringify(pickSome(random, coping, between(random, 1, 2)).map((c) => c.id)),
      created_at: iso(setupAt),
      archived_at: null,
    });

  const urge = (date: string, strain: number, outcome: string) => {
    // Mostly evenings; minutes past the hour keep ids and times spread out.
    const hour = random() < 0.7 ? between(random, 19, 22) : between(random, 8, 18);
    const startedAt = at(date, hour, between(random, 0, 59));
    const minutes = between(random, 3, 25);
    const peak = clamp(Math.round(3 + strain * 5 + random() * 3), 1, 10);
    const intensities = Array.from({ length: minutes }, (_, m) =>
      clamp(Math.round(peak - Math.abs(m - minutes / 3) * (peak / minutes) * 1.5), 0, 10),
    );
    const endedAt = startedAt + minutes * 60_000;
    const id = uuidv7At(endedAt, random);
    emit("urges", {
      id,
      client_id: clientId,
      date,
      started_at: iso(startedAt),
      ended_at: iso(endedAt),
      intensities: JSON.stringify(intensities),
      peak: Math.max(...intensities),
      outcome,
      trigger_id: random() < 0.8 ? pick(random, triggers).id : null,
      note: null,
      created_at: iso(endedAt),
    });
    return { id, endedAt };
  };

  const review = (actId: string, date: string) => {
    // Written a day or two later, or late the same night when the act was yesterday.
    const later = addDays(date, between(random, 1, 2));
    const createdAt = later <= yesterday ? at(later, 20, between(random, 0, 59)) : at(date, 23, 50);
    const id = uuidv7At(createdAt, random);
    const lessons = pickSome(random, reviewPool.lessons, between(random, 1, 2));
    emit("slip_reviews", {
      id,
      client_id: clientId,
      ledger_event_id: actId,
      date,
      vulnerabilities: pick(random, reviewPool.vulnerabilities),
      trigger: pick(random, reviewPool.trigger),
      thoughts: pick(random, reviewPool.thoughts),
      feelings: pick(random, reviewPool.feelings),
      actions: pick(random, reviewPool.actions),
      consequences: pick(random, reviewPool.consequences),
      lessons: JSON.stringify(lessons),
      shared_with_care_team: random() < 0.7,
      created_at: iso(createdAt),
      updated_at: iso(createdAt),
    });
    for (const text of lessons)
      emit("prevention_lessons", {
        id: uuidv7At(createdAt, random),
        client_id: clientId,
        text,
        slip_review_id: id,
        created_at: iso(createdAt),
      });
  };

  yield out.splice(0);
  let checkedYesterday = true;
  for (let offset = 0; offset < days; offset++) {
    const date = addDays(start, offset);
    const checked: boolean = random() < (checkedYesterday ? profile.engagement : 0.45);
    checkedYesterday = checked;
    // No act on the first days: a start date is usually set after a settled first week or so.
    const isAct = offset >= 3 && random() < profile.actsPerYear / 365;
    const strain = isAct ? 0.9 : clamp(profile.strain + (random() - 0.5) * 0.6, 0, 1);
    let actId: string | null = null;

    if (checked) {
      const late = random() < 0.04 && addDays(date, 1) <= yesterday;
      const savedOn = late ? addDays(date, 1) : date;
      const savedAt = late ? at(savedOn, 9, between(random, 0, 59)) : at(date, 21, between(random, 0, 59));
      const id = uuidv7At(savedAt, random);
      const feelings = strain > 0.6 || isAct ? pickSome(random, hardFeelings, between(random, 1, 3)) : [];
      if (feelings.length === 0) feelings.push(...pickSome(random, calmFeelings, between(random, 1, 2)));
      emit("check_ins", {
        id,
        client_id: clientId,
        date,
        mood: clamp(Math.round(4.2 - strain * 2.5 + (random() - 0.5) * 1.2), 1, 5),
        feelings: JSON.stringify(feelings),
        halt: JSON.stringify({
          hungry: random() < 0.1,
          angry: strain > 0.75 && random() < 0.5,
          lonely: strain > 0.6 && random() < 0.6,
          tired: random() < 0.25,
        }),
        stress: clamp(Math.round(strain * 8 + random() * 2), 0, 10),
        sleep_hours: clamp(Math.round((5.5 + random() * 3.5 - strain) * 2) / 2, 0, 24),
        sleep_quality: clamp(Math.round(4 - strain * 2 + random() - 0.5), 1, 5),
        urge_strength: clamp(Math.round(strain * 9 * random() + (isAct ? 4 : 0)), 0, 10),
        middle_item_ids: JSON.stringify(middle.filter(() => random() < (isAct ? 0.6 : 0.04 + strain * 0.2))),
        outer_item_ids: JSON.stringify(outer.filter(() => random() < 0.65 - strain * 0.3)),
        inner_circle: isAct,
        note: random() < 0.1 ? pick(random, notePool) : null,
        late,
        saved_on: savedOn,
        created_at: iso(savedAt),
        updated_at: iso(savedAt),
      });
      // A yes to the inner circle adds one ledger event, as saving the check-in does.
      if (isAct) actId = ledger("inner_circle_act", date, savedAt, "check_in", id);
    }
    if (isAct && !actId) {
      if (random() < 0.5) {
        // Logged from the urge timer: the urge's outcome puts the act on the ledger.
        const u = urge(date, strain, "inner_circle");
        actId = ledger("inner_circle_act", date, u.endedAt, "urge", u.id);
      } else {
        // Logged by hand on the ledger page; now and then corrected the next morning.
        const recordedAt = at(date, 23, between(random, 0, 30));
        actId = ledger("inner_circle_act", date, recordedAt, "manual", null);
        if (random() < 0.15) {
          const correctionDay = addDays(date, 1) <= yesterday ? addDays(date, 1) : date;
          ledger("void", null, at(correctionDay, 23, 45), "manual", null, actId);
          actId = null;
        }
      }
    }
    if (actId && random() < 0.65) review(actId, date);
    if (!isAct && random() < profile.urgesPerDay * (0.6 + strain))
      urge(date, strain, random() < 0.85 ? "passed" : "middle_circle");
    if (random() < profile.journalPerDay) {
      const writtenAt = at(date, 22, between(random, 0, 59));
      emit("journal_entries", {
        id: uuidv7At(writtenAt, random),
        client_id: clientId,
        prompt: pick(random, journalPrompts),
        body: pick(random, journalPool),
        shared_with_care_team: random() < 0.4,
        created_at: iso(writtenAt),
        updated_at: iso(writtenAt),
      });
    }
    yield out.splice(0);
  }
}

/** A client's whole story at once (for tests and small runs). */
export function clientHistory(seat: ClientSeat, days: number, random: Random): QueuedRow[] {
  return [...clientStory(seat, days, random)].flat();
}
