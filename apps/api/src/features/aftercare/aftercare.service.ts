import { createHash, randomBytes } from "node:crypto";
import {
  type AdherenceWeek,
  type AftercarePlanView,
  type AftercareReviewItem,
  type AftercareState,
  type AftercareTherapist,
  type AftercareWeekly,
  type AttendanceView,
  addDays,
  aftercareCalendar,
  type ConsentEntry,
  type DischargeRequest,
  type DischargeSummaryView,
  dayInWeek,
  type EditDischargeSummaryRequest,
  followUpCheck,
  type LogAttendanceRequest,
  lengthOfStay,
  localDateOf,
  type MyPlanView,
  missingAftercare,
  mondayOf,
  nextOccurrence,
  type SaveAftercareRequest,
  type SignDischargeSummaryRequest,
  uuidv7,
  weeklyAdherence,
} from "@lantern/domain";
import type { z } from "zod";
import type { Actor } from "../../access/actor.js";
import type { ClientAccess } from "../../access/hook.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { toIso } from "../../db/schema.js";
import { type FieldError, HttpProblem } from "../../http/problem.js";
import type { PdfLine } from "../../pdf/pdf.js";
import { insertSchedule } from "../assessments/schedules.repository.js";
import { currentCircleVersion } from "../circles/circles.repository.js";
import { type EpisodeRow, findEpisode, segmentsOf, tracksOf } from "../episodes/episodes.repository.js";
import { loadClientContext, parseJsonList, toBool } from "../recovery/client-context.js";
import { getTreatmentPlan } from "../treatment-plans/treatment-plans.service.js";
import {
  type AftercarePlanRow,
  attendanceOf,
  clientName,
  completedScores,
  currentPlanVersion,
  findAftercarePlan,
  findAttendance,
  findFeedByHash,
  findFeedOf,
  findSummary,
  findSupportContact,
  insertAftercarePlan,
  insertAttendance,
  insertReview,
  insertSummary,
  latestDischargedPlan,
  replaceFeed,
  reviewsOf,
  type SummaryRow,
  updateAftercarePlan,
  updateSummaryAt,
} from "./aftercare.repository.js";

const invalid = (title: string, errors: FieldError[]) =>
  new HttpProblem(400, "validation", title, undefined, errors);
const conflict = (title: string, errors?: FieldError[]) =>
  new HttpProblem(409, "conflict", title, undefined, errors);
const notFound = () => new HttpProblem(404, "notFound", "Not found.");

/**
 * What is given at each follow-up after discharge: PHQ-9, GAD-7 and Lantern's own follow-up check
 * (relationship status and aftercare, self-reported; not validated, not scored).
 */
export const followUpBattery = ["phq-9", "gad-7", followUpCheck.id];

/** Whether the episode's admission recorded the client's agreement to follow-up after discharge. */
export function agreedToFollowUp(episode: Pick<EpisodeRow, "consents">): boolean {
  const parsed: unknown = JSON.parse(episode.consents);
  return Array.isArray(parsed) && (parsed as ConsentEntry[]).some((c) => c?.kind === "outcome_follow_up");
}

async function episodeOf(db: Executor, access: ClientAccess, episodeId: string): Promise<EpisodeRow> {
  const episode = await findEpisode(db, episodeId);
  if (!episode || episode.client_id !== access.clientId) throw notFound();
  return episode;
}

interface StoredPlan {
  therapist: AftercareTherapist | null;
  groups: AftercareWeekly[];
  meetings: AftercareWeekly[];
  sponsor: { name: string; contact: string; supportContactId: string | null } | null;
}

function parsePlan(row: AftercarePlanRow | undefined): StoredPlan {
  if (!row) return { therapist: null, groups: [], meetings: [], sponsor: null };
  return {
    therapist: row.therapist ? (JSON.parse(row.therapist) as AftercareTherapist) : null,
    groups: parseJsonList<AftercareWeekly>(row.groups),
    meetings: parseJsonList<AftercareWeekly>(row.meetings),
    sponsor: row.sponsor ? (JSON.parse(row.sponsor) as StoredPlan["sponsor"]) : null,
  };
}

const reviewKeys = {
  circles: "circles",
  prevention_plan: "preventionPlan",
  safety_plan: "safetyPlan",
} as const;

async function currentVersions(db: Executor, clientId: string) {
  const [circles, prevention, safety] = await Promise.all([
    currentCircleVersion(db, clientId),
    currentPlanVersion(db, "prevention_plan_versions", clientId),
    currentPlanVersion(db, "safety_plan_versions", clientId),
  ]);
  return { circles, prevention_plan: prevention, safety_plan: safety };
}

/** The plan as the care team sees it, with what is still missing (against the discharge day if known). */
async function planView(
  db: Executor,
  clientId: string,
  episode: EpisodeRow,
  dischargeDay: string | null,
): Promise<{ view: AftercarePlanView; state: AftercareState }> {
  const episodeId = episode.id;
  const [row, reviews, versions] = await Promise.all([
    findAftercarePlan(db, episodeId),
    reviewsOf(db, episodeId),
    currentVersions(db, clientId),
  ]);
  const plan = parsePlan(row);
  const latest = (item: AftercareReviewItem) => reviews.find((r) => r.item === item) ?? null;
  const state: AftercareState = {
    ...plan,
    reviews: {
      circles: latest("circles"),
      prevention_plan: latest("prevention_plan"),
      safety_plan: latest("safety_plan"),
    },
    currentVersions: versions,
  };
  const reviewView = (item: AftercareReviewItem) => {
    const review = latest(item);
    return review
      ? {
          version: review.version,
          currentVersion: versions[item],
          reviewedAt: toIso(review.reviewed_at),
          reviewedBy: review.reviewer_name,
        }
      : null;
  };
  return {
    state,
    view: {
      episodeId,
      ...plan,
      reviews: {
        circles: reviewView("circles"),
        preventionPlan: reviewView("prevention_plan"),
        safetyPlan: reviewView("safety_plan"),
      },
      currentVersions: {
        circles: versions.circles,
        preventionPlan: versions.prevention_plan,
        safetyPlan: versions.safety_plan,
      },
      followUpScheduleId: row?.follow_up_schedule_id ?? null,
      followUpConsent: agreedToFollowUp(episode),
      missing: missingAftercare(state, dischargeDay),
      updatedAt: row ? toIso(row.updated_at) : null,
    },
  };
}

export async function getAftercare(
  db: Db,
  access: ClientAccess,
  episodeId: string,
): Promise<AftercarePlanView> {
  const episode = await episodeOf(db.kysely, access, episodeId);
  return (await planView(db.kysely, access.clientId, episode, episode.discharged_on)).view;
}

/**
 * Saves the whole aftercare plan of an episode. Group and meeting ids are unique within the plan; a
 * sponsor picked from the support network must be one of the client's current contacts.
 */
export async function saveAftercare(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  episodeId: string,
  body: z.output<typeof SaveAftercareRequest>,
  now = new Date(),
): Promise<AftercarePlanView> {
  const episode = await episodeOf(db.kysely, access, episodeId);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [list, items] of [
    ["groups", body.groups],
    ["meetings", body.meetings],
  ] as const)
    items.forEach((item, i) => {
      if (seen.has(item.id))
        errors.push({ field: `${list}.${i}.id`, message: "This id is used twice; make a new one." });
      seen.add(item.id);
    });
  if (body.therapist && body.therapist.firstAppointmentOn < episode.admitted_on)
    errors.push({
      field: "therapist.firstAppointmentOn",
      message: `Use the discharge day or later; the client was admitted on ${episode.admitted_on}.`,
    });
  if (episode.discharged_on && body.therapist && body.therapist.firstAppointmentOn < episode.discharged_on)
    errors.push({
      field: "therapist.firstAppointmentOn",
      message: `Use the discharge day (${episode.discharged_on}) or later.`,
    });
  const contactId = body.sponsor?.supportContactId ?? null;
  if (contactId && !(await findSupportContact(db.kysely, access.clientId, contactId)))
    errors.push({ field: "sponsor.supportContactId", message: "Pick one of the client's support contacts." });
  if (errors.length > 0) throw invalid("A few details of the aftercare plan need attention.", errors);
  const values = {
    therapist: body.therapist ? JSON.stringify(body.therapist) : null,
    groups: JSON.stringify(body.groups),
    meetings: JSON.stringify(body.meetings),
    sponsor: body.sponsor ? JSON.stringify(body.sponsor) : null,
    updated_by_user_id: actor.userId,
    updated_at: now,
  };
  const save = async () => {
    if (await findAftercarePlan(db.kysely, episodeId))
      await updateAftercarePlan(db.kysely, episodeId, values);
    else
      await insertAftercarePlan(db.kysely, {
        episode_id: episodeId,
        client_id: access.clientId,
        follow_up_schedule_id: null,
        ...values,
      });
  };
  try {
    await save();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await save(); // two first saves racing: the second one updates
  }
  return getAftercare(db, access, episodeId);
}

/** Records that the care team went over the current circles or plan with the client (its version). */
export async function reviewAftercare(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  episodeId: string,
  item: AftercareReviewItem,
  now = new Date(),
): Promise<AftercarePlanView> {
  await episodeOf(db.kysely, access, episodeId);
  const version = (await currentVersions(db.kysely, access.clientId))[item];
  if (version === 0)
    throw conflict("There is nothing to review yet.", [
      {
        field: `reviews.${reviewKeys[item]}`,
        message: "The client has not written this yet; write it together first.",
      },
    ]);
  await insertReview(db.kysely, {
    id: uuidv7(),
    episode_id: episodeId,
    item,
    version,
    reviewed_by_user_id: actor.userId,
    reviewed_at: now,
  });
  return getAftercare(db, access, episodeId);
}

/**
 * The aftercare gate of a discharge, inside its transaction: refuses (409) with every missing item
 * named; otherwise, when the admission recorded the client's agreement to follow-up, makes the
 * follow-up schedule (1, 3, 6 and 12 months from the discharge day, then yearly). Without that
 * consent no schedule is made. Call before the episode is closed; `draftDischargeSummary` afterwards.
 */
export async function completeAftercare(
  trx: Executor,
  clientId: string,
  actor: Actor,
  episodeId: string,
  dischargedOn: string,
  now: Date,
): Promise<void> {
  const episode = await findEpisode(trx, episodeId);
  if (!episode || episode.client_id !== clientId) throw notFound();
  const { view } = await planView(trx, clientId, episode, dischargedOn);
  if (view.missing.length > 0)
    throw conflict(
      "The aftercare plan is not complete yet.",
      view.missing.map((m) => ({ field: `aftercare.${m.field}`, message: m.message })),
    );
  if (!view.followUpConsent) return;
  const scheduleId = uuidv7();
  await insertSchedule(trx, {
    id: scheduleId,
    client_id: clientId,
    kind: "follow_up",
    instrument_ids: JSON.stringify(followUpBattery),
    start_day: dischargedOn,
    created_by_user_id: actor.userId,
    created_at: now,
    next_day: nextOccurrence({ kind: "follow_up", startDay: dischargedOn, stoppedOn: null }, dischargedOn),
    stopped_on: null,
    stopped_at: null,
    stopped_by_user_id: null,
  });
  await updateAftercarePlan(trx, episodeId, { follow_up_schedule_id: scheduleId });
}

const typeWords = {
  planned: "planned",
  against_advice: "against advice",
  administrative: "administrative",
  transfer: "transfer to another service",
};

/**
 * Drafts the discharge summary from the record, inside the discharge's transaction: dates and length
 * of stay, tracks, the discharge type and reason, progress per goal of the current plan, the first
 * and last PHQ-9 and GAD-7 totals within the episode, and the aftercare plan. Services (counts of
 * notes or sessions) are left out: there are no such records yet.
 */
export async function draftDischargeSummary(
  trx: Executor,
  access: ClientAccess,
  episodeId: string,
  body: DischargeRequest,
  now: Date,
): Promise<void> {
  const episode = await findEpisode(trx, episodeId);
  if (!episode || !episode.discharged_on) throw notFound();
  const context = await loadClientContext(trx, access.clientId, now);
  const [name, segments, tracks, scores, plan, aftercare] = await Promise.all([
    clientName(trx, access.clientId),
    segmentsOf(trx, [episodeId]),
    tracksOf(trx, episode.organisation_id),
    completedScores(trx, access.clientId),
    getTreatmentPlan(trx, access, now),
    findAftercarePlan(trx, episodeId),
  ]);
  const trackName = new Map(tracks.map((t) => [t.id, t.name]));
  const lines: string[] = [
    `Discharge summary for ${name}`,
    "",
    `Admitted ${episode.admitted_on}; discharged ${episode.discharged_on}; length of stay ${lengthOfStay(
      episode.admitted_on,
      episode.discharged_on,
      episode.discharged_on,
    )} days.`,
    `Discharge: ${typeWords[body.type]}.${body.reason ? ` Reason: ${body.reason}` : ""}`,
    "",
    "Tracks:",
    ...[...segments]
      .sort((a, b) => a.starts_on.localeCompare(b.starts_on))
      .map(
        (s) =>
          `- ${trackName.get(s.track_id) ?? "Track"} (${s.level_of_care.replace(/_/g, " ")}), ${s.starts_on} to ${
            s.ends_on ?? episode.discharged_on
          }`,
      ),
    "",
    "Questionnaires within the stay:",
  ];
  const within = scores.filter((s) => {
    if (!s.completed_at) return false;
    const day = localDateOf(s.completed_at, context.timeZone);
    return day >= episode.admitted_on && day <= (episode.discharged_on ?? day);
  });
  for (const [id, label] of [
    ["phq-9", "PHQ-9"],
    ["gad-7", "GAD-7"],
  ] as const) {
    const mine = within.filter((s) => s.instrument_id === id);
    const total = (s: (typeof mine)[number]) => {
      const result = s.result ? (JSON.parse(s.result) as { total?: number }) : null;
      return `${result?.total ?? "?"} (${s.completed_at ? localDateOf(s.completed_at, context.timeZone) : ""})`;
    };
    const first = mine[0];
    const last = mine.at(-1);
    lines.push(
      !first || !last
        ? `- ${label}: none completed.`
        : mine.length === 1
          ? `- ${label}: ${total(first)}, once.`
          : `- ${label}: first ${total(first)}, last ${total(last)}.`,
    );
  }
  lines.push("", "Progress per goal of the current plan:");
  const content = plan.current?.content;
  if (!content || content.goals.length === 0) lines.push("- No treatment plan goals recorded.");
  for (const goal of content?.goals ?? []) {
    lines.push(`- ${goal.statement || goal.clientWords || "Goal"}`);
    for (const objective of content?.objectives.filter((o) => o.goalId === goal.id) ?? []) {
      const progress = plan.progress.find((p) => p.objectiveId === objective.id);
      const state =
        progress?.met === true ? "met" : progress?.met === false ? "not met yet" : "no measure yet";
      lines.push(`  - ${objective.description}: ${state}${progress?.label ? ` (${progress.label})` : ""}`);
    }
  }
  const stored = parsePlan(aftercare);
  lines.push("", "Aftercare:");
  if (stored.therapist)
    lines.push(
      `- Therapist: ${stored.therapist.name}, ${stored.therapist.contact}; first appointment ${stored.therapist.firstAppointmentOn}.`,
    );
  for (const g of stored.groups)
    lines.push(`- Group: ${g.name}, ${g.weekday} ${g.time}${g.place ? `, ${g.place}` : ""}.`);
  for (const m of stored.meetings)
    lines.push(`- Meeting: ${m.name}, ${m.weekday} ${m.time}${m.place ? `, ${m.place}` : ""}.`);
  lines.push(
    aftercare?.follow_up_schedule_id
      ? "- Follow-ups 1, 3, 6 and 12 months after discharge, then yearly: PHQ-9, GAD-7 and Lantern's follow-up check (relationship and aftercare, self-reported)."
      : "- No follow-up after discharge: the client did not agree to be contacted for follow-up, so none is scheduled.",
  );
  await insertSummary(trx, {
    episode_id: episodeId,
    client_id: access.clientId,
    content: lines.join("\n"),
    revision: 0,
    signed_by_user_id: null,
    signed_at: null,
    content_hash: null,
    created_at: now,
    updated_at: now,
  });
}

function toSummaryView(row: SummaryRow & { signer_name: string | null }): DischargeSummaryView {
  return {
    episodeId: row.episode_id,
    content: row.content,
    revision: row.revision,
    signedAt: row.signed_at ? toIso(row.signed_at) : null,
    signedBy: row.signed_at ? row.signer_name : null,
    contentHash: row.content_hash,
  };
}

export async function getSummary(
  db: Db,
  access: ClientAccess,
  episodeId: string,
): Promise<DischargeSummaryView> {
  await episodeOf(db.kysely, access, episodeId);
  const row = await findSummary(db.kysely, episodeId);
  if (!row) throw notFound();
  return toSummaryView(row);
}

const lockedOrStale = async (db: Db, episodeId: string) => {
  const row = await findSummary(db.kysely, episodeId);
  if (!row) return notFound();
  if (row.signed_at)
    return conflict("The summary is signed and can no longer change.", [
      { field: "content", message: `Signed by ${row.signer_name ?? "a clinician"}.` },
    ]);
  return conflict("The summary changed since you opened it.", [
    { field: "revision", message: "Load it again, then make your change." },
  ]);
};

export async function editSummary(
  db: Db,
  access: ClientAccess,
  episodeId: string,
  body: EditDischargeSummaryRequest,
  now = new Date(),
): Promise<DischargeSummaryView> {
  await episodeOf(db.kysely, access, episodeId);
  const updated = await updateSummaryAt(db.kysely, episodeId, body.revision, {
    content: body.content,
    revision: body.revision + 1,
    updated_at: now,
  });
  if (!updated) throw await lockedOrStale(db, episodeId);
  return getSummary(db, access, episodeId);
}

export const summaryHash = (content: string) => createHash("sha256").update(content, "utf8").digest("hex");

/** Signs the summary at the revision the clinician read: who, when and the SHA-256 of the content. */
export async function signSummary(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  episodeId: string,
  body: SignDischargeSummaryRequest,
  now = new Date(),
): Promise<DischargeSummaryView> {
  await episodeOf(db.kysely, access, episodeId);
  const signed = await db.kysely.transaction().execute(async (trx) => {
    const row = await findSummary(trx, episodeId);
    if (!row || row.signed_at || row.revision !== body.revision) return false;
    return updateSummaryAt(trx, episodeId, body.revision, {
      signed_by_user_id: actor.userId,
      signed_at: now,
      content_hash: summaryHash(row.content),
      updated_at: now,
    });
  });
  if (!signed) throw await lockedOrStale(db, episodeId);
  return getSummary(db, access, episodeId);
}

/** The signed summary as PDF lines. */
export async function summaryPdfLines(db: Db, access: ClientAccess, episodeId: string): Promise<PdfLine[]> {
  const summary = await getSummary(db, access, episodeId);
  if (!summary.signedAt) throw conflict("Sign the summary first.");
  return [
    ...summary.content.split("\n").map((text) => ({ text })),
    { text: "" },
    { text: `Signed by ${summary.signedBy ?? ""} at ${summary.signedAt}` },
    { text: `SHA-256 ${summary.contentHash ?? ""}` },
  ];
}

// ---------------------------------------------------------------------------------------------
// Aftercare in the app

function attendanceViews(rows: Awaited<ReturnType<typeof attendanceOf>>, plan: StoredPlan): AttendanceView[] {
  const names = new Map([...plan.groups, ...plan.meetings].map((w) => [w.id, w.name]));
  return rows.map((r) => ({
    id: r.id,
    on: r.on_day,
    kind: r.kind,
    itemId: r.item_id,
    name: r.kind === "therapy" ? "Therapy" : (names.get(r.item_id ?? "") ?? "Removed from the plan"),
    attended: toBool(r.attended),
  }));
}

/** The client's home "My plan": the aftercare plan of their latest discharge. */
export async function myPlan(db: Db, access: ClientAccess, now = new Date()): Promise<MyPlanView> {
  const [{ today }, row, feed] = await Promise.all([
    loadClientContext(db.kysely, access.clientId, now),
    latestDischargedPlan(db.kysely, access.clientId),
    findFeedOf(db.kysely, access.clientId),
  ]);
  if (!row?.discharged_on) return { plan: null, today, attendance: [], hasFeed: Boolean(feed) };
  const plan = parsePlan(row);
  const monday = mondayOf(today);
  const thisWeek = [
    ...plan.groups.map((g) => ({ ...g, kind: "group" as const })),
    ...plan.meetings.map((m) => ({ ...m, kind: "meeting" as const })),
  ]
    .map((w) => ({ id: w.id, kind: w.kind, name: w.name, on: dayInWeek(monday, w.weekday), time: w.time }))
    .sort((a, b) => `${a.on}${a.time}`.localeCompare(`${b.on}${b.time}`));
  let sponsor: { name: string; contact: string } | null = null;
  if (plan.sponsor?.supportContactId) {
    const contact = await findSupportContact(db.kysely, access.clientId, plan.sponsor.supportContactId);
    if (contact) sponsor = { name: contact.name, contact: contact.phone ?? contact.email ?? "" };
  } else if (plan.sponsor) sponsor = { name: plan.sponsor.name, contact: plan.sponsor.contact };
  const attendance = await attendanceOf(db.kysely, row.episode_id);
  return {
    plan: {
      dischargedOn: row.discharged_on,
      therapist: plan.therapist,
      nextAppointmentOn:
        plan.therapist && plan.therapist.firstAppointmentOn >= today
          ? plan.therapist.firstAppointmentOn
          : null,
      groups: plan.groups,
      meetings: plan.meetings,
      thisWeek,
      sponsor,
    },
    today,
    attendance: attendanceViews(attendance.slice(0, 60), plan),
    hasFeed: Boolean(feed),
  };
}

/**
 * The client logs whether they went to therapy, a group or a meeting on a day: not in the future,
 * not before the discharge, and a group or meeting from their plan. The same id again is a retry.
 */
export async function logAttendance(
  db: Db,
  access: ClientAccess,
  body: LogAttendanceRequest,
  now = new Date(),
): Promise<{ created: boolean; plan: MyPlanView }> {
  const { today } = await loadClientContext(db.kysely, access.clientId, now);
  const row = await latestDischargedPlan(db.kysely, access.clientId);
  if (!row?.discharged_on) throw conflict("There is no aftercare plan yet.");
  const existing = await findAttendance(db.kysely, body.id);
  if (existing) {
    if (
      existing.client_id !== access.clientId ||
      existing.on_day !== body.on ||
      existing.kind !== body.kind ||
      existing.item_id !== body.itemId ||
      toBool(existing.attended) !== body.attended
    )
      throw conflict("Something with this id was already recorded with other details.", [
        { field: "id", message: "This id is already used; make a new one." },
      ]);
    return { created: false, plan: await myPlan(db, access, now) };
  }
  const plan = parsePlan(row);
  const errors: FieldError[] = [];
  if (body.on > today) errors.push({ field: "on", message: `Use today (${today}) or an earlier day.` });
  else if (body.on < row.discharged_on)
    errors.push({ field: "on", message: `Use ${row.discharged_on} (the discharge day) or a later day.` });
  if (body.kind === "therapy" && body.itemId !== null)
    errors.push({ field: "itemId", message: "Leave this empty for therapy." });
  const list = body.kind === "group" ? plan.groups : plan.meetings;
  if (body.kind !== "therapy" && !list.some((w) => w.id === body.itemId))
    errors.push({ field: "itemId", message: `Pick one of your ${body.kind}s.` });
  if (errors.length > 0) throw invalid("A few details need attention.", errors);
  try {
    await insertAttendance(db.kysely, {
      id: body.id,
      client_id: access.clientId,
      episode_id: row.episode_id,
      on_day: body.on,
      kind: body.kind,
      item_id: body.itemId,
      attended: body.attended,
      created_at: now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) return logAttendance(db, access, body, now);
    throw error;
  }
  return { created: true, plan: await myPlan(db, access, now) };
}

/** Attended against planned per week over the last eight weeks (empty before a discharge). */
export async function adherence(
  db: Db,
  access: ClientAccess,
  now = new Date(),
): Promise<{ dischargedOn: string | null; weeks: AdherenceWeek[] }> {
  const { today } = await loadClientContext(db.kysely, access.clientId, now);
  const row = await latestDischargedPlan(db.kysely, access.clientId);
  if (!row?.discharged_on) return { dischargedOn: null, weeks: [] };
  const attendance = await attendanceOf(db.kysely, row.episode_id);
  return {
    dischargedOn: row.discharged_on,
    weeks: weeklyAdherence(
      parsePlan(row),
      row.discharged_on,
      attendance.map((a) => ({ on: a.on_day, kind: a.kind, attended: toBool(a.attended) })),
      today,
    ),
  };
}

const tokenHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** Makes (or replaces) the client's secret calendar address; the old one stops working. */
export async function resetFeed(db: Db, access: ClientAccess, now = new Date()): Promise<{ path: string }> {
  const token = randomBytes(32).toString("base64url");
  await db.kysely.transaction().execute((trx) => replaceFeed(trx, access.clientId, tokenHash(token), now));
  return { path: `/api/calendar/${token}` };
}

/** The calendar at a secret address, or null for an unknown one. */
export async function calendarAt(db: Db, token: string, now = new Date()): Promise<string | null> {
  const feed = await findFeedByHash(db.kysely, tokenHash(token));
  if (!feed) return null;
  const [{ timeZone, today }, row] = await Promise.all([
    loadClientContext(db.kysely, feed.client_id, now),
    latestDischargedPlan(db.kysely, feed.client_id),
  ]);
  const plan = parsePlan(row);
  return aftercareCalendar({
    items: [
      ...plan.groups.map((g) => ({ ...g, kind: "group" as const })),
      ...plan.meetings.map((m) => ({ ...m, kind: "meeting" as const })),
    ],
    timeZone,
    startDay: row?.discharged_on ?? addDays(today, 0),
    now,
  });
}
