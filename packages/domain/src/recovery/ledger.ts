import { addDays, daysBetween, type LocalDate } from "./local-date.js";

/**
 * The sobriety ledger is append-only. A start date, each inner-circle act (only those reset the
 * count), and corrections: a correction voids an earlier event, it never edits it.
 */
export type LedgerEvent =
  | { id: string; kind: "sobriety_start"; date: LocalDate; recordedAt: string }
  | { id: string; kind: "inner_circle_act"; date: LocalDate; recordedAt: string }
  | { id: string; kind: "void"; targetId: string; recordedAt: string };

/** Milestones in days: the early ones, then every year. */
export const earlyMilestones = [1, 7, 14, 30, 60, 90, 180, 365] as const;

/** Every milestone up to and including `days`, yearly after the first year. */
export function milestonesUpTo(days: number): number[] {
  const reached: number[] = earlyMilestones.filter((m) => m <= days);
  for (let year = 2; year * 365 <= days; year++) reached.push(year * 365);
  return reached;
}

/** The first milestone after `days`. */
export function nextMilestone(days: number): number {
  const early = earlyMilestones.find((m) => m > days);
  return early ?? (Math.floor(days / 365) + 1) * 365;
}

export interface LedgerSummary {
  startDate: LocalDate | null;
  /** Days since the start or the last inner-circle act, whichever is later. */
  currentStreak: number;
  /** The longest run so far; never lost. */
  longestStreak: number;
  /** Days without an inner-circle act in the 365 days before today, counted from the start date. */
  soberDaysLast365: number;
  milestonesReached: number[];
  nextMilestone: number;
  lastActDate: LocalDate | null;
  actsInLast365: number;
}

/** Drops voided events and, of several start dates, keeps the one recorded last. */
function effective(events: readonly LedgerEvent[]) {
  const voided = new Set(events.flatMap((e) => (e.kind === "void" ? [e.targetId] : [])));
  const live = events.filter((e) => e.kind !== "void" && !voided.has(e.id));
  const starts = live
    .filter((e): e is Extract<LedgerEvent, { kind: "sobriety_start" }> => e.kind === "sobriety_start")
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const start = starts.at(-1)?.date ?? null;
  const acts = [
    ...new Set(
      live.flatMap((e) =>
        e.kind === "inner_circle_act" && start !== null && e.date >= start ? [e.date] : [],
      ),
    ),
  ].sort();
  return { start, acts };
}

/** The live start date and inner-circle act days (voided events dropped), for figures over a window. */
export const effectiveLedger = (events: readonly LedgerEvent[]) => effective(events);

/**
 * What the client sees of their ledger on `today` (their local day). Pure and total: events dated
 * after today are ignored (the API refuses them anyway).
 */
export function summariseLedger(events: readonly LedgerEvent[], today: LocalDate): LedgerSummary {
  const { start, acts: allActs } = effective(events);
  if (start === null || start > today) {
    return {
      startDate: start,
      currentStreak: 0,
      longestStreak: 0,
      soberDaysLast365: 0,
      milestonesReached: [],
      nextMilestone: earlyMilestones[0],
      lastActDate: null,
      actsInLast365: 0,
    };
  }
  const acts = allActs.filter((d) => d <= today);
  // Each reset point starts a run; a run lasts until the next reset point (or today).
  const resets = [start, ...acts.filter((a) => a > start)];
  let longest = 0;
  for (let i = 0; i < resets.length; i++) {
    const from = resets[i] as LocalDate;
    const to = resets[i + 1] ?? today;
    longest = Math.max(longest, daysBetween(from, to));
  }
  const last = resets.at(-1) as LocalDate;
  const current = daysBetween(last, today);

  const windowStart = addDays(today, -365);
  const from = start > windowStart ? start : windowStart;
  const actDaysInWindow = acts.filter((a) => a >= from && a < today).length;
  const soberDays = Math.max(0, daysBetween(from, today) - actDaysInWindow);

  return {
    startDate: start,
    currentStreak: current,
    longestStreak: longest,
    soberDaysLast365: soberDays,
    milestonesReached: milestonesUpTo(current),
    nextMilestone: nextMilestone(current),
    lastActDate: acts.at(-1) ?? null,
    actsInLast365: acts.filter((a) => a > windowStart).length,
  };
}
