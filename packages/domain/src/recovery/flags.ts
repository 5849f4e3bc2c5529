import type { CaseloadFlag } from "./contracts.js";
import { addDays, daysBetween, type LocalDate } from "./local-date.js";

/** Days without a check-in (today included) from which the caseload shows it. */
export const noCheckInDays = 3;

export interface FlagInput {
  /** The client's local today. */
  today: LocalDate;
  /** The latest day the client checked in for, or null when they never have. */
  lastCheckIn: LocalDate | null;
  /** Middle-circle behaviours ticked per check-in day (any range; only the last 14 days count). */
  middleCounts: readonly { date: LocalDate; count: number }[];
  /** Days of live (not voided) inner-circle acts. */
  actDates: readonly LocalDate[];
  /** The programme's word for one act: "lapse", "slip" or "relapse". */
  actTerm: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The caseload flags a clinician sees, in Lantern's plain words: no check-in for three days or more,
 * middle-circle behaviours rising (the last 7 days against the 7 before), an inner-circle act in the
 * last 7 days. The words describe what happened, never the person.
 */
export function caseloadFlags(input: FlagInput): CaseloadFlag[] {
  const { today } = input;
  const flags: CaseloadFlag[] = [];

  if (input.lastCheckIn === null) {
    flags.push({ kind: "no_check_in", detail: "No check-ins yet" });
  } else {
    const days = daysBetween(input.lastCheckIn, today);
    if (days >= noCheckInDays) flags.push({ kind: "no_check_in", detail: `No check-in for ${days} days` });
  }

  const weekStart = addDays(today, -6);
  const previousStart = addDays(today, -13);
  let recent = 0;
  let previous = 0;
  for (const { date, count } of input.middleCounts) {
    if (date > today || date < previousStart) continue;
    if (date >= weekStart) recent += count;
    else previous += count;
  }
  // A rise of one is noise; two more than the week before, and at least three, is worth a look.
  if (recent >= 3 && recent >= previous + 2) {
    flags.push({
      kind: "rising_middle_circle",
      detail: `Middle-circle behaviours up: ${recent} in the last 7 days, ${previous} in the 7 before`,
    });
  }

  const acts = [...new Set(input.actDates.filter((d) => d >= weekStart && d <= today))].sort();
  const latest = acts.at(-1);
  if (latest !== undefined) {
    flags.push({
      kind: "inner_circle_event",
      detail:
        acts.length === 1
          ? `A ${input.actTerm} logged on ${latest}`
          : `${plural(acts.length, input.actTerm)} logged in the last 7 days, the latest on ${latest}`,
    });
  }
  return flags;
}
