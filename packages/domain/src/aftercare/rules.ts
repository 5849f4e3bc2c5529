import { addDays, type LocalDate } from "../recovery/local-date.js";
import type {
  AdherenceWeek,
  AftercareTherapist,
  AftercareWeekly,
  AttendanceKind,
  MissingAftercareItem,
  Weekday,
} from "./contracts.js";
import { weekdays } from "./contracts.js";

/** What the care team has recorded so far; reviews carry the version reviewed. */
export interface AftercareState {
  therapist: AftercareTherapist | null;
  groups: readonly AftercareWeekly[];
  meetings: readonly AftercareWeekly[];
  sponsor: { name: string; contact: string; supportContactId: string | null } | null;
  reviews: Record<"circles" | "prevention_plan" | "safety_plan", { version: number } | null>;
  /** The client's versions now (0: there is none yet). */
  currentVersions: Record<"circles" | "prevention_plan" | "safety_plan", number>;
}

const reviewWords = {
  circles: { field: "reviews.circles", what: "three circles" },
  prevention_plan: { field: "reviews.preventionPlan", what: "relapse-prevention plan" },
  safety_plan: { field: "reviews.safetyPlan", what: "safety plan" },
} as const;

/**
 * What is missing before a discharge can be finalised, each item named with its field. With the
 * discharge day, a first appointment before it is listed too. An empty list means complete.
 */
export function missingAftercare(
  plan: AftercareState,
  dischargeDay: LocalDate | null,
): MissingAftercareItem[] {
  const missing: MissingAftercareItem[] = [];
  if (!plan.therapist)
    missing.push({
      item: "therapist",
      field: "therapist",
      message: "Add the continuing therapist: name, contact and first appointment.",
    });
  else if (dischargeDay && plan.therapist.firstAppointmentOn < dischargeDay)
    missing.push({
      item: "therapist",
      field: "therapist.firstAppointmentOn",
      message: `The first appointment is before the discharge day (${dischargeDay}); use that day or later.`,
    });
  if (plan.groups.length === 0)
    missing.push({
      item: "groups",
      field: "groups",
      message: "Add at least one group with its day and time.",
    });
  if (plan.meetings.length === 0)
    missing.push({
      item: "meetings",
      field: "meetings",
      message: "Add at least one meeting with its day and time.",
    });
  const sponsor = plan.sponsor;
  if (!sponsor || (!sponsor.supportContactId && (!sponsor.name || !sponsor.contact)))
    missing.push({
      item: "sponsor",
      field: "sponsor",
      message: "Add the sponsor's name and contact, or pick them from the support network.",
    });
  for (const item of ["circles", "prevention_plan", "safety_plan"] as const) {
    const { field, what } = reviewWords[item];
    const current = plan.currentVersions[item];
    const reviewed = plan.reviews[item];
    if (current === 0)
      missing.push({
        item,
        field,
        message: `The client has no ${what} yet; write it together, then review it.`,
      });
    else if (!reviewed) missing.push({ item, field, message: `Review the current ${what} with the client.` });
    else if (reviewed.version !== current)
      missing.push({
        item,
        field,
        message: `The ${what} changed since the review (version ${reviewed.version}, now ${current}); review it again.`,
      });
  }
  return missing;
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayIndex(day: LocalDate): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function weekdayOf(day: LocalDate): Weekday {
  return weekdays[weekdayIndex(day)] as Weekday;
}

/** The Monday of the week the day is in. */
export function mondayOf(day: LocalDate): LocalDate {
  return addDays(day, -weekdayIndex(day));
}

/** The day in the week starting on `monday` that falls on the weekday. */
export function dayInWeek(monday: LocalDate, weekday: Weekday): LocalDate {
  return addDays(monday, weekdays.indexOf(weekday));
}

export interface LoggedAttendance {
  on: LocalDate;
  kind: AttendanceKind;
  attended: boolean;
}

/**
 * Attended against planned per week (Monday to Sunday), oldest first, for the last `weeks` weeks
 * up to today. Planned counts each weekly group and meeting on its day from the discharge day to
 * today; attended counts groups and meetings logged as attended. Therapy is counted on its own,
 * since its frequency is not in the plan.
 */
export function weeklyAdherence(
  plan: { groups: readonly AftercareWeekly[]; meetings: readonly AftercareWeekly[] },
  dischargedOn: LocalDate,
  attendance: readonly LoggedAttendance[],
  today: LocalDate,
  weeks = 8,
): AdherenceWeek[] {
  const firstMonday = addDays(mondayOf(today), -7 * (weeks - 1));
  const weekly = [...plan.groups, ...plan.meetings];
  return Array.from({ length: weeks }, (_, i) => {
    const monday = addDays(firstMonday, 7 * i);
    const sunday = addDays(monday, 6);
    const planned = weekly.filter((w) => {
      const day = dayInWeek(monday, w.weekday);
      return day >= dischargedOn && day <= today;
    }).length;
    const inWeek = attendance.filter((a) => a.attended && a.on >= monday && a.on <= sunday);
    return {
      weekOf: monday,
      planned,
      attended: inWeek.filter((a) => a.kind !== "therapy").length,
      therapyAttended: inWeek.filter((a) => a.kind === "therapy").length,
    };
  });
}
