import { daysBetween, type LocalDate } from "../recovery/local-date.js";

/**
 * Length of stay in days, counted on the programme's local calendar: the discharge day minus the
 * admission day, so a night spent counts as a day. An episode still open counts to `today`. A stay
 * that begins and ends on the same day counts as one day (the client was in care that day); so does
 * an open episode on its first day. Never negative: an admission day after `today` (which the API
 * refuses) counts as 0.
 */
export function lengthOfStay(
  admittedOn: LocalDate,
  dischargedOn: LocalDate | null,
  today: LocalDate,
): number {
  const end = dischargedOn ?? today;
  const days = daysBetween(admittedOn, end);
  if (days < 0) return 0;
  return Math.max(1, days);
}

/**
 * Initials for the census: the first letter of the first and of the last word of a name, upper
 * case ("Alex Moor" → "A. M."). One word gives one initial. Letters outside A–Z are kept as they are.
 */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  if (words.length === 0) return "?";
  const first = Array.from(words[0] ?? "")[0] ?? "";
  if (words.length === 1) return `${first.toLocaleUpperCase()}.`;
  const last = Array.from(words[words.length - 1] ?? "")[0] ?? "";
  return `${first.toLocaleUpperCase()}. ${last.toLocaleUpperCase()}.`;
}

/** What the census shows for a client: their chosen alias if they have one, otherwise initials. */
export function censusName(name: string, alias: string | null): string {
  const chosen = alias?.trim();
  return chosen ? chosen : initialsOf(name);
}
