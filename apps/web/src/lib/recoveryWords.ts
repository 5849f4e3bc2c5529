import type { ActTerm, Circle } from "@lantern/domain";

/**
 * Lantern's words for the daily recovery screens. Kept in one place so every screen speaks the same
 * warm, plain language, uses the programme's own word for an inner-circle act, and never shames.
 */

// Local days are calendar dates, not instants: format them at UTC midnight so no time zone moves them.
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const longDayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "Mon 30 Nov" for a local day written YYYY-MM-DD. */
export function formatDay(localDate: string): string {
  return dayFormat.format(new Date(`${localDate}T00:00:00Z`));
}

/** "Monday 30 November 2026" for a local day written YYYY-MM-DD. */
export function formatLongDay(localDate: string): string {
  return longDayFormat.format(new Date(`${localDate}T00:00:00Z`));
}

/** "1 day", "12 days". */
export function days(n: number): string {
  return `${n} ${n === 1 ? "day" : "days"}`;
}

/** "1 minute", "6 minutes". */
export function minutes(n: number): string {
  return `${n} ${n === 1 ? "minute" : "minutes"}`;
}

/** A milestone in words: "1 day", "1 week", "2 weeks", "30 days", "1 year", "3 years". */
export function milestoneName(n: number): string {
  if (n === 7) return "1 week";
  if (n === 14) return "2 weeks";
  if (n >= 365 && n % 365 === 0) return n === 365 ? "1 year" : `${n / 365} years`;
  return days(n);
}

/** "a lapse", "a relapse", "a slip". */
export function aAct(term: ActTerm): string {
  return `a ${term}`;
}

/** "Lapse", "Relapse", "Slip" (for the start of a sentence or a label). */
export function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** What each circle is, in the client's terms. */
export const circleWords: Record<Circle, { name: string; short: string; description: string }> = {
  inner: {
    name: "Inner circle",
    short: "Bottom lines",
    description: "The behaviours you are stepping away from. Only these change your count of days.",
  },
  middle: {
    name: "Middle circle",
    short: "Warning signs",
    description:
      "Behaviours and situations that can lead towards your inner circle. Noticing them is a strength.",
  },
  outer: {
    name: "Outer circle",
    short: "Healthy",
    description: "What helps you live the life you want: people, rest, play, care for yourself.",
  },
};

/** The circles in the order they are shown. */
export const circleOrder: readonly Circle[] = ["inner", "middle", "outer"];

/** Mood, 1 to 5, in words. */
export const moodWords = ["Very low", "Low", "Okay", "Good", "Very good"] as const;

/** Sleep quality, 1 to 5, in words. */
export const sleepWords = ["Very poor", "Poor", "Fair", "Good", "Very good"] as const;

/** Who changed something, in words, from how they stood to the client (as the reader sees it). */
export function standingWords(role: string, readerIsClient: boolean): string {
  switch (role) {
    case "self":
      return readerIsClient ? "you" : "the client";
    case "care-team":
      return "care team";
    case "break-glass":
      return "emergency access";
    default:
      return role.replaceAll("_", " ").replaceAll("-", " ");
  }
}
