import { addDays, type Circle, localDateOf, uuidv7 } from "@lantern/domain";
import type { Executor } from "../db/executor.js";
import { insertCheckIn } from "../features/check-ins/check-ins.repository.js";
import { insertCircleItems, insertCircleVersion } from "../features/circles/circles.repository.js";
import { insertLedgerEvent } from "../features/ledger/ledger.repository.js";
import { insertLessons, insertSlipReview } from "../features/slip-reviews/slip-reviews.repository.js";
import { insertCoping, insertTrigger } from "../features/triggers/triggers.repository.js";
import { insertUrge } from "../features/urges/urges.repository.js";

/** Who the fictional history belongs to. */
export interface DemoClient {
  clientId: string;
  clientUserId: string;
  clinicianUserId: string;
  timeZone: string;
}

/** A small deterministic random source, so every demo looks the same. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const circles: Record<Circle, string[]> = {
  inner: ["Watching pornography", "Paying for sex", "Hook-up apps"],
  middle: [
    "Scrolling on my phone in bed after 11 pm",
    "Skipping my evening call",
    "Keeping where I have been to myself",
    "Staying up alone past midnight",
  ],
  outer: ["Morning walk", "Calling my sponsor", "Cooking dinner at home", "Thursday group"],
};

const copingTexts = [
  "Phone charges in the kitchen overnight",
  "Call Chris",
  "Walk around the block",
  "Ride out the urge with the timer",
];

/** The local hour of an instant placed `hour` hours into a local day (approximate near DST changes). */
function instantOn(date: string, hour: number, minute: number): Date {
  return new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);
}

/**
 * Writes about ten weeks of fictional recovery for the demo client: their circles (with a comment
 * from the clinician), a start date, daily check-ins with a few missed days, urges that mostly pass,
 * one lapse about a month ago with its review, and triggers linked to coping strategies. Rows go in
 * directly (not through the "today only" rules of the API), each dated in the past as if written then.
 */
export async function seedDemoRecovery(db: Executor, who: DemoClient, now: Date): Promise<void> {
  const random = randomFrom(20261130);
  const today = localDateOf(now, who.timeZone);
  const start = addDays(today, -72);
  const lapse = addDays(today, -31);
  const at = (date: string, hour = 9) => instantOn(date, hour, 0);

  await insertCircleVersion(db, {
    id: uuidv7(),
    client_id: who.clientId,
    version: 1,
    created_by_user_id: who.clientUserId,
    created_by_role: "self",
    note: "Written with Dr Raman in our second session.",
    created_at: at(start, 10),
  });
  const items = (Object.keys(circles) as Circle[]).flatMap((circle) =>
    circles[circle].map((text, position) => ({ id: uuidv7(), circle, text, position })),
  );
  await insertCircleItems(
    db,
    items.map((item, position) => ({
      id: item.id,
      client_id: who.clientId,
      circle: item.circle,
      text: item.text,
      position,
      added_in_version: 1,
      removed_in_version: null,
    })),
  );
  await db
    .insertInto("circle_comments")
    .values({
      id: uuidv7(),
      client_id: who.clientId,
      version: 1,
      author_user_id: who.clinicianUserId,
      author_role: "care-team",
      body: "A clear start. Next week, let us look at what late evenings alone have in common.",
      created_at: at(addDays(start, 2), 15),
    })
    .execute();
  const middle = items.filter((i) => i.circle === "middle").map((i) => i.id);
  const outer = items.filter((i) => i.circle === "outer").map((i) => i.id);

  await insertLedgerEvent(db, {
    id: uuidv7(),
    client_id: who.clientId,
    kind: "sobriety_start",
    date: start,
    target_id: null,
    note: null,
    source: "manual",
    source_id: null,
    recorded_by_user_id: who.clientUserId,
    recorded_at: at(start, 10),
  });

  const coping = copingTexts.map((text) => ({ id: uuidv7(), text }));
  for (const c of coping)
    await insertCoping(db, { id: c.id, clientId: who.clientId, text: c.text, now: at(start, 11) });
  const triggers = [
    { label: "Lonely evenings after work", category: "feeling", kind: "internal", coping: [1, 2] },
    { label: "Phone in bed", category: "device", kind: "external", coping: [0, 3] },
    { label: "After an argument", category: "person", kind: "external", coping: [1, 3] },
  ].map((t) => ({ ...t, id: uuidv7() }));
  for (const t of triggers)
    await insertTrigger(db, {
      id: t.id,
      clientId: who.clientId,
      kind: t.kind,
      category: t.category,
      label: t.label,
      copingIds: t.coping.map((i) => coping[i]?.id ?? ""),
      now: at(start, 11),
    });

  let lapseEventId = "";
  for (let offset = 0; offset <= 72; offset++) {
    const date = addDays(start, offset);
    if (date === today) break; // today's check-in is the visitor's to make
    const isLapse = date === lapse;
    if (!isLapse && random() < 0.08) continue; // a few missed days, as in real life
    const strain = isLapse ? 1 : random();
    const middleDone = middle.filter(() => random() < (isLapse ? 0.7 : 0.12 + strain * 0.1));
    const checkInId = uuidv7();
    await insertCheckIn(db, {
      id: checkInId,
      client_id: who.clientId,
      date,
      mood: isLapse ? 2 : 3 + Math.round(random() * 2) - (strain > 0.85 ? 1 : 0),
      feelings: JSON.stringify(
        isLapse ? ["lonely", "shame"] : strain > 0.7 ? ["anxious"] : ["calm", "hopeful"],
      ),
      halt: JSON.stringify({
        hungry: false,
        angry: strain > 0.9,
        lonely: strain > 0.7,
        tired: random() < 0.3,
      }),
      stress: Math.min(10, Math.round(2 + strain * 6)),
      sleep_hours: 6 + Math.round(random() * 4 * 2) / 2,
      sleep_quality: 2 + Math.round(random() * 3),
      urge_strength: Math.min(10, Math.round(strain * 8)),
      middle_item_ids: JSON.stringify(middleDone),
      outer_item_ids: JSON.stringify(outer.filter(() => random() < 0.6)),
      inner_circle: isLapse,
      note: null,
      late: false,
      saved_on: date,
      created_at: at(date, 21),
      updated_at: at(date, 21),
    });
    if (isLapse) {
      lapseEventId = uuidv7();
      await insertLedgerEvent(db, {
        id: lapseEventId,
        client_id: who.clientId,
        kind: "inner_circle_act",
        date,
        target_id: null,
        note: null,
        source: "check_in",
        source_id: checkInId,
        recorded_by_user_id: who.clientUserId,
        recorded_at: at(date, 21),
      });
    }
    if (random() < 0.35 || isLapse) {
      const hour = 20 + Math.floor(random() * 4);
      const minutes = 4 + Math.floor(random() * 14);
      const peak = 5 + Math.floor(random() * 5);
      const intensities = Array.from({ length: minutes }, (_, m) =>
        Math.max(1, Math.round(peak - Math.abs(m - minutes / 3) * (peak / minutes) * 1.5)),
      );
      const startedAt = instantOn(date, hour, Math.floor(random() * 50));
      await insertUrge(db, {
        id: uuidv7(),
        client_id: who.clientId,
        date,
        started_at: startedAt,
        ended_at: new Date(startedAt.getTime() + minutes * 60_000),
        intensities: JSON.stringify(intensities),
        peak: Math.max(...intensities),
        outcome: isLapse ? "inner_circle" : random() < 0.15 ? "middle_circle" : "passed",
        trigger_id: triggers[Math.floor(random() * triggers.length)]?.id ?? null,
        note: null,
        created_at: new Date(startedAt.getTime() + minutes * 60_000),
      });
    }
  }

  const reviewId = uuidv7();
  const lessons = [
    "Phone stays in the kitchen from 10 pm, every night.",
    "When an evening feels empty, I call Chris before I open anything.",
  ];
  await insertSlipReview(db, {
    id: reviewId,
    client_id: who.clientId,
    ledger_event_id: lapseEventId || null,
    date: lapse,
    vulnerabilities: "Three short nights in a row, and I had skipped Thursday group.",
    trigger: "Alone at home after a tense phone call.",
    thoughts: "Just this once will take the edge off.",
    feelings: "Lonely, on edge, then flat and ashamed afterwards.",
    actions: "Took my phone to bed and kept scrolling.",
    consequences: "A heavy next day; I told Jo and Dr Raman, which was hard and helped.",
    lessons: JSON.stringify(lessons),
    shared_with_care_team: true,
    created_at: at(addDays(lapse, 1), 18),
    updated_at: at(addDays(lapse, 1), 18),
  });
  await insertLessons(
    db,
    lessons.map((text) => ({
      id: uuidv7(),
      client_id: who.clientId,
      text,
      slip_review_id: reviewId,
      created_at: at(addDays(lapse, 1), 18),
    })),
  );
  await db
    .insertInto("journal_entries")
    .values([
      {
        id: uuidv7(),
        client_id: who.clientId,
        prompt: "function",
        body: "Looking back, the scrolling was never about the pictures. It filled the quiet after work.",
        shared_with_care_team: true,
        created_at: at(addDays(today, -6), 20),
        updated_at: at(addDays(today, -6), 20),
      },
      {
        id: uuidv7(),
        client_id: who.clientId,
        prompt: "gratitude",
        body: "Grateful for the walk with Jo on Sunday and for a full night's sleep.",
        shared_with_care_team: false,
        created_at: at(addDays(today, -2), 21),
        updated_at: at(addDays(today, -2), 21),
      },
    ])
    .execute();
}
