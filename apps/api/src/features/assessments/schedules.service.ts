import {
  addDays,
  assignableInstrument,
  type CreateScheduleRequest,
  givenInstrument,
  localDateOf,
  nextOccurrence,
  occurrencesDueBy,
  type ScheduleKind,
  type ScheduleView,
  uuidv7,
} from "@lantern/domain";
import type { Insertable, Selectable } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { AssessmentSchedulesTable, AssessmentsTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { type FieldError, HttpProblem } from "../../http/problem.js";
import type { MailMessage } from "../../mail/mailer.js";
import { somethingToFillInEmail } from "../notifications/notification-message.js";
import { insertNotifications } from "../notifications/notifications.repository.js";
import { loadClientContext } from "../recovery/client-context.js";
import {
  advanceSchedule,
  findSchedule,
  insertOccurrences,
  insertSchedule,
  schedulesOf,
  schedulesWithDue,
  updateSchedule,
} from "./schedules.repository.js";

type ScheduleRow = Selectable<AssessmentSchedulesTable>;

/** How reminders reach the client: the quiet email through the configured mailer. */
export interface Reminders {
  publicUrl: string;
  /** Sends one email; false when it could not be sent (logged by the caller's mailer). */
  sendMail: (message: MailMessage) => Promise<boolean>;
}

const invalid = (errors: FieldError[], title: string) =>
  new HttpProblem(400, "validation", title, undefined, errors);

const notFound = () => new HttpProblem(404, "notFound", "Not found.");

function instrumentIdsOf(row: ScheduleRow): string[] {
  const parsed: unknown = JSON.parse(row.instrument_ids);
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
}

function timesOf(row: ScheduleRow) {
  return { kind: row.kind as ScheduleKind, startDay: row.start_day, stoppedOn: row.stopped_on };
}

export function toScheduleView(row: ScheduleRow, today: string): ScheduleView {
  return {
    id: row.id,
    kind: row.kind,
    instrumentIds: instrumentIdsOf(row),
    startDay: row.start_day,
    nextDay: nextOccurrence(timesOf(row), today),
    stoppedOn: row.stopped_on,
    createdAt: toIso(row.created_at),
  };
}

/** The schedule's first occurrence (the day before the start day has none yet). */
const firstDay = (kind: ScheduleKind, startDay: string) =>
  nextOccurrence({ kind, startDay, stoppedOn: null }, addDays(startDay, -1));

/**
 * A clinician schedules a battery for a client. Every instrument must be assignable (it ships its
 * text and can be scored), the battery not empty nor repeated, and the day the client's today or
 * later (left out: their today; follow-ups need the discharge day). The same id again with the same details is a retry (200). Occurrences already due (an
 * admission today) become assessments at once, with their reminder.
 */
export async function createSchedule(
  db: Db,
  clientId: string,
  actor: Actor,
  body: CreateScheduleRequest,
  reminders: Reminders,
  now = new Date(),
): Promise<{ created: boolean; schedule: ScheduleView }> {
  const { today } = await loadClientContext(db.kysely, clientId, now);
  if (body.kind === "follow_up" && body.startDay === undefined)
    throw invalid(
      [{ field: "startDay", message: "Give the discharge day the follow-ups count from." }],
      "The schedule needs a few changes.",
    );
  const startDay = body.startDay ?? today;
  const existing = await findSchedule(db.kysely, body.id);
  if (existing) {
    const same =
      existing.client_id === clientId &&
      existing.kind === body.kind &&
      (body.startDay === undefined || existing.start_day === startDay) &&
      JSON.stringify(instrumentIdsOf(existing)) === JSON.stringify(body.instrumentIds);
    if (!same)
      throw new HttpProblem(409, "conflict", "A schedule with this id was already made with other details.");
    return { created: false, schedule: toScheduleView(existing, today) };
  }

  const errors: FieldError[] = [];
  body.instrumentIds.forEach((id, index) => {
    if (!assignableInstrument(id))
      errors.push({
        field: `instrumentIds.${index}`,
        message: "Pick PHQ-9 or GAD-7; other questionnaires cannot be scheduled yet.",
      });
    else if (body.instrumentIds.indexOf(id) !== index)
      errors.push({ field: `instrumentIds.${index}`, message: "This questionnaire is already in the list." });
  });
  if (startDay < today)
    errors.push({
      field: "startDay",
      message:
        body.kind === "follow_up"
          ? `Use the discharge day, today (${today}) or later.`
          : `Pick today (${today}) or a later day.`,
    });
  if (errors.length > 0) throw invalid(errors, "The schedule needs a few changes.");

  const row: ScheduleRow = {
    id: body.id,
    client_id: clientId,
    kind: body.kind,
    instrument_ids: JSON.stringify(body.instrumentIds),
    start_day: startDay,
    created_by_user_id: actor.userId,
    created_at: now,
    next_day: firstDay(body.kind, startDay),
    stopped_on: null,
    stopped_at: null,
    stopped_by_user_id: null,
  };
  try {
    await insertSchedule(db.kysely, row);
  } catch (error) {
    if (isUniqueViolation(error)) return createSchedule(db, clientId, actor, body, reminders, now);
    throw error;
  }
  await materialiseDue(db, reminders, [clientId], now);
  return { created: true, schedule: toScheduleView(row, today) };
}

/** The client's schedules, newest first. */
export async function listSchedules(db: Db, clientId: string, now = new Date()): Promise<ScheduleView[]> {
  const { today } = await loadClientContext(db.kysely, clientId, now);
  return (await schedulesOf(db.kysely, clientId)).map((row) => toScheduleView(row, today));
}

/**
 * Stops a schedule: nothing more is given from the client's today on. Assessments already given
 * stay. Stopping again changes nothing; another client's schedule is 404.
 */
export async function stopSchedule(
  db: Db,
  clientId: string,
  scheduleId: string,
  actor: Actor,
  now = new Date(),
): Promise<ScheduleView> {
  const { today } = await loadClientContext(db.kysely, clientId, now);
  const row = await findSchedule(db.kysely, scheduleId);
  if (!row || row.client_id !== clientId) throw notFound();
  if (row.stopped_on !== null) return toScheduleView(row, today);
  const changes = { stopped_on: today, stopped_at: now, stopped_by_user_id: actor.userId, next_day: null };
  await updateSchedule(db.kysely, scheduleId, changes);
  return toScheduleView({ ...row, ...changes }, today);
}

/** The latest local "today" anywhere (UTC+14), so one query finds every schedule due somewhere. */
const latestToday = (now: Date) => localDateOf(now, "Pacific/Kiritimati");

/**
 * Turns every due occurrence into assessments (one per instrument of the battery), for some clients
 * or (the sweep) for all. Idempotent and safe with several processes: an occurrence another process
 * stored first is skipped by the unique index, and only the process that stored it notifies the
 * client: one in-app notification per occurrence, written with the assessments, and one quiet email
 * per client after the commit. Returns how many assessments this call created.
 */
export async function materialiseDue(
  db: Db,
  reminders: Reminders,
  clientIds?: readonly string[],
  now = new Date(),
): Promise<number> {
  const schedules = await schedulesWithDue(db.kysely, latestToday(now), clientIds);
  const emailTo = new Map<string, string>();
  let created = 0;
  for (const schedule of schedules) {
    const today = localDateOf(now, schedule.time_zone);
    const nextDay = schedule.next_day;
    if (nextDay === null || nextDay > today) continue;
    const days = occurrencesDueBy(timesOf(schedule), today).filter((day) => day >= nextDay);
    // Lantern's own checks ride along where the app put them in the battery (follow-ups).
    const instrumentIds = instrumentIdsOf(schedule).filter((id) => givenInstrument(id));
    const rows: Insertable<AssessmentsTable>[] = days.flatMap((day) =>
      instrumentIds.map((instrumentId) => ({
        id: uuidv7(now.getTime()),
        client_id: schedule.client_id,
        instrument_id: instrumentId,
        assigned_by_user_id: schedule.created_by_user_id,
        due_date: day,
        status: "due" as const,
        answers: "{}",
        result: null,
        safety_flag: false,
        created_at: now,
        updated_at: now,
        completed_at: null,
        schedule_id: schedule.id,
        occurrence_day: day,
      })),
    );
    const inserted = await db.kysely.transaction().execute(async (trx) => {
      const stored = await insertOccurrences(trx, rows);
      const newDays = [...new Set(stored.map((r) => r.occurrence_day ?? ""))];
      await insertNotifications(
        trx,
        newDays.map(() => ({
          id: uuidv7(now.getTime()),
          user_id: schedule.user_id,
          kind: "assessment_due",
          client_id: schedule.client_id,
          subject_id: schedule.id,
          created_at: now,
        })),
      );
      await advanceSchedule(trx, schedule.id, nextOccurrence(timesOf(schedule), today));
      return stored.length;
    });
    created += inserted;
    if (inserted > 0) emailTo.set(schedule.user_id, schedule.email);
  }
  // After the commits, so a slow mail server never holds the assessments back.
  for (const email of emailTo.values())
    await reminders.sendMail(somethingToFillInEmail(email, reminders.publicUrl));
  return created;
}

/**
 * The periodic sweep inside the server process: materialises due occurrences every `intervalMs`.
 * Several processes may each run one (the unique index keeps occurrences single). Returns a stop
 * function for shutdown; a failed round is reported and the next one tries again.
 */
export function startAssessmentSweep(
  db: Db,
  reminders: Reminders,
  options: { intervalMs: number; onError: (error: unknown) => void },
): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    // A round still running (a slow database or mail server) is not overlapped by the next.
    if (running) return;
    running = materialiseDue(db, reminders)
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
