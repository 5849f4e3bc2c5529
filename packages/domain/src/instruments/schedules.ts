import { z } from "zod";
import { LocalDateText } from "../recovery/contracts.js";
import { addDays, daysBetween, type LocalDate } from "../recovery/local-date.js";

/**
 * Assessment schedules: a clinician schedules a battery (one or more assignable questionnaires) for a
 * client at admission, weekly, at discharge, or as follow-ups 1, 3, 6 and 12 months after discharge and
 * then yearly (24, 36, … months) until the schedule is stopped.
 * Each occurrence is a local calendar day of the client; the API turns due occurrences into assessments.
 */

export const ScheduleKind = z.enum(["admission", "weekly", "discharge", "follow_up"]);
export type ScheduleKind = z.infer<typeof ScheduleKind>;

/** Months after the discharge day at which the first follow-ups fall; then one every 12 months. */
export const followUpMonths = [1, 3, 6, 12] as const;

/** The most follow-ups one schedule yields (the first four, then yearly for a century). */
const maxFollowUps = followUpMonths.length + 100;

/** Months after the discharge day of the follow-up numbered `index` (0 → 1, 3 → 12, 4 → 24, 5 → 36 …). */
export function followUpMonth(index: number): number {
  return followUpMonths[index] ?? 12 * (index - followUpMonths.length + 2);
}

/**
 * The follow-up days counted from the discharge day, oldest first, while `keep(day)` holds (each one
 * from the discharge day itself, so month ends never drift: 29 February → 28 February, then back to
 * 29 February in the next leap year). Bounded to a century of yearly follow-ups.
 */
function followUpDays(startDay: LocalDate, keep: (day: LocalDate) => boolean): LocalDate[] {
  const days: LocalDate[] = [];
  for (let index = 0; index < maxFollowUps; index++) {
    const day = addMonths(startDay, followUpMonth(index));
    if (!keep(day)) break;
    days.push(day);
  }
  return days;
}

/** The most occurrences one schedule yields by a day (a weekly schedule of twenty years). */
const maxOccurrences = 1100;

function parts(day: LocalDate): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * The day `months` calendar months after `day`. When that month is shorter, the last day of the month
 * (31 January + 1 month = 28 or 29 February; 31 August + 1 month = 30 September).
 */
export function addMonths(day: LocalDate, months: number): LocalDate {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

export interface ScheduleTimes {
  kind: ScheduleKind;
  /** Admission, weekly start or discharge day; for follow-ups, the discharge day they count from. */
  startDay: LocalDate;
  /** The client's local day the schedule was stopped, or null while it runs. */
  stoppedOn: LocalDate | null;
}

/**
 * Every occurrence day of a schedule that is due by the client's local day `dueBy` (on or before it),
 * oldest first. A stopped schedule yields nothing on or after its stop day.
 */
export function occurrencesDueBy(schedule: ScheduleTimes, dueBy: LocalDate): LocalDate[] {
  const limit =
    schedule.stoppedOn !== null && schedule.stoppedOn <= dueBy ? addDays(schedule.stoppedOn, -1) : dueBy;
  const within = (day: LocalDate) => day <= limit;
  switch (schedule.kind) {
    case "admission":
    case "discharge":
      return within(schedule.startDay) ? [schedule.startDay] : [];
    case "follow_up":
      return followUpDays(schedule.startDay, within);
    case "weekly": {
      if (!within(schedule.startDay)) return [];
      const weeks = Math.min(Math.floor(daysBetween(schedule.startDay, limit) / 7), maxOccurrences - 1);
      return Array.from({ length: weeks + 1 }, (_, week) => addDays(schedule.startDay, week * 7));
    }
  }
}

/** The next occurrence after `today`, or null when the schedule has none left. */
export function nextOccurrence(schedule: ScheduleTimes, today: LocalDate): LocalDate | null {
  if (schedule.stoppedOn !== null) return null;
  switch (schedule.kind) {
    case "admission":
    case "discharge":
      return schedule.startDay > today ? schedule.startDay : null;
    case "follow_up": {
      const past = followUpDays(schedule.startDay, (day) => day <= today).length;
      return past < maxFollowUps ? addMonths(schedule.startDay, followUpMonth(past)) : null;
    }
    case "weekly": {
      if (schedule.startDay > today) return schedule.startDay;
      const weeks = Math.floor(daysBetween(schedule.startDay, today) / 7) + 1;
      return addDays(schedule.startDay, weeks * 7);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Contracts

export const CreateScheduleRequest = z.strictObject({
  id: z.uuid("Use an id made by the app (a UUID)."),
  kind: ScheduleKind,
  /** The assignable questionnaires given at each occurrence, e.g. ["phq-9", "gad-7"]. */
  instrumentIds: z
    .array(z.string().min(1).max(100), "List the questionnaires to give.")
    .min(1, "Pick at least one questionnaire.")
    .max(10, "Pick at most ten questionnaires."),
  /**
   * The client's local day: admission, the first weekly day, the discharge day, or (follow-ups, where
   * it is required) the discharge day. Left out, it is the client's today.
   */
  startDay: LocalDateText.optional(),
});
export type CreateScheduleRequest = z.input<typeof CreateScheduleRequest>;

export const ScheduleView = z.object({
  id: z.string(),
  kind: ScheduleKind,
  instrumentIds: z.array(z.string()),
  startDay: z.string(),
  /** The next occurrence after today, or null when none is left. */
  nextDay: z.string().nullable(),
  stoppedOn: z.string().nullable(),
  createdAt: z.string(),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

/** Whether an open assessment is due (today or with no day) or overdue (its day has passed). */
export function dueState(dueDate: LocalDate | null, today: LocalDate): "due" | "overdue" | null {
  if (dueDate === null || dueDate === today) return "due";
  if (dueDate < today) return "overdue";
  return null;
}
