import type { CheckInAnswers } from "../recovery/contracts.js";

/**
 * Lantern weekly recovery self-rating. Written by the Lantern project; NOT a validated instrument —
 * show it as "Lantern's own measure, not validated" and never as a clinical score.
 *
 * Arithmetic (each part 0–1, 1 = the better end):
 *   mood           (mood − 1) / 4              (mood 1–5)
 *   stress         (10 − stress) / 10          (stress 0–10)
 *   sleep          (sleepQuality − 1) / 4      (sleep quality 1–5)
 *   urge           (10 − urgeStrength) / 10    (urge 0–10)
 *   halt           (4 − HALT states ticked) / 4
 *   middle circle  (3 − min(middle-circle behaviours, 3)) / 3
 * Day score = mean of the six parts × 100. Week score = mean of the day scores, rounded to a whole
 * number (half up). At least 3 check-ins in the week are needed; with fewer the score is null.
 */

export const weeklySelfRatingInfo = {
  id: "lantern-weekly-recovery",
  title: "Lantern weekly recovery self-rating",
  validated: false,
  note: "Written by the Lantern project from the daily check-in; not a validated instrument.",
  minimumCheckIns: 3,
} as const;

export type WeeklySelfRatingParts = {
  mood: number;
  stress: number;
  sleep: number;
  urge: number;
  halt: number;
  middleCircle: number;
};

export type WeeklySelfRating = {
  /** 0–100, higher is better; null with fewer than 3 check-ins. */
  score: number | null;
  checkIns: number;
  /** Mean of each part over the week, 0–1 (null without check-ins). */
  parts: WeeklySelfRatingParts | null;
  validated: false;
};

type DayInput = Pick<
  CheckInAnswers,
  "mood" | "stress" | "sleepQuality" | "urgeStrength" | "halt" | "middleItemIds"
>;

function dayParts(day: DayInput): WeeklySelfRatingParts {
  const haltCount = [day.halt.hungry, day.halt.angry, day.halt.lonely, day.halt.tired].filter(Boolean).length;
  return {
    mood: (day.mood - 1) / 4,
    stress: (10 - day.stress) / 10,
    sleep: (day.sleepQuality - 1) / 4,
    urge: (10 - day.urgeStrength) / 10,
    halt: (4 - haltCount) / 4,
    middleCircle: (3 - Math.min(day.middleItemIds.length, 3)) / 3,
  };
}

const partNames = ["mood", "stress", "sleep", "urge", "halt", "middleCircle"] as const;

/** One week (at most seven check-ins, one a day) → the self-rating. */
export function weeklyRecoverySelfRating(week: readonly DayInput[]): WeeklySelfRating {
  if (week.length > 7) throw new RangeError("A week has at most seven check-ins.");
  if (week.length === 0) return { score: null, checkIns: 0, parts: null, validated: false };
  const days = week.map(dayParts);
  const mean = (values: number[]) => values.reduce((acc, value) => acc + value, 0) / values.length;
  const parts = Object.fromEntries(
    partNames.map((name) => [name, mean(days.map((day) => day[name]))]),
  ) as WeeklySelfRatingParts;
  const dayScores = days.map((day) => mean(partNames.map((name) => day[name])) * 100);
  const score =
    week.length >= weeklySelfRatingInfo.minimumCheckIns
      ? Math.round(mean(dayScores) + Number.EPSILON * 100)
      : null;
  return { score, checkIns: week.length, parts, validated: false };
}
