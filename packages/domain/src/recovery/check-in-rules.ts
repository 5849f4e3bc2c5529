import { addDays, type LocalDate } from "./local-date.js";

/** A check-in is late when it is first saved after its day has ended (in the client's zone). */
export function isLateCheckIn(date: LocalDate, today: LocalDate): boolean {
  return date < today;
}

/** A check-in can be changed only on the local day it was first saved. */
export function isCheckInEditable(savedOn: LocalDate, today: LocalDate): boolean {
  return savedOn === today;
}

/**
 * Days among the `window` days before today with no check-in, newest first. Days before the sobriety
 * start date (when there is one) are not offered.
 */
export function missedDays(
  today: LocalDate,
  checkedIn: Iterable<LocalDate>,
  startDate: LocalDate | null,
  window = 7,
): LocalDate[] {
  const done = new Set(checkedIn);
  const missed: LocalDate[] = [];
  for (let n = 1; n <= window; n++) {
    const day = addDays(today, -n);
    if (startDate !== null && day < startDate) break;
    if (!done.has(day)) missed.push(day);
  }
  return missed;
}

/**
 * Field errors for picked circle items that are not among the allowed (current, same-circle) ids,
 * named like `middleItemIds.0`.
 */
export function unknownItemErrors(
  picked: readonly string[],
  allowed: ReadonlySet<string>,
  field: string,
): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  picked.forEach((id, index) => {
    if (!allowed.has(id))
      errors.push({ field: `${field}.${index}`, message: "Pick a behaviour from your current circles." });
  });
  return errors;
}
